package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.List;

/**
 * The service a plugin offers: a named factory of one optimizer, found on the classpath with
 * {@link java.util.ServiceLoader}. A plugin jar holds the optimizer, this ~15-line provider
 * annotated {@code @AutoService(OptimizerProvider.class)} (which writes
 * {@code META-INF/services/dev.steepest.optim.OptimizerProvider}), and nothing else.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to create:
 * {@link Optimizers} creates every provider it finds.
 */
public interface OptimizerProvider {

    /** The name users choose it by ({@code -Doptimizer=simplegd}): 1 to 64 characters of lower case {@code [a-z0-9-]}, unique on the classpath. */
    String name();

    /** One line for listings: what the optimizer does. */
    String description();

    /** Every option it accepts, with default, valid range and one-line doc; keys not listed are rejected. */
    List<Hyperparameter> hyperparameters();

    /**
     * Creates the optimizer over {@code params}. {@code options} has been checked against
     * {@link #hyperparameters()} and holds a typed value (or null for "computed") for each.
     * Throw an IllegalArgumentException to refuse a combination of values (the user's input, exit
     * status 2 in the examples); any other exception is the plugin's own failure, reported as an
     * {@link OptimizerPluginException} naming the plugin, its class and its jar (exit status 1).
     */
    Optimizer create(List<Tensor> params, Options options);
}
