package dev.steepest.train.command;

import dev.steepest.train.console.ProgressBar;
import java.io.PrintStream;

/**
 * What an example gets to run with: its parsed options, the console, and the output folder.
 */
public final class Run {
    private final String example;
    private final Args args;
    private final PrintStream out;
    private final Output output;
    private final boolean terminal;

    /**
     * @param example the example's name
     * @param args its parsed options
     * @param out the console
     * @param output the output folder (checked on first use)
     * @param terminal whether the console is a terminal, so that a progress bar may redraw in place
     */
    public Run(String example, Args args, PrintStream out, Output output, boolean terminal) {
        this.example = example;
        this.args = args;
        this.out = out;
        this.output = output;
        this.terminal = terminal;
    }

    /** @return the example's name */
    public String example() {
        return example;
    }

    /** @return the example's options */
    public Args args() {
        return args;
    }

    /** @return the console */
    public PrintStream out() {
        return out;
    }

    /**
     * @return the output folder, created and checked to be writable
     * @throws BadInput when it cannot be written to
     */
    public Output output() {
        return output.check();
    }

    /**
     * @param label what is progressing, e.g. "epoch 1/5"
     * @param total how many units make 100 %
     * @return a progress bar on this run's console: redrawn in place on a terminal, plain lines otherwise
     */
    public ProgressBar progress(String label, int total) {
        return new ProgressBar(out, label, total, terminal);
    }
}
