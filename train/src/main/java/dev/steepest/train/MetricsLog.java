package dev.steepest.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's numbers as a CSV file, one row per {@link #append}: a header of column names,
 * then one line of numbers per row, each flushed so that a crashed run keeps what it logged and a
 * plot can be drawn while it runs. {@link #read} gives the rows back, and a log appended to
 * again (a resumed run) keeps its columns.
 *
 * <pre>
 * MetricsLog log = new MetricsLog(Path.of("out/metrics.csv"), "step", "loss");
 * log.append(1, 2.31);
 * List&lt;Map&lt;String, Double&gt;&gt; rows = MetricsLog.read(Path.of("out/metrics.csv"));
 * </pre>
 */
public final class MetricsLog {
    private final Path file;
    private final List<String> columns;

    /**
     * Opens a log, writing the header when the file is new or empty.
     *
     * @param file the CSV file (its folder must exist)
     * @param columns the column names, e.g. {@code "step", "loss"}: letters, digits and {@code _}
     * @throws IllegalArgumentException for no column, a bad name, or a file whose header names other columns
     * @throws IOException when the file cannot be read or written
     */
    public MetricsLog(Path file, String... columns) throws IOException {
        if (columns.length == 0) {
            throw new IllegalArgumentException("MetricsLog: give at least one column name, e.g. new MetricsLog(file, \"step\", \"loss\")");
        }
        for (String c : columns) {
            if (!c.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("MetricsLog: column name '" + c + "' must be letters, digits and _ (starting with a letter or _)");
            }
        }
        this.file = file;
        this.columns = List.of(columns);
        String header = String.join(",", columns);
        if (Files.exists(file) && Files.size(file) > 0) {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            if (!first.equals(header)) {
                throw new IllegalArgumentException("MetricsLog: " + file + " has the columns " + first + ", not " + header
                        + "; append with the same columns or choose another file");
            }
        } else {
            Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
        }
    }

    /** @return the column names, in order */
    public List<String> columns() {
        return columns;
    }

    /**
     * Appends one row and flushes it to the file.
     *
     * @param values one number per column, in the columns' order
     * @throws IllegalArgumentException when the count differs from the columns'
     * @throws IOException when the file cannot be written
     */
    public void append(double... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("MetricsLog.append: " + values.length + " values for " + columns.size()
                    + " columns " + columns + "; give one value per column");
        }
        StringBuilder line = new StringBuilder();
        for (double v : values) {
            if (line.length() > 0) line.append(',');
            line.append(number(v));
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            out.write(line + "\n");
        }
    }

    /** Numbers as Java prints doubles (exact round trip), integers without ".0". */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Reads a log back.
     *
     * @param file a file written by a {@code MetricsLog}
     * @return one map per row, column name to value, in the file's order
     * @throws IllegalArgumentException for a line whose count of values differs from the header's, or a value that is no number
     * @throws IOException when the file cannot be read
     */
    public static List<Map<String, Double>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("MetricsLog.read: " + file + " is empty; a log starts with a header of column names");
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",", -1);
            if (fields.length != header.size()) {
                throw new IllegalArgumentException("MetricsLog.read: " + file + " line " + (i + 1) + " has " + fields.length
                        + " values, the header " + header.size() + " " + header);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < fields.length; c++) {
                try {
                    row.put(header.get(c), Double.valueOf(fields[c]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("MetricsLog.read: " + file + " line " + (i + 1) + ": '" + fields[c]
                            + "' in column " + header.get(c) + " is not a number");
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
