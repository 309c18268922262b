package dev.steepest.examples;

import dev.steepest.optim.Optimizers;
import dev.steepest.optim.conformance.OptimizerConformance;
import java.util.List;

/**
 * {@code conformance}: runs the plugin conformance kit on {@code -Doptimizer}'s choice (or on every
 * optimizer on the classpath when none is named) and prints each check with why it matters.
 * A student's plugin jar on the classpath is checked exactly as the built-in ones are.
 */
public final class Conformance implements Example {

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String summary() {
        return "run the plugin conformance kit on -Doptimizer's choice (all optimizers when none is named)";
    }

    @Override
    public void run(Run run) {
        String chosen = System.getProperty("optimizer");
        List<String> names = List.of();
        if (chosen != null && !chosen.isBlank()) {
            String name = chosen.trim();
            BadInput.check(() -> Optimizers.provider(name));   // an unknown name is bad input, not a failed check
            names = List.of(name);
        }
        boolean passed = OptimizerConformance.run(run.out(), names);
        String what = names.isEmpty() ? "every optimizer on the classpath" : names.get(0);
        if (!passed) {
            throw new IllegalStateException("conformance: " + what + " failed at least one check (see FAIL above)");
        }
        run.out().println("conformance: " + what + " passed every check");
    }
}
