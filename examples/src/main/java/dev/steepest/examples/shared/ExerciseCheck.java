package dev.steepest.examples.shared;

import dev.steepest.core.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The checking half of the book's machine-checked exercises: a chapter's exercise class gives a
 * learner's answer a few seeded cases, and this compares each answer with the value worked out
 * from the chapter's formula in plain Java (an oracle that shares no code with the chapter, as
 * {@code ReferenceKernels} is to the kernels). The result is one line: right, or the first case
 * that is wrong, with its inputs, the element, what the answer gave and what is right.
 *
 * <pre>{@code
 * ExerciseCheck check = new ExerciseCheck("dqn target");
 * check.expect("batch of 4, gamma 0.99", () -> answer.target(r, q, alive, 0.99f), right, 4);
 * return check.result();    // "dqn target: right (5 cases agree with the formula to 1e-4)"
 * }</pre>
 */
public final class ExerciseCheck {
    /** How far an answer may be from the formula: relative, or absolute below 1. */
    public static final double TOLERANCE = 1e-4;

    private final String title;
    private int cases;
    private String wrong;

    /** @param title the exercise's name, the start of the result line */
    public ExerciseCheck(String title) {
        this.title = title;
    }

    /**
     * Runs the answer on one case and compares it with what is right; after the first wrong case,
     * later cases are counted but not run.
     *
     * @param inputs the case in words, for the message ("batch of 4, gamma 0.99")
     * @param answer the learner's answer on this case's inputs
     * @param right the right values, row-major
     * @param shape the right shape
     */
    public void expect(String inputs, Supplier<Tensor> answer, float[] right, int... shape) {
        cases++;
        if (wrong != null) {
            return;
        }
        String where = "case " + cases + " (" + inputs + ")";
        Tensor got;
        try {
            got = answer.get();
        } catch (RuntimeException e) {
            wrong = where + ": the answer threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
            return;
        }
        if (got == null) {
            wrong = where + ": the answer is null; return a tensor of shape " + Arrays.toString(shape);
            return;
        }
        if (!Arrays.equals(got.shape(), shape)) {
            wrong = where + ": the answer has shape " + Arrays.toString(got.shape()) + ", the right one " + Arrays.toString(shape);
            return;
        }
        float[] values = got.toArray();
        for (int i = 0; i < right.length; i++) {
            if (!(Math.abs(values[i] - right[i]) <= TOLERANCE * Math.max(1, Math.abs(right[i])))) {
                wrong = String.format(Locale.ROOT, "%s: element %d is %.6g, the right value is %.6g", where, i, values[i], right[i]);
                return;
            }
        }
    }

    /** @return one line: "TITLE: right (N cases …)" or "TITLE: not yet. case K (…): what differs" */
    public String result() {
        return wrong == null ? title + ": right (" + cases + " cases agree with the formula to 1e-4)"
                             : title + ": not yet. " + wrong;
    }

    /** @return whether every case agreed */
    public boolean right() {
        return wrong == null;
    }
}
