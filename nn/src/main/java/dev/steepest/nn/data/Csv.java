package dev.steepest.nn.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads comma-separated numbers, plain or gzip-compressed (recognised by the gzip magic bytes, not
 * the name). Every row must have the same number of columns; a bad cell is reported with the
 * source, line and column.
 */
public final class Csv {

    private Csv() {
    }

    /** The numeric rows of a file, after skipping {@code skipLines} header lines. */
    public static List<float[]> read(Path file, int skipLines) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("Csv.read: file is null");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), skipLines);
        }
    }

    /** The numeric rows of a stream (not closed), gzip-compressed or not; {@code source} names it in messages. */
    public static List<float[]> read(InputStream in, String source, int skipLines) throws IOException {
        try (BufferedReader reader = reader(in)) {
            for (int i = 0; i < skipLines; i++) {
                if (reader.readLine() == null) throw new IOException(source + ": ends before its " + skipLines + " header line(s)");
            }
            List<float[]> rows = new ArrayList<>();
            int line = skipLines;
            for (String text; (text = reader.readLine()) != null; ) {
                line++;
                if (text.isBlank()) continue;
                String[] cells = text.split(",", -1);
                if (!rows.isEmpty() && cells.length != rows.get(0).length) {
                    throw new IOException(source + ": line " + line + " has " + cells.length + " columns, but the first row has " + rows.get(0).length);
                }
                float[] row = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        row[c] = Float.parseFloat(cells[c].trim());
                    } catch (NumberFormatException e) {
                        throw new IOException(source + ": line " + line + ", column " + (c + 1) + ": '" + cells[c] + "' is not a number");
                    }
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** A UTF-8 reader over the stream, decompressing it if it starts with gzip's magic bytes 1f 8b. */
    static BufferedReader reader(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) in = new GZIPInputStream(in);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The first line of a stream (not closed), e.g. a header of names. */
    static String firstLine(InputStream in, String source) throws IOException {
        String line = reader(in).readLine();
        if (line == null) throw new IOException(source + ": is empty");
        return line;
    }
}
