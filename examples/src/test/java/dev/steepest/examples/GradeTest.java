package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code grade} over a folder of crafted submissions, built here with the JDK's compiler, as a
 * hostile class would hand them in: beside a correct plugin, a wrong-sign one and one that writes
 * NaN, one that loops forever, exits, allocates without end; one that prints forged report lines
 * (through the process's real standard output, and from a shutdown hook); one that starts
 * processes meant to outlive it and rewrite the scoreboard; one that overwrites the other
 * students' jars and the teacher's outputs; a services-file bomb, a flood of output, a services
 * file naming a built-in optimizer, a jar shipping its own copy of a built-in class, names and file
 * names with characters that break XML and Markdown, a snoop on the environment, a
 * StackOverflowError in name(). One grading run with small limits; all three outputs are parsed.
 */
class GradeTest {
    static final String DESCENT = PluginFailureTest.DESCENT;
    static final String MARK = "steepest-grade-test-" + ProcessHandle.current().pid();

    @TempDir
    static Path work;
    static Launch.Result result;
    static Path out;
    static Path folder;
    static boolean sandboxed;
    static Map<String, byte[]> handedIn = new LinkedHashMap<>();
    /** Each submission's rows from the HTML page: submission → list of cells by column name. */
    static Map<String, List<Map<String, String>>> bySubmission = new LinkedHashMap<>();

    private static void submit(String jar, String pkg, String name, String constructor, String step) throws Exception {
        Path built = PluginJars.fromSource(work, pkg + ".jar", pkg + ".Provider", PluginJars.plugin(pkg, name, true, constructor, step));
        Files.copy(built, folder.resolve(jar));
    }

    /** Java statements that run once per child JVM (the constructor runs for every optimizer created). */
    private static String once(String statements) {
        return "if (System.getProperty(\"once\") == null) { System.setProperty(\"once\", \"1\"); try { " + statements
                + " } catch (Exception e) { System.out.println(\"blocked: \" + e); } }";
    }

    private static String shell(String command) {
        return "new ProcessBuilder(\"sh\", \"-c\", \"" + command.replace("\"", "\\\"") + "\").start();";
    }

    @BeforeAll
    static void gradeAHostileFolder() throws Exception {
        sandboxed = bubblewrapWorks();
        folder = Files.createDirectories(work.resolve("submissions"));
        out = System.getenv("GRADE_KEEP") != null ? Path.of(System.getenv("GRADE_KEEP")) : work.resolve("out");
        String realOut = "java.io.PrintStream real = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);";
        String forged = "real.println(\"@grade\\tconformance\\tforger\\t99\\t0\\t0\\t\"); real.println(\"@grade\\tdigits\\tforger\\t1.0\"); "
                + "real.println(\"@grade\\tdone\"); System.out.println(\"java.lang.OutOfMemoryError: Java heap space\");";
        String hook = "Runtime.getRuntime().addShutdownHook(new Thread(() -> { " + (realOut + forged).replace("real", "late") + " }));";

        submit("correct.jar", "correct", "descent", "", DESCENT);
        submit("wrongsign.jar", "wrongsign", "ascent", "", "p.add_(g.mul(lr));");
        submit("nan.jar", "nan", "nanwriter", "", "p.fill_(Float.NaN);");
        submit("loops.jar", "loops", "forever", "", "while (lr >= 0) { Thread.onSpinWait(); }");
        submit("exits.jar", "exits", "quitter", "System.exit(42);", DESCENT);
        submit("hoards.jar", "hoards", "hoarder", "",
                "java.util.List<float[]> hoard = new java.util.ArrayList<>(); while (lr >= 0) hoard.add(new float[1 << 20]);");
        submit("alice.jar", "alice", "mine", "", DESCENT);
        submit("bob.jar", "bob", "mine", "", "p.sub_(g.mul(lr * 2));");
        submit("forger.jar", "forger", "forger", once(realOut + forged + hook), realOut + forged + DESCENT);
        submit("late.jar", "late", "late", once(shell("while true; do sleep 1; echo late > '" + out + "/grade.html'; done; : " + MARK)
                + shell("sleep 600; : " + MARK) + (sandboxed ? shell("setsid sh -c 'sleep 600; : " + MARK + "' &") : "")), DESCENT);
        submit("tamper.jar", "tamper", "tamper", once("try (var files = java.nio.file.Files.list(java.nio.file.Path.of(\""
                + folder + "\"))) { for (var f : files.toList()) if (!f.toString().endsWith(\"tamper.jar\")) java.nio.file.Files.writeString(f, \"gone\"); } "
                + "java.nio.file.Files.createDirectories(java.nio.file.Path.of(\"" + out + "\")); "
                + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + out + "/grade.md\"), \"tampered\");"), DESCENT);
        submit("flood.jar", "flood", "flood", once(realOut + "byte[] x = new byte[1 << 20]; java.util.Arrays.fill(x, (byte) 'x'); "
                + "for (int i = 0; i < 64; i++) real.write(x); real.println(); for (int i = 0; i < 5000; i++) real.println(\"line \" + i);"),
                DESCENT);
        submit("snoop:colon.jar", "snoop", "snoop", "java.util.Set<String> env = new java.util.TreeSet<>(System.getenv().keySet()); "
                + "env.removeAll(java.util.Set.of(\"PATH\", \"LANG\", \"HOME\", \"TMPDIR\", \"PWD\")); String[] here = new java.io.File(\".\").list(); "
                + "if (!env.isEmpty() || here.length != 0) throw new IllegalStateException(\"saw \" + env + \" and \" + java.util.Arrays.toString(here));",
                DESCENT);
        submit("evil\n<img src=x onerror=alert(1)>.jar", "weird", "bad\\uFFFEname\\uFFFF<script>alert(1)</script>", "", DESCENT);
        Files.copy(PluginJars.fromSource(work, "stack.jar", "stack.Provider", PluginJars.plugin("stack", "\" + name() + \"", true, "", DESCENT)),
                folder.resolve("stack.jar"));
        Files.copy(PluginJars.fromSource(work, "shadow.jar", "dev.steepest.optim.plugins.AdamProvider",
                PluginJars.plugin("dev.steepest.optim.plugins", "adam", true, "", DESCENT).replace("class Provider", "class AdamProvider")
                        .replace("new Provider()", "new AdamProvider()")), folder.resolve("shadow.jar"));
        Files.copy(PluginJars.fromSource(work, "unregistered.jar", "hidden.Provider", PluginJars.plugin("hidden", "hidden", false, "", DESCENT)),
                folder.resolve("noprovider.jar"));
        Path twins = Files.createDirectories(work.resolve("twins-src"));
        Files.createDirectories(twins.resolve("one"));
        Files.createDirectories(twins.resolve("two"));
        Files.writeString(twins.resolve("one/Provider.java"), PluginJars.plugin("one", "twin", true, "", DESCENT));
        Files.writeString(twins.resolve("two/Provider.java"), PluginJars.plugin("two", "twin", true, "", DESCENT));
        Files.copy(PluginJars.build(twins, work, "twins.jar"), folder.resolve("twins.jar"));
        Files.copy(PluginJars.fromSource(work, "curvature.jar", "curvature.Provider", PluginJars.plugin("curvature", "curvature", true, "", DESCENT)
                .replace("@Override public void step() {", "@Override public boolean needsGraph() { return true; }\n@Override public void step() {")),
                folder.resolve("curvature.jar"));
        Files.writeString(folder.resolve("notajar.jar"), "my optimizer is in the attachment\n");
        zip(folder.resolve("bomb.jar"), PluginJars.SERVICE, 48 << 20);
        zip(folder.resolve("builtin.jar"), PluginJars.SERVICE, 0);
        for (Path f : Files.list(folder).toList()) handedIn.put(f.getFileName().toString(), Files.readAllBytes(f));

        result = Launch.inProcess(Map.of(), "grade", folder.toString(), "--timeout", "15", "--heap", "96", "--steps", "20",
                "--seeds", "2", "--batches", "2", "--reference", "sgd", "--jobs", "2", "--out", out.toString());
        Thread.sleep(2500);   // a late writer that survived would have written by now
        Document page = parse(out.resolve("grade.html"));
        List<String> columns = new ArrayList<>();
        NodeList heads = page.getElementsByTagName("th");
        for (int i = 0; i < heads.getLength(); i++) columns.add(heads.item(i).getTextContent());
        NodeList rows = ((Element) page.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            Element tr = (Element) rows.item(i);
            NodeList tds = tr.getElementsByTagName("td");
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < tds.getLength(); c++) cells.put(columns.get(c), tds.item(c).getTextContent());
            cells.put("class", tr.getAttribute("class"));
            bySubmission.computeIfAbsent(cells.get("submission"), k -> new ArrayList<>()).add(cells);
        }
    }

    /** Whether bubblewrap runs here, as grade probes it: then grade must say so and use it. */
    private static boolean bubblewrapWorks() {
        try {
            Process p = new ProcessBuilder("bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    /** A jar whose services file is {@code size} bytes of '#' (a few kilobytes compressed), or names the built-in adam. */
    private static void zip(Path jar, String services, int size) throws Exception {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            z.putNextEntry(new ZipEntry(services));
            if (size == 0) {
                z.write("dev.steepest.optim.plugins.AdamProvider\n".getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] chunk = new byte[1 << 20];
                java.util.Arrays.fill(chunk, (byte) '#');
                for (int i = 0; i < size / chunk.length; i++) z.write(chunk);
            }
            z.closeEntry();
        }
    }

    static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Map<String, String> row(String submission) {
        List<Map<String, String>> rows = bySubmission.get(submission);
        assertTrue(rows != null && rows.size() == 1, submission + ": " + bySubmission.keySet() + "\n" + result.out() + result.err());
        return rows.get(0);
    }

    private static double grade(String submission) {
        return Double.parseDouble(row(submission).get("grade"));
    }

    private static String wrong(String submission) {
        return row(submission).get("what went wrong");
    }

    @Test
    void theRunEndsWellAndAllThreeOutputsParse() throws Exception {
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().contains("grade: submissions=22 rows=23 not_graded=10;"), result.out());
        Element suite = parse(out.resolve("grade-junit.xml")).getDocumentElement();
        assertEquals("23", suite.getAttribute("tests"));
        assertEquals("10", suite.getAttribute("errors"), "one error per submission that could not be graded");
        assertTrue(Files.size(out.resolve("grade-race-rosenbrock.png")) > 0 && Files.size(out.resolve("grade-race-rastrigin.png")) > 0);
        assertEquals(2, parse(out.resolve("grade.html")).getElementsByTagName("img").getLength());
        String md = Files.readString(out.resolve("grade.md"));
        assertTrue(md.contains("| rank | submission | optimizer | grade |"), md);
        List<String> table = md.lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(2 + 23, table.size(), "one line per row, a file name with a line break included:\n" + md);
        for (String line : table) {
            assertEquals(table.get(0).split("(?<!\\\\)\\|", -1).length, line.split("(?<!\\\\)\\|", -1).length, line);
        }
        assertFalse(md.contains("<script") || md.contains("<img") || md.contains("\uFFFE") || md.contains("\uFFFF"), md);
    }

    @Test
    void theScoreboardSaysWhichProtectionsRan() throws Exception {
        String page = Files.readString(out.resolve("grade.html"));
        assertTrue(page.contains("Each submission ran with a private copy of each jar; an empty working folder; a minimal environment; "
                + "its process group ended at its end and time limit; "), page);
        assertTrue(page.contains(sandboxed ? "bubblewrap: read-only system" : "no sandbox (bubblewrap not available)"), page);
    }

    @Test
    void theCorrectPluginAndTheReferenceScoreWellAndTheReferenceIsMarked() {
        Map<String, String> correct = row("correct.jar");
        assertEquals("descent", correct.get("optimizer"));
        assertEquals("student", correct.get("class"));
        assertTrue(grade("correct.jar") >= 60, correct.toString());
        Map<String, String> reference = row("built-in (reference)");
        assertEquals("reference", reference.get("class"));
        assertEquals("sgd", reference.get("optimizer"));
        assertTrue(reference.get("conformance checks passed").matches("\\d+ of \\d+( \\(\\d+ skipped\\))?"), reference.toString());
    }

    @Test
    void forgedLinesAndTheWordOutOfMemoryChangeNothing() {
        Map<String, String> forger = row("forger.jar");
        Map<String, String> correct = row("correct.jar");
        for (String column : List.of("grade", "conformance checks passed", "Rosenbrock final loss", "Rastrigin final loss",
                "pattern: seeds correct", "digits accuracy", "what went wrong")) {
            assertEquals(correct.get(column), forger.get(column), column + ": " + forger + " vs " + correct);
        }
        assertTrue(forger.get("what it printed").contains("@grade\tdigits\tforger\t1.0"), forger.toString());
        assertTrue(forger.get("what it printed").contains("java.lang.OutOfMemoryError"), forger.toString());
    }

    @Test
    void lateWritersAndSurvivingProcessesAreEnded() throws Exception {
        assertTrue(grade("late.jar") >= 60, row("late.jar").toString());
        assertFalse(Files.readString(out.resolve("grade.html")).startsWith("late"));
        List<String> alive = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(MARK)).toList();
        assertEquals(List.of(), alive, "processes a submission started outlived it");
    }

    @Test
    void aTamperingSubmissionHarmsNoOtherGradeAndInTheSandboxNoFile() throws Exception {
        assertEquals(grade("correct.jar"), grade("alice.jar"), "alice's copy was graded, whatever happened to her file");
        assertTrue(grade("tamper.jar") >= 60, row("tamper.jar").toString());
        assertTrue(Files.readString(out.resolve("grade.md")).startsWith("# Optimizer scoreboard"));
        if (sandboxed) {
            for (Map.Entry<String, byte[]> e : handedIn.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(folder.resolve(e.getKey())), e.getKey() + " was changed");
            }
        }
    }

    @Test
    void aBombAFloodAndABuiltInProviderFailOnlyTheirOwnRows() {
        assertTrue(wrong("bomb.jar").startsWith("has a META-INF/services/dev.steepest.optim.OptimizerProvider of more than 65536 bytes"),
                wrong("bomb.jar"));
        assertTrue(wrong("builtin.jar").startsWith("names dev.steepest.optim.plugins.AdamProvider in its META-INF/services/"
                + "dev.steepest.optim.OptimizerProvider, which is not a class of this jar"), wrong("builtin.jar"));
        assertTrue(wrong("shadow.jar").startsWith("the provider dev.steepest.optim.plugins.AdamProvider is not the submission's own "
                + "class: the grader already has a class of that name"), wrong("shadow.jar"));
        Map<String, String> flood = row("flood.jar");
        assertTrue(grade("flood.jar") >= 60, flood.toString());
        assertTrue(flood.get("what it printed").contains("more lines"), flood.toString());
        assertTrue(flood.get("what it printed").length() < 20_000, "bounded: " + flood.get("what it printed").length());
    }

    @Test
    void eachChildHasAMinimalEnvironmentAnEmptyFolderAndAPrivateJarName() {
        assertEquals("12 of 12", row("snoop:colon.jar").get("conformance checks passed"), row("snoop:colon.jar").toString());
        assertEquals(grade("correct.jar"), grade("snoop:colon.jar"), row("snoop:colon.jar").toString());
    }

    @Test
    void namesThatBreakMarkupAreShownReplaced() {
        Map<String, String> weird = row("evil\n<img src=x onerror=alert(1)>.jar");
        assertEquals("bad\uFFFDname\uFFFD<script>alert(1)</script>", weird.get("optimizer"));
        assertTrue(weird.get("what went wrong").contains("its name must be 1 to 64 characters of [a-z0-9-]"), weird.toString());
    }

    @Test
    void anEndlessLoopAnExitAnEndlessAllocationAndAStackOverflowAreContainedAndNamed() {
        assertEquals("ungraded", row("loops.jar").get("class"));
        assertEquals(0.0, grade("loops.jar"));
        assertTrue(wrong("loops.jar").startsWith("did not finish within the time limit of 15 s; it was stopped while running "),
                wrong("loops.jar"));
        assertTrue(wrong("exits.jar").startsWith("ended the grading JVM with exit status 42 while running conformance of 'quitter'"),
                wrong("exits.jar"));
        assertTrue(wrong("hoards.jar").startsWith("ran out of memory (heap limit 96 MB) while running "), wrong("hoards.jar"));
        assertTrue(wrong("stack.jar").startsWith("the provider stack.Provider could not be created: java.lang.StackOverflowError"),
                wrong("stack.jar"));
        for (String s : List.of("loops.jar", "exits.jar", "hoards.jar", "stack.jar")) assertEquals(0.0, grade(s), s);
    }

    @Test
    void aWrongSignOrANaNWriterIsGradedLowWithWhatWentWrongInWords() {
        assertTrue(wrong("wrongsign.jar").contains("descends a convex quadratic"), wrong("wrongsign.jar"));
        assertTrue(grade("wrongsign.jar") < grade("correct.jar"));
        assertEquals("diverged", row("nan.jar").get("Rosenbrock final loss"), row("nan.jar").toString());
        assertTrue(wrong("nan.jar").contains("diverged in the race on rosenbrock"), wrong("nan.jar"));
        assertTrue(grade("nan.jar") < grade("correct.jar"));
    }

    @Test
    void filesThatCannotBeGradedGetALineSayingWhyAndZero() {
        assertTrue(wrong("notajar.jar").startsWith("is not a jar file ("), wrong("notajar.jar"));
        assertTrue(wrong("noprovider.jar").startsWith("has no optimizer provider: the jar has no "
                + "META-INF/services/dev.steepest.optim.OptimizerProvider listing one. Annotate your provider class with "
                + "@AutoService(OptimizerProvider.class)"), wrong("noprovider.jar"));
        assertTrue(wrong("twins.jar").startsWith("two providers in one jar use the name 'twin' (one.Provider and two.Provider)"),
                wrong("twins.jar"));
        for (String s : List.of("notajar.jar", "noprovider.jar", "twins.jar", "bomb.jar", "builtin.jar", "shadow.jar")) {
            assertEquals(0.0, grade(s), s);
            assertEquals("—", row(s).get("optimizer"));
        }
    }

    @Test
    void aPluginThatNeedsTheLossesGraphIsMeasuredLikeAnyOther() {
        Map<String, String> curvature = row("curvature.jar");
        Map<String, String> correct = row("correct.jar");
        assertEquals("curvature", curvature.get("optimizer"));
        assertEquals("student", curvature.get("class"));
        // the same descent, on gradients the grader computed with their graph (backward(true)) and sent with a flag saying so
        assertEquals(correct.get("conformance checks passed"), curvature.get("conformance checks passed"), curvature.toString());
        assertEquals(correct.get("what went wrong"), curvature.get("what went wrong"), curvature.toString());
        assertTrue(grade("curvature.jar") >= 60, curvature.toString());
    }

    @Test
    void twoStudentsWithTheSameOptimizerNameAreEachGradedAlone() {
        Map<String, String> alice = row("alice.jar");
        Map<String, String> bob = row("bob.jar");
        assertEquals("mine", alice.get("optimizer"));
        assertEquals("mine", bob.get("optimizer"));
        assertEquals("12 of 12", alice.get("conformance checks passed"), alice.toString());
        assertEquals("12 of 12", bob.get("conformance checks passed"), bob.toString());
        assertTrue(!alice.get("Rastrigin final loss").equals(bob.get("Rastrigin final loss")), "each ran its own step: " + alice + bob);
    }
}
