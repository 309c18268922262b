package dev.steepest.coursework;

import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.conformance.OptimizerConformance;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Run;
import java.util.List;

/**
 * {@code conformance}: runs the plugin conformance kit on {@code -Doptimizer}'s choice (or on every
 * optimizer on the classpath when none is named) and prints each check with why it matters, then
 * one summary line with the counts. It runs with the options given as {@code -Doptimizer.KEY=VALUE}
 * (checked as everywhere else), then with option sets drawn from each hyperparameter's range.
 * A student's plugin jar on the classpath is checked exactly as the built-in ones are.
 */
public final class Conformance implements Command {

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
        Options options = Options.fromProperties(System.getProperties(), "optimizer.");
        List<String> names = List.of();
        if (chosen != null && !chosen.isBlank()) {
            String name = chosen.trim();
            OptimizerProvider provider = BadInput.check(() -> Optimizers.provider(name, "-Doptimizer"));   // unknown: bad input, not a failed check
            BadInput.check(() -> options.resolve(provider));   // a bad -Doptimizer.KEY=VALUE is refused as everywhere else
            names = List.of(name);
        } else if (!options.keys().isEmpty()) {
            throw new BadInput("conformance: the options " + options + " are for one optimizer; name it with -Doptimizer=NAME");
        }
        OptimizerConformance.Summary summary = OptimizerConformance.run(run.out(), names, options);
        if (!summary.allPassed()) {
            throw new IllegalStateException(summary.line().substring("conformance: ".length()));
        }
    }
}
