package dev.steepest.train.command;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The optimizer an example trains with, chosen by name as {@code Optimizers.fromSystemProperties}
 * does: {@code -Doptimizer=NAME} and {@code -Doptimizer.KEY=VALUE}, over the example's own defaults.
 *
 * <p>Each example has a default optimizer and settings, usually the seed's (the pattern classifier
 * uses {@code sgd} with {@code lr 0.001, momentum 0.9}). When another optimizer is named, only the
 * example's learning rate carries over (it is the step size that suits the problem), except to an
 * optimizer that reads curvature ({@link Optimizer#needsGraph()}), whose step curvature sizes; every
 * other option keeps that optimizer's own default. An option given with {@code -Doptimizer.KEY} always wins.
 * The name and every option are checked when the choice is made, before any training starts.
 */
public final class OptimizerChoice {
    private final String name;
    private final OptimizerProvider provider;
    private final Options options;
    private boolean announced;

    private OptimizerChoice(String name, OptimizerProvider provider, Options options) {
        this.name = name;
        this.provider = provider;
        this.options = options;
    }

    /**
     * @param defaultName the optimizer used when {@code -Doptimizer} is not set
     * @param defaults the example's settings for {@code defaultName} (its {@code lr} applies to any optimizer)
     * @return the choice, its options checked against the optimizer's hyperparameters
     * @throws BadInput for an unknown optimizer, option or value (the registry's message)
     */
    public static OptimizerChoice fromSystemProperties(String defaultName, Map<String, Object> defaults) {
        return BadInput.check(() -> {
            String name = System.getProperty("optimizer", defaultName).trim();
            OptimizerProvider provider;
            try {
                provider = Optimizers.provider(name, System.getProperty("optimizer") != null ? "-Doptimizer" : "the example's default");
            } catch (IllegalArgumentException e) {
                throw new BadInput(e.getMessage() + JarLaunch.classPathNote(), e);
            }
            Options options = withDefaults(name, defaultName, provider, defaults, true);
            if (!name.equals(defaultName) && Optimizers.needsGraph(provider)) {   // its lr scales a step curvature has sized
                options = withDefaults(name, defaultName, provider, defaults, false);
            }
            options.resolve(name, provider.hyperparameters());
            return new OptimizerChoice(name, provider, options);
        });
    }

    /** -Doptimizer.KEY=VALUE over the example's defaults: all of them for its own optimizer, else lr (when {@code carryLr}). */
    private static Options withDefaults(String name, String defaultName, OptimizerProvider provider, Map<String, Object> defaults,
                                        boolean carryLr) {
        Options options = Options.fromProperties(System.getProperties(), "optimizer.");
        Set<String> declared = new TreeSet<>();
        for (Hyperparameter h : provider.hyperparameters()) {
            declared.add(h.name());
        }
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(defaults).entrySet()) {
            boolean applies = name.equals(defaultName) || (carryLr && e.getKey().equals("lr"));
            if (applies && declared.contains(e.getKey()) && !options.has(e.getKey())) {
                options = options.with(e.getKey(), e.getValue());
            }
        }
        return options;
    }

    /**
     * @return the options the user gave with {@code -Doptimizer.KEY=VALUE}, checked and converted to
     *         their types (Double, Integer, Boolean or String); the example's own defaults are not among them
     */
    public Map<String, Object> given() {
        Options fromUser = Options.fromProperties(System.getProperties(), "optimizer.");
        Map<String, Object> out = new java.util.TreeMap<>();
        for (Hyperparameter h : provider.hyperparameters()) {
            if (fromUser.has(h.name())) {
                out.put(h.name(), BadInput.check(() -> h.check(name, fromUser.get(h.name()))));
            }
        }
        return out;
    }

    /** @return the name it was chosen by, e.g. {@code "sgd"} */
    public String name() {
        return name;
    }

    /**
     * Creates the optimizer over {@code params}; the first one is created through the registry,
     * which logs one line naming it, its options and where it came from.
     *
     * @param params the tensors to optimize (modified in place by {@code step()})
     * @return a new optimizer
     */
    public Optimizer create(List<Tensor> params) {
        if (!announced) {
            announced = true;
            return BadInput.check(() -> Optimizers.create(name, params, options));
        }
        return provider.create(params, options.resolve(name, provider.hyperparameters()));
    }

    /** @return an optimizer's first-group options on one line, e.g. {@code "lr=0.001 momentum=0.9"} */
    public static String settings(Optimizer optimizer) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Object> e : optimizer.paramGroups().get(0).options().entrySet()) {
            if (s.length() > 0) {
                s.append(' ');
            }
            Object v = e.getValue();
            String text = String.valueOf(v);
            if (v instanceof Double || v instanceof Float) {
                text = Double.toString(((Number) v).doubleValue()).replace("E", "e").replace(".0e", "e");
                text = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
            }
            s.append(e.getKey()).append('=').append(text);
        }
        return s.toString();
    }
}
