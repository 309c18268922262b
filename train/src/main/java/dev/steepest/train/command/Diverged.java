package dev.steepest.train.command;

/**
 * A training run whose loss became NaN or infinite: it has not learned anything, whatever its
 * accuracy says (the arg-max of NaN scores is class 0). The example prints its summary marked
 * {@code diverged} first; {@link Launcher} then prints this message on stderr and exits with status 1,
 * as for any other failure during a run.
 */
public final class Diverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which run diverged, when, and what to try (usually a smaller learning rate) */
    public Diverged(String message) {
        super(message);
    }
}
