package dev.steepest.examples.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book (docs/book) cannot drift from the code: its excerpts are the sources' marked regions,
 * its links resolve, its Java compiles and prints what the page shows, and its example runs print
 * what the page shows (the fast ones run again here, the slow ones compared with their last run).
 *
 * <p>Two modes change files instead of only checking: {@code -Dbook.refresh=true} copies every
 * marked region into the pages that include it and writes what each Java block printed into the
 * {@code text} block after it (review the diff), and {@code -Dbook.slow=run} (or a part of a page's
 * file name) runs the slow commands again and rewrites docs/book/slow-runs.txt; docs/book/README.md
 * says how to call them.
 */
class BookTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path BOOK = ROOT.resolve("docs/book");

    static final boolean REFRESH = Boolean.getBoolean("book.refresh");

    @TempDir
    Path work;

    static List<Page> pages() throws IOException {
        try (Stream<Path> files = Files.list(BOOK)) {
            List<Page> pages = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                pages.add(Page.read(file));
            }
            return pages;
        }
    }

    /** @return the include notes of every page: "page.md:LINE" -> "path#NAME" */
    private static Map<String, String> includes(Page page) {
        Map<String, String> includes = new LinkedHashMap<>();
        for (Page.Block block : page.blocks()) {
            if (block.note() != null && block.note().startsWith("include:")) {
                includes.put(block.where(page), block.note().substring("include:".length()).trim());
            }
        }
        return includes;
    }

    @Test
    void everyExcerptIsTheMarkedRegionOfItsSource() throws IOException {
        Excerpts excerpts = new Excerpts(ROOT);
        List<String> problems = new ArrayList<>();
        for (Page page : pages()) {
            Map<Page.Block, List<String>> refreshed = new HashMap<>();
            for (Page.Block block : page.blocks()) {
                if (block.note() == null || !block.note().startsWith("include:")) {
                    continue;
                }
                String key = block.note().substring("include:".length()).trim();
                List<String> region = excerpts.regions.get(key);
                if (region == null) {
                    String file = key.replaceAll("#.*", "");
                    problems.add(block.where(page) + ": includes " + key + ", but no such marked region exists ("
                            + (Files.exists(ROOT.resolve(file)) ? file + " has no '// book:start " + key.replaceAll(".*#", "") + "')" : "no file " + file + ")"));
                } else if (!region.equals(block.body())) {
                    refreshed.put(block, region);
                    problems.add(block.where(page) + ": the copy of " + key + " differs from the source"
                            + " (-Dbook.refresh=true copies it again):\nsource:\n" + String.join("\n", region)
                            + "\npage:\n" + String.join("\n", block.body()));
                }
            }
            refresh(page, refreshed);
        }
        assertEquals("", REFRESH ? "" : String.join("\n\n", problems));
    }

    /** With -Dbook.refresh=true, writes the new bodies into the page. */
    private static void refresh(Page page, Map<Page.Block, List<String>> bodies) throws IOException {
        if (REFRESH && !bodies.isEmpty()) {
            Files.writeString(page.file(), page.withBodies(bodies));
        }
    }

    @Test
    void everyMarkedRegionIsWellFormedAndIncludedByAPage() throws IOException {
        Excerpts excerpts = new Excerpts(ROOT);
        List<String> problems = new ArrayList<>(excerpts.problems);
        Set<String> included = new HashSet<>();
        for (Page page : pages()) {
            included.addAll(includes(page).values());
        }
        for (String region : excerpts.regions.keySet()) {
            if (!included.contains(region)) {
                problems.add(region + ": marked for the book, but no page includes it (add '<!-- include: " + region
                        + " -->' above a block, or remove the markers)");
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everyLinkAndImageResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Page page : pages()) {
            for (Page.Link link : page.links()) {
                String target = link.target();
                if (target.matches("^[a-z]+:.*")) {
                    continue;   // https:, mailto: — outside the repository
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page.file() : page.file().getParent().resolve(file).normalize();
                String where = page.name() + ":" + link.line() + ": ";
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    problems.add(where + "links to " + target + ", which does not exist");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !Page.read(resolved).anchors().contains(anchor)) {
                    problems.add(where + "links to " + target + ", but " + resolved.getFileName() + " has no heading with the anchor #" + anchor);
                }
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everyPageIsInTheContents() throws IOException {
        Page contents = Page.read(BOOK.resolve("README.md"));
        Set<String> linked = new HashSet<>();
        contents.links().forEach(l -> linked.add(l.target().replaceAll("#.*", "")));
        List<String> missing = pages().stream().map(Page::name).filter(n -> !n.equals("README.md") && !linked.contains(n)).toList();
        assertEquals(List.of(), missing, "pages that docs/book/README.md does not link to");
    }

    @Test
    void everyStandaloneJavaBlockCompilesAndPrintsWhatThePageShows() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Page page : pages()) {
            Map<Page.Block, List<String>> printed = new HashMap<>();
            problems.addAll(Cells.check(page, ROOT, work.resolve(page.name()), printed));
            if (!REFRESH) {
                printed.forEach((block, lines) -> problems.add(block.where(page) + ": the page says the Java above prints\n"
                        + block.text() + "but it prints\n" + String.join("\n", lines) + "\n(-Dbook.refresh=true writes it into the page)"));
            }
            refresh(page, printed);
            checked += (int) page.blocks().stream().filter(b -> b.info().equals("java") && b.note() == null).count();
        }
        assertEquals("", String.join("\n\n", problems));
        assertTrue(checked > 0, "the book has Java of its own to check");
    }

    @Test
    void everyFastRunPrintsWhatThePageShows() throws IOException {
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Page page : pages()) {
            for (Commands.Shell shell : Commands.of(page)) {
                if (!shell.slow()) {
                    Child.Result result = Commands.run(shell, work.resolve("run" + n++), 2);
                    String reason = Commands.differs(shell, result.console());
                    if (reason != null) {
                        problems.add(reason);
                    }
                }
            }
        }
        assertEquals("", String.join("\n\n", problems));
    }

    @Test
    void everySlowRunShowsWhatItsLastRealRunPrinted() throws IOException {
        String which = System.getProperty("book.slow", "");
        Path log = ROOT.resolve(Commands.LOG);
        Map<String, String> runs = Commands.readLog(log);
        Map<String, String> kept = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Page page : pages()) {
            for (Commands.Shell shell : Commands.of(page)) {
                if (!shell.slow()) {
                    continue;
                }
                if (!which.isEmpty() && (which.equals("run") || page.name().contains(which))) {
                    Path folder = ROOT.resolve("examples/target/book-runs/" + n++);
                    System.out.println("book: running $ " + shell.command());
                    Child.Result result = Commands.run(shell, folder, 30);
                    runs.put(shell.command(), result.console() + Commands.endLine(result) + "\n");
                    System.out.println("book: " + Commands.endLine(result) + ", pictures in " + ROOT.relativize(folder.resolve("out")));
                }
                String logged = runs.get(shell.command());
                if (logged == null) {
                    problems.add(shell.where() + ": $ " + shell.command() + " has no run in " + Commands.LOG
                            + "; run docs/book/run-slow " + page.name());
                    continue;
                }
                kept.put(shell.command(), logged);
                String reason = Commands.differs(shell, logged.substring(0, logged.lastIndexOf("[exit ")));
                if (reason != null) {
                    problems.add(reason);
                }
            }
        }
        if (!which.isEmpty()) {
            Commands.writeLog(log, kept);
        }
        assertFalse(kept.values().stream().anyMatch(r -> Commands.seconds(r) < 0), "every logged run ends with its exit line");
        assertEquals("", String.join("\n\n", problems));
    }
}
