package dev.steepest.examples;

import dev.steepest.coursework.Conformance;
import dev.steepest.coursework.Grade;
import dev.steepest.examples.autoencoder.Autoencoder;
import dev.steepest.examples.dqn.Dqn;
import dev.steepest.examples.gan.Gan;
import dev.steepest.examples.names.NamesLanguageModel;
import dev.steepest.examples.pointnet.PointNet;
import dev.steepest.examples.shared.OptimizerList;
import dev.steepest.examples.tutorial.Bumps;
import dev.steepest.examples.tutorial.Digits;
import dev.steepest.examples.tutorial.Parabola;
import dev.steepest.examples.tutorial.Pattern;
import dev.steepest.examples.tutorial.Race;
import dev.steepest.examples.tutorial.Rating;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Diverged;
import dev.steepest.train.command.Launcher;
import java.io.PrintStream;
import java.util.List;

/**
 * The launcher: {@code java -Doptimizer=simplegd -jar steepest-examples.jar pattern}.
 *
 * <p>With no argument or {@code help} it lists the examples; {@code grade} and {@code conformance}
 * are the coursework jar's commands, listed here too so that the documented commands keep working. An unknown example or option, a bad
 * value or file prints one line on stderr and exits with status 2; a failure during a run prints
 * one line and exits with status 1 (when a plugin's code failed, the line names the plugin, the
 * class and method that failed, and its jar), and so does a run whose loss became NaN or infinite
 * ({@link Diverged}: its summary line says {@code diverged}); {@link Launcher} turns each into its status. Stack traces only with {@code -Dsteepest.debug=true}.
 * Pictures go to {@code out/}, or the folder given with {@code --out DIR} or {@code -Dout=DIR}.
 */
public final class Main {
    private Main() {
    }

    /** @return every example, in the order {@code help} lists them */
    public static List<Command> examples() {
        return List.of(new Rating(), new Pattern(), new Parabola(), new Bumps(), new Race(), new Digits(), new PointNet(),
                new NamesLanguageModel(), new Autoencoder(), new Gan(), new Dqn(), new OptimizerList(), new Conformance(), new Grade());
    }

    /**
     * Runs the example named by the first argument and exits with its status.
     *
     * @param args the example's name, then its options
     */
    public static void main(String[] args) {
        launcher().main(args);
    }

    /**
     * Runs the example named by the first argument.
     *
     * @param args the example's name, then its options
     * @param out the console for results
     * @param err where the one-line error goes
     * @param terminal whether {@code out} is a terminal (progress bars redraw in place)
     * @return 0 on success, 2 for bad input, 1 for a failure during the run
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return launcher().run(args, out, err, terminal);
    }

    private static Launcher launcher() {
        return new Launcher("example", examples(), Main::printHelp);
    }

    private static void printHelp(PrintStream out) {
        out.println("steepest examples: java [-Doptimizer=NAME] [-Doptimizer.KEY=VALUE] -jar steepest-examples.jar EXAMPLE [OPTIONS]");
        out.println();
        Launcher.list(out, examples());
        out.println();
        out.println("Every example also takes --out DIR (or -Dout=DIR) for the folder its pictures go to (default out/).");
        out.println("help EXAMPLE says what each of its options does and gives its default.");
        out.println("-Doptimizer=NAME picks the optimizer by name; 'optimizers' lists them. -Dsteepest.debug=true shows stack traces.");
    }
}
