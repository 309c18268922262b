package dev.steepest.coursework.exercise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link ExerciseCheck} found: one line per check, passed or failed, a failure saying what was seen and what
 * was expected. {@link #assertPassed()} makes it a one-line test; the grader scores the share of checks passed.
 */
public final class ExerciseReport {

    /** One check: its name, whether it passed, and for a failure what was wrong. */
    public record Check(String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + (detail.isEmpty() ? "" : " -- " + detail);
        }
    }

    private final String subject;
    private final List<Check> checks = new ArrayList<>();

    ExerciseReport(String subject) {
        this.subject = subject;
    }

    void add(String name, String failure) {
        checks.add(new Check(name, failure == null, failure == null ? "" : failure));
    }

    /** @return what was checked, e.g. {@code op 'softplus'} */
    public String subject() {
        return subject;
    }

    /** @return every check in the order it ran */
    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** @return how many checks passed */
    public int passedCount() {
        return (int) checks.stream().filter(Check::passed).count();
    }

    /** @return how many checks failed */
    public int failedCount() {
        return checks.size() - passedCount();
    }

    /** True if no check failed. */
    public boolean passed() {
        return failedCount() == 0;
    }

    /** Throws an AssertionError holding the whole report if any check failed. */
    public void assertPassed() {
        if (!passed()) throw new AssertionError(toString());
    }

    /** {@code FAIL op 'softplus': 3 passed, 1 failed}, the one line of a report. */
    public String headline() {
        return (passed() ? "PASS " : "FAIL ") + subject + ": " + passedCount() + " passed, " + failedCount() + " failed";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(headline());
        for (Check c : checks) b.append(System.lineSeparator()).append(c);
        return b.toString();
    }
}
