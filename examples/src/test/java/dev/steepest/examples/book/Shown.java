package dev.steepest.examples.book;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a page shows of a program's output, compared with what the program printed. The page's
 * lines must appear as they are and in order, one after the other; a line that is only "…" stands
 * for lines left out, and "…" inside a line for text that changes from run to run (a time).
 * Trailing spaces do not count.
 */
final class Shown {
    static final String GAP = "…";

    private Shown() {
    }

    /** @return null when {@code shown} is what {@code printed} says, else the reason */
    static String differs(List<String> shown, String printed) {
        List<String> real = new ArrayList<>(printed.lines().map(Shown::strip).toList());
        while (!real.isEmpty() && real.get(real.size() - 1).isEmpty()) {
            real.remove(real.size() - 1);
        }
        List<List<Pattern>> segments = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Pattern> segment = new ArrayList<>();
        for (String line : shown) {
            if (strip(line).equals(GAP)) {
                segments.add(segment);
                segment = new ArrayList<>();
            } else {
                segment.add(pattern(strip(line)));
                texts.add(line);
            }
        }
        segments.add(segment);
        int at = 0;
        for (int s = 0; s < segments.size(); s++) {
            List<Pattern> lines = segments.get(s);
            boolean first = s == 0;
            boolean last = s == segments.size() - 1;
            int found = -1;
            if (last && !lines.isEmpty()) {
                int end = real.size() - lines.size();
                if (first ? end == 0 && matchesAt(lines, real, 0) : end >= at && matchesAt(lines, real, end)) {
                    found = end;
                }
            } else if (first) {
                found = matchesAt(lines, real, 0) ? 0 : -1;
            } else {
                for (int i = at; i + lines.size() <= real.size() && found < 0; i++) {
                    found = matchesAt(lines, real, i) ? i : -1;
                }
            }
            if (found < 0 && !(last && lines.isEmpty())) {
                String line = lines.isEmpty() ? GAP : texts.get(countBefore(segments, s));
                return "the page shows '" + line + "'" + (first && last ? " and the lines after it as all the program printed" : first ? " as the first line"
                        : last ? " and the lines after it as the last lines" : "")
                        + ", but the program did not print it there (mark left-out lines with a line '…', text that changes"
                        + " from run to run with '…' inside a line). The program printed:\n" + String.join("\n", real);
            }
            at = found + lines.size();
        }
        return null;
    }

    private static int countBefore(List<List<Pattern>> segments, int s) {
        int n = 0;
        for (int i = 0; i < s; i++) {
            n += segments.get(i).size();
        }
        return n;
    }

    private static boolean matchesAt(List<Pattern> lines, List<String> real, int at) {
        if (at < 0 || at + lines.size() > real.size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).matcher(real.get(at + i)).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Pattern pattern(String line) {
        StringBuilder regex = new StringBuilder();
        for (String part : line.split(GAP, -1)) {
            if (regex.length() > 0 || line.startsWith(GAP)) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static String strip(String line) {
        return line.stripTrailing();
    }
}
