package dev.steepest.optim;

/**
 * A plugin's own code failed: its provider's {@code create()} or its optimizer's {@code step()}
 * threw. The message names the plugin, its provider class and the jar or folder it came from, so
 * that a student sees at once that the fault is in the plugin, not in what was typed. The examples
 * exit with status 1 for it (status 2 is kept for the user's input).
 */
public final class OptimizerPluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String plugin;

    /**
     * @param plugin the optimizer's name
     * @param where the method that failed, e.g. {@code "step() of mine.Mine"}
     * @param provider its provider class
     * @param location the jar or folder the provider came from
     * @param cause what it threw
     */
    public OptimizerPluginException(String plugin, String where, String provider, String location, Throwable cause) {
        super("the optimizer plugin '" + plugin + "' failed in " + where + " (provider " + provider + " from " + location + "): "
                + describe(cause), cause);
        this.plugin = plugin;
    }

    /** @return the name of the plugin that failed */
    public String plugin() {
        return plugin;
    }

    /** {@code IllegalStateException: boom}, or the exception's helpful text when it has no message. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
