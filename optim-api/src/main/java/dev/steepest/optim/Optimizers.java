package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.List;
import java.util.SortedSet;

/**
 * The registry of optimizer plugins: every {@link OptimizerProvider} on the classpath, by name.
 * Examples choose their optimizer here, by name, exactly as a student's plugin is chosen:
 *
 * <pre>{@code
 * // java -Doptimizer=sgd -Doptimizer.lr=0.01 -Doptimizer.momentum=0.9 …
 * Optimizer optimizer = Optimizers.fromSystemProperties(model.parameters());
 * }</pre>
 *
 * <p>Each call looks through the current thread's context class loader (see
 * {@link OptimizerRegistry} for another loader), so a plugin jar added to the classpath is found
 * without rebuilding anything. Providers are discovered once per class loader; {@link #reload()}
 * discovers them again.
 */
public final class Optimizers {

    private Optimizers() {
    }

    /** The registry of the current thread's context class loader (discovered on first use, then kept). */
    public static OptimizerRegistry registry() {
        return OptimizerRegistry.of(loader());
    }

    /** Discovers the providers of the current thread's context class loader again. */
    public static OptimizerRegistry reload() {
        return OptimizerRegistry.reload(loader());
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Optimizers.class.getClassLoader();
    }

    /** Every optimizer name on the classpath, sorted. */
    public static SortedSet<String> names() {
        return registry().names();
    }

    /** The provider called {@code name}. */
    public static OptimizerProvider provider(String name) {
        return registry().provider(name);
    }

    /** The provider called {@code name}; {@code source} (e.g. {@code "-Doptimizer"}) is named in errors. */
    public static OptimizerProvider provider(String name, String source) {
        return registry().provider(name, source);
    }

    /** Creates the optimizer called {@code name}; options are checked against its hyperparameters first. */
    public static Optimizer create(String name, List<Tensor> params, Options options) {
        return registry().create(name, params, options);
    }

    /**
     * Creates the optimizer named by {@code -Doptimizer=NAME} with the options
     * {@code -Doptimizer.KEY=VALUE}; throws if no optimizer is named.
     */
    public static Optimizer fromSystemProperties(List<Tensor> params) {
        return fromSystemProperties(params, null);
    }

    /** The same, using {@code defaultName} when {@code -Doptimizer} is not set. */
    public static Optimizer fromSystemProperties(List<Tensor> params, String defaultName) {
        String name = System.getProperty("optimizer", defaultName);
        Options options = Options.fromProperties(System.getProperties(), "optimizer.");
        OptimizerRegistry registry = registry();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("no optimizer chosen: run with -Doptimizer=NAME (and options such as -Doptimizer.lr=0.01). "
                    + "Available: " + String.join(", ", registry.names()));
        }
        return registry.create(name.trim(), params, options,
                System.getProperty("optimizer") != null ? "-Doptimizer" : "the default");
    }

    /**
     * Whether the optimizers {@code provider} makes read the loss's curvature
     * ({@link Optimizer#needsGraph()}), asked of one made with its defaults over a scratch tensor:
     * for a program that must know before it has parameters (which learning rate to carry over,
     * which optimizers a grader can measure).
     *
     * @return false also when no optimizer can be made that way; making the real one reports why
     */
    public static boolean needsGraph(OptimizerProvider provider) {
        try {
            return provider.create(List.of(Tensor.zeros(1).requiresGrad(true)), Options.empty().resolve(provider)).needsGraph();
        } catch (RuntimeException cannotBeMade) {
            return false;
        }
    }
}
