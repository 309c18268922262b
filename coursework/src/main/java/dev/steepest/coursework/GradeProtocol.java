package dev.steepest.coursework;

import java.util.Arrays;
import java.util.List;

/**
 * The lines a grading child JVM writes and its parent reads: {@code @grade} and tab-separated
 * fields, one report per line ({@code stage}, {@code plugin}, {@code problem}, {@code conformance},
 * {@code lap}, {@code pattern}, {@code digits}, {@code error}, {@code done}). Anything else a
 * plugin prints is not a report.
 */
final class GradeProtocol {
    static final String PREFIX = "@grade\t";

    private GradeProtocol() {
    }

    /** @return one report line; tabs and line breaks inside a field become spaces */
    static String line(String... fields) {
        StringBuilder b = new StringBuilder(PREFIX.substring(0, PREFIX.length() - 1));
        for (String f : fields) {
            b.append('\t').append(f == null ? "" : f.replaceAll("[\t\r\n]", " "));
        }
        return b.toString();
    }

    /** @return the fields of a report line, or null for any other line */
    static List<String> fields(String line) {
        return line.startsWith(PREFIX) ? Arrays.asList(line.substring(PREFIX.length()).split("\t", -1)) : null;
    }
}
