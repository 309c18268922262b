package dev.steepest.train.command;

/**
 * A problem with what the user asked for, found before or while reading it: an unknown example or
 * option, a bad value, a missing or corrupt file, an unwritable output folder.
 *
 * <p>{@link Launcher} prints its message as one line on stderr and exits with status 2; a failure
 * during a run is any other exception and exits with status 1.
 */
public final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the value, and what to do instead */
    public BadInput(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, with the value, and what to do instead
     * @param cause the exception that revealed it (shown only with -Dsteepest.debug=true)
     */
    public BadInput(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs a step that reads what the user gave (an optimizer name and options, a file) and turns
     * the library's complaint into a {@code BadInput} with the same message.
     *
     * @param step the step, e.g. {@code () -> Optimizers.fromSystemProperties(params)}
     * @param <T> what the step returns
     * @return what the step returned
     * @throws BadInput when the step throws IllegalArgumentException, IllegalStateException or an IOException
     */
    public static <T> T check(java.util.concurrent.Callable<T> step) {
        try {
            return step.call();
        } catch (BadInput e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException | java.io.UncheckedIOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new BadInput(message, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
