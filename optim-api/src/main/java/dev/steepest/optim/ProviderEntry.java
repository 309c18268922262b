package dev.steepest.optim;

import java.util.List;

/**
 * A provider, what it declared at discovery (its description and hyperparameters, read once), and
 * the jar or folder it came from.
 *
 * @param provider the provider
 * @param description its one-line description
 * @param hyperparameters the hyperparameters it declared
 * @param location its jar or folder
 */
record ProviderEntry(OptimizerProvider provider, String description, List<Hyperparameter> hyperparameters, String location) {
    /** @return its class and where it came from, e.g. {@code boom.BoomProvider (file:/…/boom.jar)} */
    String origin() {
        return provider.getClass().getName() + " (" + location + ")";
    }

    /** @return the failure of this plugin's code, naming the plugin, what failed ({@code where}), its class and jar */
    OptimizerPluginException failed(String where, Throwable cause) {
        return new OptimizerPluginException(provider.name(), where, provider.getClass().getName(), location, cause);
    }
}
