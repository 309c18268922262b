package dev.steepest.coursework;

import dev.steepest.train.command.Command;
import dev.steepest.train.command.Launcher;
import java.io.PrintStream;
import java.util.List;

/**
 * The coursework jar's launcher: {@code java -jar coursework/target/steepest-coursework.jar grade submissions/}
 * for a teacher, {@code java -Doptimizer=NAME -cp mine.jar:steepest-coursework.jar dev.steepest.coursework.Main conformance}
 * for a plugin author. The examples' jar runs the same two commands under the same names.
 *
 * <p>Exit statuses as the examples': 0 on success, 2 for bad input (one line on stderr), 1 for a
 * failure during the run (see {@link Launcher}).
 */
public final class Main {
    private Main() {
    }

    /** @return the commands, in the order {@code help} lists them */
    public static List<Command> commands() {
        return List.of(new Conformance(), new Grade());
    }

    /**
     * Runs the command named by the first argument and exits with its status.
     *
     * @param args the command's name, then its options
     */
    public static void main(String[] args) {
        launcher().main(args);
    }

    /**
     * Runs the command named by the first argument.
     *
     * @param args the command's name, then its options
     * @param out the console for results
     * @param err where the one-line error goes
     * @param terminal whether {@code out} is a terminal
     * @return 0 on success, 2 for bad input, 1 for a failure during the run
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return launcher().run(args, out, err, terminal);
    }

    private static Launcher launcher() {
        return new Launcher("command", commands(), Main::printHelp);
    }

    private static void printHelp(PrintStream out) {
        out.println("steepest coursework: java [-Doptimizer=NAME] [-Doptimizer.KEY=VALUE] -jar steepest-coursework.jar COMMAND [OPTIONS]");
        out.println();
        Launcher.list(out, commands());
        out.println();
        out.println("Every command also takes --out DIR (or -Dout=DIR) for the folder it writes to (default out/).");
        out.println("-Dsteepest.debug=true shows stack traces.");
    }
}
