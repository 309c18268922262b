package dev.steepest.coursework;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a submission printed (its child JVM's standard output and error), kept for the teacher to
 * read and never parsed: at most {@link #LINE} characters of a line and {@link #LINES} lines are
 * kept; the rest is read and counted, so that a flood or a line of gigabytes without a newline
 * costs the grader nothing but the time to read it.
 */
final class StudentOutput {
    static final int LINE = 300;
    static final int LINES = 40;

    private final List<String> lines = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private long bytes;
    private long dropped;

    /** Reads {@code in} to its end on a daemon thread. */
    static Thread drain(InputStream in, StudentOutput into) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) into.take(buffer, n);
            } catch (IOException ignored) {
                // the child ended, or the grader closed the stream
            }
            into.end();
        }, "grade-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private synchronized void take(byte[] buffer, int n) {
        bytes += n;
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                line();
            } else if (current.length() < LINE * 4) {
                current.append((char) (b & 0xff));   // bytes for now; decoded when the line ends
            }
        }
    }

    private void line() {
        if (lines.size() < LINES) {
            byte[] raw = new byte[current.length()];
            for (int i = 0; i < raw.length; i++) raw[i] = (byte) current.charAt(i);
            String text = new String(raw, StandardCharsets.UTF_8);
            lines.add(text.length() > LINE ? text.substring(0, LINE) + "…" : text);
        } else {
            dropped++;
        }
        current.setLength(0);
    }

    private synchronized void end() {
        if (current.length() > 0) line();
    }

    /** @return the lines kept, and a last line saying how much more there was */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>(lines);
        if (dropped > 0) out.add("(" + dropped + " more lines, " + bytes + " bytes in all, not shown)");
        return out;
    }
}
