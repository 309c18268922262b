package dev.steepest.optim.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link OptimizerConformance} found: one line per check, passed, failed or skipped, each
 * with a sentence on why the check matters. {@link #assertPassed()} makes it a one-line test.
 */
public final class ConformanceReport {

    /** How a check ended. */
    public enum Outcome {
        /** The optimizer keeps this part of the contract. */
        PASS,
        /** The optimizer breaks this part of the contract; the detail says how. */
        FAIL,
        /** The check could not run for this optimizer (the detail says why); it is not counted as passed. */
        SKIP
    }

    /** One check: its name, outcome, why it matters, and what was seen (for failures and skips). */
    public record Check(String name, Outcome outcome, String why, String detail) {
        @Override
        public String toString() {
            return String.format("%-4s %s%s%n     why: %s", outcome, name, detail.isEmpty() ? "" : " -- " + detail, why);
        }
    }

    private final String subject;
    private final List<Check> checks = new ArrayList<>();

    ConformanceReport(String subject) {
        this.subject = subject;
    }

    void add(Check check) {
        checks.add(check);
    }

    /** Which optimizer was checked, and where its provider came from. */
    public String subject() {
        return subject;
    }

    /** @return every check in the order it ran */
    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** True if no check failed. Skipped checks are not passes: {@link #toString} counts and explains them apart. */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
    }

    /** How many checks ended with {@code outcome}. */
    public int count(Outcome outcome) {
        return (int) checks.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Throws an AssertionError holding the whole report if any check failed. */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(this.toString());
        }
    }

    /** {@code PASS 'adam' (…): 18 passed, 0 failed, 1 skipped}, the one line of a report. */
    public String headline() {
        return (passed() ? "PASS " : "FAIL ") + subject + ": " + count(Outcome.PASS) + " passed, " + count(Outcome.FAIL) + " failed, "
                + count(Outcome.SKIP) + " skipped";
    }

    /** The headline, then only the checks that failed or were skipped, each with what was seen. */
    public String brief() {
        StringBuilder b = new StringBuilder(headline());
        for (Check c : checks) {
            if (c.outcome() != Outcome.PASS) b.append(System.lineSeparator()).append("  ").append(c);
        }
        return b.toString();
    }

    /** The headline, then every check with why it matters. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(headline());
        for (Check c : checks) b.append(System.lineSeparator()).append(c);
        return b.toString();
    }
}
