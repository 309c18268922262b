package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code grade} over a folder of crafted submissions, built here with the JDK's compiler: a correct
 * plugin, a wrong-sign one, one that writes NaN, one that loops forever in step(), one that calls
 * System.exit in its constructor, one that allocates without end, a file that is not a jar, a jar
 * without a provider, a jar with two providers of one name, and two students who chose the same
 * optimizer name. One grading run with small limits; the HTML page is parsed as XML.
 */
class GradeTest {
    static final String DESCENT = PluginFailureTest.DESCENT;

    @TempDir
    static Path work;
    static Launch.Result result;
    static Path out;
    /** Each submission's rows from the HTML page: submission → list of cells by column name. */
    static Map<String, List<Map<String, String>>> bySubmission = new LinkedHashMap<>();

    private static void submit(Path folder, String jar, String pkg, String name, String constructor, String step) throws Exception {
        Path built = PluginJars.fromSource(work, jar, pkg + ".Provider", PluginJars.plugin(pkg, name, true, constructor, step));
        Files.copy(built, folder.resolve(jar));
    }

    @BeforeAll
    static void gradeACraftedFolder() throws Exception {
        Path folder = Files.createDirectories(work.resolve("submissions"));
        submit(folder, "correct.jar", "correct", "descent", "", DESCENT);
        submit(folder, "wrongsign.jar", "wrongsign", "ascent", "", "p.add_(g.mul(lr));");
        submit(folder, "nan.jar", "nan", "nanwriter", "", "p.fill_(Float.NaN);");
        submit(folder, "loops.jar", "loops", "forever", "", "while (lr >= 0) { Thread.onSpinWait(); }");
        submit(folder, "exits.jar", "exits", "quitter", "System.exit(42);", DESCENT);
        submit(folder, "hoards.jar", "hoards", "hoarder", "",
                "java.util.List<float[]> hoard = new java.util.ArrayList<>(); while (lr >= 0) hoard.add(new float[1 << 20]);");
        submit(folder, "alice.jar", "alice", "mine", "", DESCENT);
        submit(folder, "bob.jar", "bob", "mine", "", "p.sub_(g.mul(lr * 2));");
        Files.copy(PluginJars.fromSource(work, "unregistered.jar", "hidden.Provider", PluginJars.plugin("hidden", "hidden", false, "", DESCENT)),
                folder.resolve("noprovider.jar"));
        Path twins = Files.createDirectories(work.resolve("twins-src"));
        Files.createDirectories(twins.resolve("one"));
        Files.createDirectories(twins.resolve("two"));
        Files.writeString(twins.resolve("one/Provider.java"), PluginJars.plugin("one", "twin", true, "", DESCENT));
        Files.writeString(twins.resolve("two/Provider.java"), PluginJars.plugin("two", "twin", true, "", DESCENT));
        Files.copy(PluginJars.build(twins, work, "twins.jar"), folder.resolve("twins.jar"));
        Files.writeString(folder.resolve("notajar.jar"), "my optimizer is in the attachment\n");

        out = System.getenv("GRADE_KEEP") != null ? Path.of(System.getenv("GRADE_KEEP")) : work.resolve("out");   // to look at the page
        result = Launch.inProcess(Map.of(), "grade", folder.toString(), "--timeout", "15", "--heap", "96", "--steps", "20",
                "--seeds", "2", "--batches", "2", "--reference", "sgd", "--jobs", "2", "--out", out.toString());
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("grade.html").toFile());
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

    private static Map<String, String> row(String submission) {
        List<Map<String, String>> rows = bySubmission.get(submission);
        assertTrue(rows != null && rows.size() == 1, submission + ": " + bySubmission + "\n" + result.out() + result.err());
        return rows.get(0);
    }

    private static double grade(String submission) {
        return Double.parseDouble(row(submission).get("grade"));
    }

    @Test
    void theRunEndsWellAndWritesThePageTheMarkdownAndTheJUnitXml() throws Exception {
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().contains("grade: submissions=11 rows=12 not_graded=6;"), result.out());
        assertTrue(Files.readString(out.resolve("grade.md")).contains("| rank | submission | optimizer | grade |"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("grade-junit.xml").toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("12", suite.getAttribute("tests"));
        assertEquals("6", suite.getAttribute("errors"), "one error per submission that could not be graded");
        assertTrue(Files.size(out.resolve("grade-race-rosenbrock.png")) > 0 && Files.size(out.resolve("grade-race-rastrigin.png")) > 0);
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("grade.html").toFile());
        assertEquals(2, page.getElementsByTagName("img").getLength(), "the race of all submissions together, one picture per function");
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
    void aWrongSignOrANaNWriterIsGradedLowWithWhatWentWrongInWords() {
        Map<String, String> wrong = row("wrongsign.jar");
        assertTrue(wrong.get("what went wrong").contains("descends a convex quadratic"), wrong.toString());
        assertTrue(grade("wrongsign.jar") < grade("correct.jar"), wrong + " vs " + row("correct.jar"));
        Map<String, String> nan = row("nan.jar");
        assertEquals("diverged", nan.get("Rosenbrock final loss"), nan.toString());
        assertTrue(nan.get("what went wrong").contains("diverged in the race on rosenbrock"), nan.toString());
        assertTrue(grade("nan.jar") < grade("correct.jar"));
    }

    @Test
    void anEndlessLoopAnExitAndAnEndlessAllocationAreContainedAndGradedZero() {
        Map<String, String> loops = row("loops.jar");
        assertEquals("ungraded", loops.get("class"));
        assertEquals(0.0, grade("loops.jar"));
        assertTrue(loops.get("what went wrong").startsWith("did not finish within the time limit of 15 s; it was stopped while running "),
                loops.toString());
        assertTrue(loops.get("what went wrong").contains("endless loop in step()"), loops.toString());

        Map<String, String> exits = row("exits.jar");
        assertEquals(0.0, grade("exits.jar"));
        assertTrue(exits.get("what went wrong").startsWith("ended the grading JVM with exit status 42 while running conformance of 'quitter'"),
                exits.toString());

        Map<String, String> hoards = row("hoards.jar");
        assertEquals(0.0, grade("hoards.jar"));
        assertTrue(hoards.get("what went wrong").startsWith("ran out of memory (heap limit 96 MB) while running "), hoards.toString());
    }

    @Test
    void filesThatCannotBeGradedGetALineSayingWhyAndZero() {
        assertTrue(row("notajar.jar").get("what went wrong").startsWith("is not a jar file ("), row("notajar.jar").toString());
        assertTrue(row("noprovider.jar").get("what went wrong").startsWith("has no optimizer provider: the jar has no "
                + "META-INF/services/dev.steepest.optim.OptimizerProvider listing one. Annotate your provider class with "
                + "@AutoService(OptimizerProvider.class)"), row("noprovider.jar").toString());
        assertTrue(row("twins.jar").get("what went wrong").startsWith("two providers in one jar use the name 'twin' (one.Provider and "
                + "two.Provider)"), row("twins.jar").toString());
        for (String s : List.of("notajar.jar", "noprovider.jar", "twins.jar")) {
            assertEquals(0.0, grade(s), s);
            assertEquals("—", row(s).get("optimizer"));
        }
    }

    @Test
    void twoStudentsWithTheSameOptimizerNameAreEachGradedAlone() {
        Map<String, String> alice = row("alice.jar");
        Map<String, String> bob = row("bob.jar");
        assertEquals("mine", alice.get("optimizer"));
        assertEquals("mine", bob.get("optimizer"));
        assertEquals("12 of 12", alice.get("conformance checks passed"), alice.toString());
        assertEquals("12 of 12", bob.get("conformance checks passed"), bob.toString());
        assertTrue(grade("alice.jar") > 0 && grade("bob.jar") > 0);
        assertTrue(!alice.get("Rastrigin final loss").equals(bob.get("Rastrigin final loss")), "each ran its own step: " + alice + bob);
    }
}
