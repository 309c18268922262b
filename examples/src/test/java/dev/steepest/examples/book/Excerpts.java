package dev.steepest.examples.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The excerpts a page includes: regions of a Java source between {@code // book:start NAME} and
 * {@code // book:end NAME}, as JUnit's user guide takes its snippets from tagged test sources.
 * A region's copy leaves out the marker lines of other regions inside it and the indentation all
 * its lines share.
 */
final class Excerpts {
    static final Pattern MARKER = Pattern.compile("^\\s*// book:(start|end) (\\S+)\\s*$");

    /** Every region found under the repository, keyed "path/from/root.java#NAME". */
    final Map<String, List<String>> regions = new LinkedHashMap<>();
    /** What is wrong with the markers themselves: unclosed, unopened, repeated. */
    final List<String> problems = new ArrayList<>();

    Excerpts(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !ignored(root.relativize(f))).toList()) {
                read(root, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ignored(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("target") || part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void read(Path root, Path file) throws IOException {
        String source = root.relativize(file).toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(file);
        Map<String, Integer> open = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.matches()) {
                continue;
            }
            String name = marker.group(2);
            String where = source + ":" + (i + 1);
            if (marker.group(1).equals("start")) {
                if (open.containsKey(name) || regions.containsKey(source + "#" + name)) {
                    problems.add(where + ": a second 'book:start " + name + "'; each name once per file");
                }
                open.put(name, i);
            } else if (!open.containsKey(name)) {
                problems.add(where + ": 'book:end " + name + "' without a 'book:start " + name + "' above it");
            } else {
                regions.put(source + "#" + name, dedent(lines.subList(open.remove(name) + 1, i)));
            }
        }
        open.forEach((name, line) -> problems.add(source + ":" + (line + 1) + ": 'book:start " + name + "' is never closed with 'book:end " + name + "'"));
    }

    /** @return the lines without marker lines and without the indentation they all share */
    static List<String> dedent(List<String> region) {
        List<String> kept = region.stream().filter(l -> !MARKER.matcher(l).matches()).toList();
        int indent = kept.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
