package dev.steepest.train.console;

import java.io.PrintStream;

/**
 * A tiny progress bar. On a terminal it redraws one line in place with a carriage return
 * ({@code epoch 1/5 [#########.........]  48%  loss 0.3121}); when the output is a file or a pipe
 * it prints a plain line at every tenth of the way instead, so logs stay readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean terminal;
    private int done;
    private int lastTenth;
    private long lastDraw;
    private boolean finished;

    /**
     * @param out the console
     * @param label what is progressing, printed in front of the bar
     * @param total how many units make 100 % (at least 1)
     * @param terminal true to redraw in place, false to print plain lines
     */
    public ProgressBar(PrintStream out, String label, int total, boolean terminal) {
        if (total < 1) {
            throw new IllegalArgumentException("ProgressBar: total must be at least 1, got " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
    }

    /**
     * Advances the bar.
     *
     * @param units how many units were completed since the last call (at least 0)
     * @param status a short text shown after the percentage, e.g. the running loss; may be empty
     */
    public void advance(int units, String status) {
        if (units < 0) {
            throw new IllegalArgumentException("ProgressBar.advance: units must be >= 0, got " + units);
        }
        done = Math.min(total, done + units);
        if (terminal) {
            long now = System.nanoTime();
            if (done == total || now - lastDraw >= REDRAW_NANOS) {
                out.print("\r" + line(status));
                out.flush();
                lastDraw = now;
            }
        } else {
            int tenth = (int) ((long) done * 10 / total);
            if (tenth > lastTenth) {
                out.println(line(status));
                lastTenth = tenth;
            }
        }
    }

    /**
     * Completes the bar and ends its line.
     *
     * @param status the final status, e.g. the epoch's mean loss
     */
    public void finish(String status) {
        if (finished) {
            return;
        }
        advance(total - done, status);
        if (terminal) {
            out.println();
        }
        finished = true;
    }

    /** @return the bar as one line of text */
    String line(String status) {
        int filled = (int) ((long) done * WIDTH / total);
        StringBuilder bar = new StringBuilder(label).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '.');
        }
        bar.append(String.format(java.util.Locale.ROOT, "] %3d%%", (int) ((long) done * 100 / total)));
        if (status != null && !status.isEmpty()) {
            bar.append("  ").append(status);
        }
        return bar.toString();
    }
}
