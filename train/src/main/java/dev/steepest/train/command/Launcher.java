package dev.steepest.train.command;

import dev.steepest.optim.Names;
import dev.steepest.optim.Optimizers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one of a program's {@link Command}s, named by the first argument, and turns what happened into
 * an exit status: 0 on success; 2 for bad input ({@link BadInput}: an unknown command or option, a
 * bad value or file), with one line on stderr; 1 for a failure during the run, with one line that
 * names the plugin, class and method when a plugin's own code failed, and 1 for a run whose loss
 * became NaN or infinite ({@link Diverged}). Stack traces only with {@code -Dsteepest.debug=true}.
 * Every command also takes {@code --out DIR} (or {@code -Dout=DIR}) for the folder it writes to.
 *
 * <p>The examples' jar and the coursework jar are both launched through it, so their commands
 * answer alike.
 */
public final class Launcher {
    private final String noun;
    private final List<Command> commands;
    private final Consumer<PrintStream> help;

    /**
     * @param noun what a command is called in messages ("example", "command")
     * @param commands the commands, in the order help lists them
     * @param help prints the list for no argument or {@code help}
     */
    public Launcher(String noun, List<Command> commands, Consumer<PrintStream> help) {
        this.noun = noun;
        this.commands = List.copyOf(commands);
        this.help = help;
    }

    /** Runs the command named by {@code args[0]} on the console and exits with its status (pictures drawn off-screen). */
    public void main(String[] args) {
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
     * Runs the command named by the first argument.
     *
     * @param args the command's name, then its options
     * @param out the console for results
     * @param err where the one-line error goes
     * @param terminal whether {@code out} is a terminal (progress bars redraw in place)
     * @return 0 on success, 2 for bad input, 1 for a failure during the run
     */
    public int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        boolean debug = Boolean.getBoolean("steepest.debug");
        boolean helpAsked = args.length > 0 && List.of("help", "--help", "-h").contains(args[0]);
        if (args.length == 0 || helpAsked && args.length == 1) {
            help.accept(out);
            return 0;
        }
        Command command = null;
        try {
            if (helpAsked) {
                help(find(args[1]), out);
                return 0;
            }
            command = find(args[0]);
            List<String> options = new ArrayList<>(command.options());
            options.add("--out DIR");
            Args parsed = Args.parse(command.name(), Arrays.asList(args).subList(1, args.length), options);
            Path folder = parsed.path("--out").orElseGet(Launcher::outProperty);
            command.run(new Run(command.name(), parsed, out, new Output(folder, out), terminal));
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
            err.println(command.name() + " failed: " + what
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

    private Command find(String name) {
        List<String> names = new ArrayList<>();
        for (Command command : commands) {
            if (command.name().equals(name)) {
                return command;
            }
            names.add(command.name());
        }
        throw new BadInput("unknown " + noun + " '" + name + "'." + Names.didYouMean(name, names)
                + " Available: " + String.join(", ", names) + ". Run with no argument to list them.");
    }

    /**
     * Prints one command's help, as {@code help NAME} asks: its summary, then each option with what
     * it does and its default, one a line.
     *
     * @param command the command
     * @param out where the help goes
     */
    public static void help(Command command, PrintStream out) {
        out.println(command.name() + ": " + command.summary());
        List<String> options = new ArrayList<>(command.options());
        options.add("--out DIR  the folder its pictures go to (default out/, or -Dout=DIR)");
        int width = options.stream().mapToInt(o -> Args.usage(o).length()).max().orElse(0);
        for (String option : options) {
            String usage = Args.usage(option);
            String doc = option.substring(usage.length()).strip();
            out.println(("  " + usage + " ".repeat(width - usage.length()) + "  " + doc).stripTrailing());
        }
    }

    /**
     * Prints each command's name and summary, and its options, as {@code help} lists them.
     *
     * @param out where the list goes
     * @param commands the commands to list
     */
    public static void list(PrintStream out, List<Command> commands) {
        for (Command command : commands) {
            out.printf("  %-12s %s%n", command.name(), command.summary());
            if (!command.options().isEmpty()) {
                out.printf("  %-12s options: %s%n", "", String.join(", ", command.options().stream().map(Args::usage).toList()));
            }
        }
    }
}
