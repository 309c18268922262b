package dev.steepest.examples.book;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example runs a page shows: in a {@code console} block, each line {@code $ java … -jar
 * examples/target/steepest-examples.jar EXAMPLE …} with the lines a learner then sees. A fast run
 * is run again by the check; a block with {@code <!-- slow -->} above it takes minutes, so its
 * runs are compared with their last real run, kept in {@code docs/book/slow-runs.txt} and made
 * again by {@code docs/book/run-slow}. Other commands ({@code mvn}, {@code cd}) are shown, not run.
 */
final class Commands {
    static final String JAR = "examples/target/steepest-examples.jar";
    static final String MAIN = "dev.steepest.examples.Main";
    static final String LOG = "docs/book/slow-runs.txt";
    private static final Pattern END = Pattern.compile("^\\[exit (\\d+) after (\\d+) s\\]$");

    /** One run on a page: the command as written, the lines shown after it, where it is, and whether it is slow. */
    record Shell(String command, List<String> shown, String where, boolean slow) {
        /** @return the java options before -jar, or null when this is not a run of the examples' jar */
        List<String> options() {
            List<String> words = Arrays.asList(command.trim().split("\\s+"));
            int jar = words.indexOf("-jar");
            if (words.isEmpty() || !words.get(0).equals("java") || jar < 0 || jar + 1 >= words.size() || !words.get(jar + 1).equals(JAR)) {
                return null;
            }
            return words.subList(1, jar);
        }

        /** @return the example's name and its options */
        List<String> args() {
            List<String> words = Arrays.asList(command.trim().split("\\s+"));
            return words.subList(words.indexOf("-jar") + 2, words.size());
        }
    }

    private Commands() {
    }

    /** @return every run of the examples' jar on the page */
    static List<Shell> of(Page page) {
        List<Shell> shells = new ArrayList<>();
        for (Page.Block block : page.blocks()) {
            if (!block.info().equals("console")) {
                continue;
            }
            List<String> body = block.body();
            for (int i = 0; i < body.size(); i++) {
                if (!body.get(i).startsWith("$ ")) {
                    continue;
                }
                int end = i + 1;
                while (end < body.size() && !body.get(end).startsWith("$ ")) {
                    end++;
                }
                Shell shell = new Shell(body.get(i).substring(2).trim(), body.subList(i + 1, end),
                        page.name() + ":" + (block.open() + 2 + i), "slow".equals(block.note()));
                if (shell.options() != null) {
                    shells.add(shell);
                }
                i = end - 1;
            }
        }
        return shells;
    }

    /** Runs the example as the command says, in a folder of its own (pictures land in its out/). */
    static Child.Result run(Shell shell, Path folder, int minutes) throws IOException {
        Files.createDirectories(folder);
        return Child.run(folder, shell.options(), Child.testClassPath(), MAIN, shell.args(), minutes);
    }

    /** @return null when the run shows what the page shows, else why not */
    static String differs(Shell shell, String console) {
        String reason = Shown.differs(shell.shown(), console);
        return reason == null ? null : shell.where() + ": $ " + shell.command() + "\n" + reason;
    }

    /** The last real run of each slow command: what it printed, then its "[exit N after T s]" line. */
    static Map<String, String> readLog(Path file) throws IOException {
        Map<String, String> runs = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return runs;
        }
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (command == null && line.startsWith("$ ")) {
                command = line.substring(2).trim();
                output.setLength(0);
            } else if (command != null) {
                output.append(line).append('\n');
                if (END.matcher(line).matches()) {
                    runs.put(command, output.toString());
                    command = null;
                }
            }
        }
        return runs;
    }

    static void writeLog(Path file, Map<String, String> runs) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# The last run of every slow command of the book, written by docs/book/run-slow; BookTest compares\n")
            .append("# the pages with it. Each run: the command, what it printed, and its exit status and wall time.\n\n");
        runs.forEach((command, output) -> text.append("$ ").append(command).append('\n').append(output).append('\n'));
        Files.writeString(file, text.toString());
    }

    /** @return "[exit N after T s]" for a finished run */
    static String endLine(Child.Result result) {
        return "[exit " + result.status() + " after " + result.seconds() + " s]";
    }

    /** @return the wall time in seconds of a logged run */
    static long seconds(String logged) {
        List<String> lines = logged.lines().toList();
        Matcher end = END.matcher(lines.get(lines.size() - 1));
        return end.matches() ? Long.parseLong(end.group(2)) : -1;
    }
}
