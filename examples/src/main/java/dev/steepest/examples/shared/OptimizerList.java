package dev.steepest.examples.shared;

import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.OptimizerRegistry;
import dev.steepest.optim.Optimizers;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.Table;
import java.io.PrintStream;

/**
 * {@code optimizers}: every optimizer found on the classpath, with its description, where it came
 * from, and each hyperparameter's default, valid values and meaning. Plugin jars added to the
 * classpath show up here without rebuilding anything. A broken plugin, or a name two plugins
 * claim, is one warning line with its jar; everything that works is still listed.
 */
public final class OptimizerList implements Command {

    @Override
    public String name() {
        return "optimizers";
    }

    @Override
    public String summary() {
        return "list every discovered optimizer with its hyperparameters and defaults";
    }

    @Override
    public void run(Run run) {
        PrintStream out = run.out();
        OptimizerRegistry registry = Optimizers.registry();
        if (registry.names().isEmpty() && registry.problems().isEmpty()) {
            throw new BadInput("no optimizers found on the classpath: add steepest-optim-plugins or a plugin jar");
        }
        out.println(registry.names().size() + " optimizers on the classpath (choose one with -Doptimizer=NAME, "
                + "set an option with -Doptimizer.KEY=VALUE):");
        for (String name : registry.names()) {
            out.println();
            out.println(name + " - " + registry.description(name));
            out.println("  from " + registry.origin(name));
            Table table = new Table("  option", "default", "valid values", "meaning");
            for (Hyperparameter h : registry.hyperparameters(name)) {
                table.row("  " + h.name(), h.defaultValue() == null ? "(computed)" : String.valueOf(h.defaultValue()),
                        h.validValues(), h.doc());
            }
            out.print(table);
        }
        for (String problem : registry.problems()) {
            out.println("[warning] " + problem);
        }
    }
}
