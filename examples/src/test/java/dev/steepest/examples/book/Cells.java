package dev.steepest.examples.book;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The standalone Java of one page, compiled against the modules and run. A block that declares a
 * public top-level class is a program of its own. Every other block is a cell: the page's cells run in
 * order in one {@code main}, as a learner would type them into jshell with steepest.jsh, so a cell
 * sees the variables of the cells above it. A block that prints is followed on the page by a
 * {@code text} block with exactly what it prints.
 */
final class Cells {
    private static final Pattern PROGRAM = Pattern.compile("(?m)^public\\s+(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)");
    private static final String CELL = "\u001ecell ";
    /** What jshell's DEFAULT startup imports; steepest.jsh's imports are read from the file. */
    private static final List<String> JSHELL_DEFAULT = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*");

    private Cells() {
    }

    /**
     * @param printedBlocks receives, for each {@code text} block whose Java prints something else, what it prints
     * @return every other problem found (does not compile, fails, prints with no text block), each naming the page and line
     */
    static List<String> check(Page page, Path root, Path work, Map<Page.Block, List<String>> printedBlocks) throws IOException {
        List<Page.Block> programs = new ArrayList<>();
        List<Page.Block> cells = new ArrayList<>();
        for (Page.Block block : page.blocks()) {
            if (block.info().equals("java") && block.note() == null) {
                (PROGRAM.matcher(block.text()).find() ? programs : cells).add(block);
            }
        }
        if (programs.isEmpty() && cells.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(work);
        List<Path> sources = new ArrayList<>();
        List<int[]> lineMaps = new ArrayList<>();   // per source: source line (0-based) -> page line (0-based)
        for (Page.Block program : programs) {
            Matcher name = PROGRAM.matcher(program.text());
            name.find();
            Path source = work.resolve(name.group(1) + ".java");
            Files.writeString(source, program.text());
            sources.add(source);
            int[] map = new int[program.body().size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = program.open() + 1 + i;
            }
            lineMaps.add(map);
        }
        String cellClass = "Cells_" + page.name().replaceAll("\\W", "_");
        if (!cells.isEmpty()) {
            List<String> lines = new ArrayList<>();
            List<Integer> map = new ArrayList<>();
            for (String imported : imports(root)) {
                lines.add("import " + imported + ";");
                map.add(-1);
            }
            lines.add("public class " + cellClass + " { public static void main(String[] args) throws Exception {");
            map.add(-1);
            for (int c = 0; c < cells.size(); c++) {
                lines.add("System.out.println(\"" + CELL.replace("\u001e", "\\u001e") + c + "\");");
                map.add(cells.get(c).open());
                for (int i = 0; i < cells.get(c).body().size(); i++) {
                    lines.add(cells.get(c).body().get(i));
                    map.add(cells.get(c).open() + 1 + i);
                }
            }
            lines.add("}}");
            map.add(-1);
            Path source = work.resolve(cellClass + ".java");
            Files.writeString(source, String.join("\n", lines) + "\n");
            sources.add(source);
            lineMaps.add(map.stream().mapToInt(Integer::intValue).toArray());
        }
        List<String> problems = compile(page, sources, lineMaps, work);
        if (!problems.isEmpty()) {
            return problems;
        }
        String classPath = Child.libraryClassPath() + java.io.File.pathSeparator + work;
        for (Page.Block program : programs) {
            Matcher name = PROGRAM.matcher(program.text());
            name.find();
            if (program.text().contains("static void main(")) {
                Child.Result run = Child.run(work, List.of(), classPath, name.group(1), List.of(), 3);
                expect(page, program, run, run.out(), problems, printedBlocks);
            }
        }
        if (!cells.isEmpty()) {
            Child.Result run = Child.run(work, List.of(), classPath, cellClass, List.of(), 3);
            String[] outputs = run.out().split(Pattern.quote(CELL) + "\\d+\n", -1);
            for (int c = 0; c < cells.size(); c++) {
                expect(page, cells.get(c), run, c + 1 < outputs.length ? outputs[c + 1] : "", problems, printedBlocks);
            }
        }
        return problems;
    }

    /** A block's output must be the text block after it, and a block with no text block after it prints nothing. */
    private static void expect(Page page, Page.Block block, Child.Result run, String printed, List<String> problems,
                               Map<Page.Block, List<String>> printedBlocks) {
        if (run.status() != 0 || !run.err().isEmpty()) {
            problems.add(block.where(page) + ": the Java on the page ended with status " + run.status() + " and printed on stderr:\n" + run.err());
            return;
        }
        Page.Block next = page.next(block);
        boolean shown = next != null && next.info().equals("text");
        if (shown && !next.text().equals(printed)) {
            printedBlocks.put(next, printed.lines().toList());
        } else if (!shown && !printed.isEmpty()) {
            problems.add(block.where(page) + ": this Java prints, but no ```text block after it shows what:\n" + printed);
        }
    }

    private static List<String> imports(Path root) throws IOException {
        List<String> imports = new ArrayList<>(JSHELL_DEFAULT);
        for (String line : Files.readAllLines(root.resolve("steepest.jsh"))) {
            Matcher imported = Pattern.compile("^import\\s+([\\w.*]+)\\s*;").matcher(line);
            if (imported.find()) {
                imports.add(imported.group(1));
            }
        }
        return imports;
    }

    private static List<String> compile(Page page, List<Path> sources, List<int[]> lineMaps, Path work) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> problems = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = javac.getTask(new StringWriter(), files, diagnostics,
                    List.of("-cp", Child.libraryClassPath(), "-d", work.toString(), "-Xlint:none"), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                int source = sources.indexOf(Path.of(d.getSource().toUri()));
                int line = (int) d.getLineNumber() - 1;
                int pageLine = source >= 0 && line >= 0 && line < lineMaps.get(source).length ? lineMaps.get(source)[line] : -1;
                problems.add(page.name() + ":" + (pageLine + 1) + ": does not compile: " + d.getMessage(Locale.ROOT));
            }
            if (!compiled && problems.isEmpty()) {
                problems.add(page.name() + ": the page's Java does not compile");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return problems;
    }
}
