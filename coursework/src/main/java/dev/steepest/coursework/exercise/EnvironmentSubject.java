package dev.steepest.coursework.exercise;

/**
 * An environment as the checks drive it: in this JVM ({@link Local}) or in a grading child. Every call answers with
 * an {@link Outcome}; an exception the environment throws is part of the outcome, since refusing is sometimes right.
 */
public interface EnvironmentSubject {

    /**
     * What a call gave: an observation (and for a step its reward and flags), or the exception thrown.
     *
     * @param thrown the exception's simple class name, or null
     */
    record Outcome(float[] observation, float reward, boolean terminated, boolean truncated, String thrown, String message) {
        /** @return the outcome of a call that threw {@code e} */
        public static Outcome threw(Throwable e) {
            return new Outcome(null, 0, false, false, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }

        /** @return "threw IllegalStateException: ..." or null when nothing was thrown */
        public String refusal() {
            return thrown == null ? null : "threw " + thrown + ": " + message;
        }
    }

    /** @return observationSize() and actionCount() of the environment */
    int[] sizes();

    /** Replaces the environment by a new instance, on which no episode runs. */
    void fresh();

    Outcome reset(long seed);

    Outcome resetTo(double[] state);

    Outcome step(int action);
}
