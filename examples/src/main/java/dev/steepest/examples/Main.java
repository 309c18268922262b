package dev.steepest.examples;

import dev.steepest.optim.Names;
import dev.steepest.optim.Optimizers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher: {@code java -Doptimizer=simplegd -jar steepest-examples.jar pattern}.
 *
 * <p>With no argument or {@code help} it lists the examples. An unknown example or option, a bad
 * value or file prints one line on stderr and exits with status 2; a failure during a run prints
 * one line and exits with status 1 (when a plugin's code failed, the line names the plugin, the
 * class and method that failed, and its jar), and so does a run whose loss became NaN or infinite
 * ({@link Diverged}: its summary line says {@code diverged}). Stack traces only with {@code -Dsteepest.debug=true}.
 * Pictures go to {@code out/}, or the folder given with {@code --out DIR} or {@code -Dout=DIR}.
 */
public final class Main {
    private Main() {
    }

    /** @return every example, in the order {@code help} lists them */
    public static List<Example> examples() {
        return List.of(new Rating(), new Pattern(), new Parabola(), new Bumps(), new Race(), new Digits(), new PointNet(),
                new NamesLanguageModel(), new Autoencoder(), new Gan(), new Dqn(), new OptimizerList(), new Conformance(), new Grade());
    }

    /**
     * Runs the example named by the first argument and exits with its status.
     *
     * @param args the example's name, then its options
     */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");   // pictures are drawn off-screen, also on a desktop
        }
        int status = run(args, System.out, System.err, System.console() != null);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
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
        boolean debug = Boolean.getBoolean("steepest.debug");
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            printHelp(out);
            return 0;
        }
        Example example = null;
        try {
            example = find(args[0]);
            List<String> options = new ArrayList<>(example.options());
            options.add("--out DIR");
            Args parsed = Args.parse(example.name(), Arrays.asList(args).subList(1, args.length), options);
            Path folder = parsed.path("--out").orElseGet(Main::outProperty);
            example.run(new Run(example.name(), parsed, out, new Output(folder, out), terminal));
            return 0;
        } catch (BadInput e) {
            out.flush();
            err.println(e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (Diverged e) {
            out.flush();
            err.println(e.getMessage());
            return 1;
        } catch (Exception | LinkageError | VirtualMachineError | AssertionError e) {
            out.flush();
            Throwable failure = Optimizers.registry().blame(e).<Throwable>map(x -> x).orElse(e);   // a plugin's own code: say whose
            String what = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            err.println(example.name() + " failed: " + what
                    + (debug ? "" : " (run with -Dsteepest.debug=true for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The folder of {@code -Dout=DIR} (default {@code out}); an empty one would silently mean the current folder. */
    private static Path outProperty() {
        String dir = System.getProperty("out", "out");
        if (dir.isBlank()) {
            throw new BadInput("-Dout needs a folder name, got an empty one; leave it out for out/ or give -Dout=DIR.");
        }
        return Path.of(dir);
    }

    private static Example find(String name) {
        List<String> names = new ArrayList<>();
        for (Example example : examples()) {
            if (example.name().equals(name)) {
                return example;
            }
            names.add(example.name());
        }
        throw new BadInput("unknown example '" + name + "'." + Names.didYouMean(name, names)
                + " Available: " + String.join(", ", names) + ". Run with no argument to list them.");
    }

    private static void printHelp(PrintStream out) {
        out.println("steepest examples: java [-Doptimizer=NAME] [-Doptimizer.KEY=VALUE] -jar steepest-examples.jar EXAMPLE [OPTIONS]");
        out.println();
        for (Example example : examples()) {
            out.printf("  %-12s %s%n", example.name(), example.summary());
            if (!example.options().isEmpty()) {
                out.printf("  %-12s options: %s%n", "", String.join(", ", example.options()));
            }
        }
        out.println();
        out.println("Every example also takes --out DIR (or -Dout=DIR) for the folder its pictures go to (default out/).");
        out.println("-Doptimizer=NAME picks the optimizer by name; 'optimizers' lists them. -Dsteepest.debug=true shows stack traces.");
    }
}
