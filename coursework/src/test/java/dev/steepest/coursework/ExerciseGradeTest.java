package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * {@code grade --assignment op|module|environment} over folders of crafted submissions, built here with the JDK's
 * compiler as a class would hand them in: the reference solutions, and beside them an op built from steepest's own
 * ops (no rule of its own), a wrong rule, a forger that prints grader-like lines and a perfect score while its op is
 * wrong, an exit, an endless loop, a tamperer that overwrites the other jars, an op of an unknown name with
 * characters that break XML, an optimizer jar handed in to the op assignment, a services file naming a grader class,
 * a class that implements nothing; a module with PyTorch's names changed and one with all-zero weights; an
 * environment with the wrong gravity and one that takes any action. All three outputs are parsed, and the
 * environment assignment graded in two shards and merged equals one run.
 */
class ExerciseGradeTest {
    @TempDir
    static Path work;
    static final Map<String, Map<String, List<Map<String, String>>>> rows = new LinkedHashMap<>();
    static final Map<String, String> printed = new LinkedHashMap<>();
    static final Map<String, byte[]> handedIn = new LinkedHashMap<>();
    static Path ops;

    private static Map<String, String> solution(String kind, String className) {
        return Map.of("solution." + className, ExerciseJars.source(kind, className));
    }

    private static Map<String, String> variant(String kind, String className, String pkg, String... fromTo) {
        String s = ExerciseJars.source(kind, className).replace("package solution;", "package " + pkg + ";");
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(s.contains(fromTo[i]), fromTo[i]);
            s = s.replace(fromTo[i], fromTo[i + 1]);
        }
        return Map.of(pkg + "." + className, s);
    }

    private static void hand(Path folder, String jar, Map<String, String> sources) throws Exception {
        Files.copy(ExerciseJars.build(work, folder.getFileName() + "-" + jar, sources), folder.resolve(jar));
    }

    private static String once(String statements) {
        return "if (System.getProperty(\"once\") == null) { System.setProperty(\"once\", \"1\"); try { " + statements
                + " } catch (Exception e) { System.out.println(\"blocked: \" + e); } }";
    }

    /** Runs grade in this JVM and reads each row of grade.html by submission; every output must parse. */
    static String grade(String name, Path folder, String... more) throws Exception {
        Path out = (System.getenv("GRADE_KEEP") != null ? Path.of(System.getenv("GRADE_KEEP")) : work).resolve("out-" + name);
        List<String> args = new ArrayList<>(List.of("grade", folder.toString(), "--timeout", "12", "--heap", "128", "--jobs", "2",
                "--out", out.toString()));
        args.addAll(List.of(more));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
        String said = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, said);
        Document page = parse(out.resolve("grade.html"));
        parse(out.resolve("grade-junit.xml"));
        List<String> columns = new ArrayList<>();
        NodeList heads = page.getElementsByTagName("th");
        for (int i = 0; i < heads.getLength(); i++) columns.add(heads.item(i).getTextContent());
        NodeList trs = ((Element) page.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        Map<String, List<Map<String, String>>> bySubmission = new LinkedHashMap<>();
        for (int i = 0; i < trs.getLength(); i++) {
            NodeList tds = ((Element) trs.item(i)).getElementsByTagName("td");
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < tds.getLength(); c++) cells.put(columns.get(c), tds.item(c).getTextContent());
            bySubmission.computeIfAbsent(cells.get("submission"), k -> new ArrayList<>()).add(cells);
        }
        rows.put(name, bySubmission);
        printed.put(name, said);
        return said;
    }

    static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @BeforeAll
    static void gradeThreeFolders() throws Exception {
        ops = Files.createDirectories(work.resolve("ops"));
        Map<String, String> correct = new LinkedHashMap<>(solution("ops", "Softplus"));
        correct.putAll(solution("ops", "Logsumexp"));
        correct.putAll(solution("ops", "MaxOverPoints"));
        hand(ops, "correct.jar", correct);
        hand(ops, "composed.jar", variant("ops", "Softplus", "composed",
                "return Tensor.record(\"SoftplusBackward\", y, new Tensor[] {x}, new Tensor[] {x},", "return x.exp().add(Tensor.onesLike(x)).log(); /*",
                "g -> new Tensor[] {g.mul(x.sigmoid())});", "*/"));
        hand(ops, "wrongrule.jar", variant("ops", "Softplus", "wrongrule", "g.mul(x.sigmoid())", "g.mul(x.exp())"));
        String realOut = "java.io.PrintStream real = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);";
        String forged = "real.println(\"PASS op 'softplus': 4 passed, 0 failed\"); real.println(\"grade 100.0\");";
        hand(ops, "forger.jar", variant("ops", "Softplus", "forger", "Tensor x = inputs[0];", once(realOut + forged
                + "Runtime.getRuntime().addShutdownHook(new Thread(() -> { " + (realOut + forged).replace("real", "late") + " }));")
                + " Tensor x = inputs[0];", "g.mul(x.sigmoid())", "g.mul(0f)", "x.exp().add(Tensor.onesLike(x)).log()", "x.mul(0f)"));
        hand(ops, "exits.jar", variant("ops", "Softplus", "exits", "Tensor x = inputs[0];", "System.exit(42); Tensor x = inputs[0];"));
        hand(ops, "loops.jar", variant("ops", "Softplus", "loops", "Tensor x = inputs[0];",
                "while (inputs.length > 0) Thread.onSpinWait(); Tensor x = inputs[0];"));
        hand(ops, "tamper.jar", variant("ops", "Softplus", "tamper", "Tensor x = inputs[0];", once("try (var files = java.nio.file.Files.list("
                + "java.nio.file.Path.of(\"" + ops + "\"))) { for (var f : files.toList()) if (!f.toString().endsWith(\"tamper.jar\")) "
                + "java.nio.file.Files.writeString(f, \"gone\"); }") + " Tensor x = inputs[0];"));
        hand(ops, "unknown.jar", variant("ops", "Softplus", "unknown", "return \"softplus\";", "return \"softplsu\\uFFFE<script>\";"));
        hand(ops, "optimizer.jar", Map.of("opt.Provider", """
                package opt;
                import com.google.auto.service.AutoService;
                import dev.steepest.optim.OptimizerProvider;
                @AutoService(OptimizerProvider.class)
                public final class Provider {
                }
                """));
        hand(ops, "nothing.jar", Map.of("nothing.Nothing", """
                package nothing;
                import com.google.auto.service.AutoService;
                import dev.steepest.coursework.exercise.OpExercise;
                @AutoService(OpExercise.class)
                public final class Nothing {
                }
                """));
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(ops.resolve("grader.jar")))) {
            z.putNextEntry(new java.util.zip.ZipEntry(Assignment.OP.services()));
            z.write("dev.steepest.coursework.exercise.Local\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        for (Path f : Files.list(ops).toList()) handedIn.put(f.getFileName().toString(), Files.readAllBytes(f));
        grade("op", ops, "--assignment", "op");

        Path modules = Files.createDirectories(work.resolve("modules"));
        Map<String, String> both = new LinkedHashMap<>(solution("modules", "LstmCell"));
        both.putAll(solution("modules", "AttentionHead"));
        hand(modules, "correct.jar", both);
        hand(modules, "renamed.jar", variant("modules", "LstmCell", "renamed", "\"weight_ih\"", "\"w_ih\""));
        hand(modules, "zeros.jar", variant("modules", "LstmCell", "zeros", "Init.uniform_(Tensor.zeros(4 * hidden, input), -k, k, g)",
                "Tensor.zeros(4 * hidden, input)"));
        grade("module", modules, "--assignment", "module");

        Path environments = Files.createDirectories(work.resolve("environments"));
        Map<String, String> envs = new LinkedHashMap<>(solution("environments", "MountainCar"));
        envs.putAll(solution("environments", "Acrobot"));
        hand(environments, "correct.jar", envs);
        hand(environments, "gravity.jar", variant("environments", "MountainCar", "gravity", "GRAVITY = 0.0025", "GRAVITY = 0.0026"));
        hand(environments, "anyaction.jar", variant("environments", "MountainCar", "anyaction",
                "if (action < 0 || action > 2) throw", "if (action < -100) throw"));
        grade("environment", environments, "--assignment", "environment");
        grade("environment-1", environments, "--assignment", "environment", "--shard", "1/2");
        grade("environment-2", environments, "--assignment", "environment", "--shard", "2/2");
        Path kept = System.getenv("GRADE_KEEP") != null ? Path.of(System.getenv("GRADE_KEEP")) : work;
        Path merged = kept.resolve("out-environment-merged");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"grade", "merge", kept.resolve("out-environment-1").resolve(GradeResults.FILE).toString(),
                kept.resolve("out-environment-2").resolve(GradeResults.FILE).toString(), "--out", merged.toString()},
                new PrintStream(said, true, StandardCharsets.UTF_8), new PrintStream(said, true, StandardCharsets.UTF_8), false), said.toString());
    }

    private static Map<String, String> row(String run, String submission, String exercise) {
        List<Map<String, String>> list = rows.get(run).get(submission);
        assertTrue(list != null, submission + " in " + rows.get(run).keySet() + "\n" + printed.get(run));
        for (Map<String, String> r : list) {
            if (exercise == null || r.get("exercise").equals(exercise)) return r;
        }
        throw new AssertionError(exercise + " in " + list);
    }

    private static String wrong(String run, String submission) {
        return row(run, submission, null).get("what went wrong");
    }

    private static double grade(String run, String submission, String exercise) {
        return Double.parseDouble(row(run, submission, exercise).get("grade"));
    }

    @Test
    void theReferenceSolutionsScoreFullMarksInEveryKind() {
        for (String op : List.of("softplus", "logsumexp", "max-over-points")) {
            assertEquals(100.0, grade("op", "correct.jar", op), row("op", "correct.jar", op).toString());
            assertEquals("4 of 4", row("op", "correct.jar", op).get("checks passed"));
        }
        for (String m : List.of("lstm-cell", "attention-head")) {
            assertEquals("5 of 5", row("module", "correct.jar", m).get("checks passed"), row("module", "correct.jar", m).toString());
        }
        assertEquals("7 of 7", row("environment", "correct.jar", "mountaincar").get("checks passed"));
        assertEquals("6 of 6", row("environment", "correct.jar", "acrobot").get("checks passed"));
        assertTrue(printed.get("op").contains("grade: 11 submission(s) of the op assignment (logsumexp, max-over-points, softplus)"),
                printed.get("op"));
    }

    @Test
    void anOpBuiltFromSteepestsOwnOpsOrWithAWrongRuleFailsTheCheckThatSaysSo() {
        assertEquals(75.0, grade("op", "composed.jar", "softplus"));
        assertTrue(wrong("op", "composed.jar").startsWith("failed 'records its own backward as SoftplusBackward': the result's grad_fn is "
                + "LogBackward, not SoftplusBackward: a result built from steepest's own ops gets their gradient, not a rule of yours"),
                wrong("op", "composed.jar"));
        assertEquals(50.0, grade("op", "wrongrule.jar", "softplus"));
        String rule = wrong("op", "wrongrule.jar");
        assertTrue(rule.contains("failed 'backward matches PyTorch 1.13': case 1 (input of shape [3, 4]): gradient of input 0 element 0 is "), rule);
        assertTrue(rule.contains("(the rule: softplus(x) = log(1 + eˣ); d/dx = sigmoid(x))"), rule);
        assertTrue(rule.contains("failed 'backward agrees with central differences (GradCheck)': at input 0 element "), rule);
    }

    @Test
    void forgedLinesChangeNothingAndAreShownAsPrinted() {
        Map<String, String> forger = row("op", "forger.jar", "softplus");
        assertEquals(50.0, grade("op", "forger.jar", "softplus"), forger.toString());
        assertTrue(forger.get("what it printed").contains("grade 100.0"), forger.toString());
        assertTrue(forger.get("what went wrong").contains("failed 'forward matches PyTorch 1.13': case 1"), forger.toString());
    }

    @Test
    void anExitAndAnEndlessLoopAreContainedAndNamed() {
        assertTrue(wrong("op", "exits.jar").startsWith("ended the grading JVM with exit status 42 while running the checks of op 'softplus'"),
                wrong("op", "exits.jar"));
        assertTrue(wrong("op", "loops.jar").startsWith("did not finish within the time limit of 12 s; it was stopped while running the "
                + "checks of op 'softplus'. Is there an endless loop (a loop whose condition never changes) in the code it was running: "
                + "step() for an optimizer, forward, backward or step for an exercise?"), wrong("op", "loops.jar"));
        assertEquals(0.0, grade("op", "exits.jar", null));
        assertEquals(0.0, grade("op", "loops.jar", null));
    }

    @Test
    void aTamperingSubmissionHarmsNoOtherGrade() throws Exception {
        assertEquals(100.0, grade("op", "tamper.jar", "softplus"), row("op", "tamper.jar", null).toString());
        assertEquals(100.0, grade("op", "correct.jar", "softplus"), "the correct jar's private copy was graded");
        if (Sandbox.choose(Sandbox.Mode.AUTO).bubblewrap()) {
            for (Map.Entry<String, byte[]> e : handedIn.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(ops.resolve(e.getKey())), e.getKey() + " was changed");
            }
        }
    }

    @Test
    void aJarOfTheWrongKindOrWithoutAnExerciseOfItsOwnIsRefusedWithWhatToDo() {
        assertEquals("has no op exercise: the jar has no META-INF/services/dev.steepest.coursework.exercise.OpExercise listing one. "
                + "Annotate your class with @AutoService(OpExercise.class), as templates/op-exercise does, then build the jar again",
                wrong("op", "optimizer.jar"));
        assertTrue(wrong("op", "grader.jar").startsWith("names dev.steepest.coursework.exercise.Local in its META-INF/services/"
                + "dev.steepest.coursework.exercise.OpExercise, which is not a class of this jar"), wrong("op", "grader.jar"));
        assertEquals("the class nothing.Nothing does not implement dev.steepest.coursework.exercise.OpExercise; the op assignment takes "
                + "a class implementing it, as templates/op-exercise does", wrong("op", "nothing.jar"));
        for (String s : List.of("optimizer.jar", "grader.jar", "nothing.jar")) assertEquals(0.0, grade("op", s, null), s);
    }

    @Test
    void anUnknownNameIsNamedWithTheChoicesAndMarkupBreakersAreReplaced() throws Exception {
        Map<String, String> unknown = row("op", "unknown.jar", null);
        assertEquals("softplsu\uFFFD<script>", unknown.get("exercise"));
        assertEquals("failed 'is an op of the assignment': op() returned 'softplsu\uFFFD<script>'; the ops are [logsumexp, "
                + "max-over-points, softplus]", unknown.get("what went wrong"));
        String md = Files.readString(kept().resolve("out-op").resolve("grade.md"));
        assertTrue(md.startsWith("# Scoreboard of the op assignment"), md);
        assertFalse(md.contains("<script") || md.contains("\uFFFE"), md);
    }

    @Test
    void aModuleWithOtherNamesOrNoInitialisationFailsTheChecksThatSaySo() {
        String renamed = wrong("module", "renamed.jar");
        assertTrue(renamed.startsWith("failed 'has PyTorch's parameters weight_ih [16, 3], weight_hh [16, 4], bias_ih [16], bias_hh [16]': "
                + "it has w_ih [16, 3], weight_hh [16, 4], bias_ih [16], bias_hh [16]; name and shape them as PyTorch does"), renamed);
        assertTrue(renamed.contains("failed 'forward matches PyTorch 1.13': threw IllegalArgumentException: the module has no parameter "
                + "'weight_ih'; it has [w_ih, weight_hh, bias_ih, bias_hh]"), renamed);
        assertEquals("failed 'initialises its parameters in U(-0.5, 0.5) as PyTorch does': every value of weight_ih is 0.0; draw each from "
                + "U(-0.5, 0.5) (init.uniform_), or the units all learn the same", wrong("module", "zeros.jar"));
        assertEquals(80.0, grade("module", "zeros.jar", "lstm-cell"));
    }

    @Test
    void anEnvironmentWithTheWrongGravityOrNoRefusalFailsTheChecksThatSaySo() {
        String gravity = wrong("environment", "gravity.jar");
        assertTrue(gravity.startsWith("failed 'replays 'random actions to the time limit' (200 steps) as Gymnasium's equations do': step "),
                gravity);
        assertTrue(gravity.contains("but Gymnasium's equations give ["), gravity);
        assertTrue(wrong("environment", "anyaction.jar").startsWith("failed 'refuses an action out of range, naming it': step(3) was taken; "
                + "throw an IllegalArgumentException whose message names the action and the valid ones (0 to 2)"), wrong("environment", "anyaction.jar"));
    }

    @Test
    void twoShardsMergedEqualOneRun() throws Exception {
        Document one = parse(kept().resolve("out-environment").resolve("grade.html"));
        Document merged = parse(kept().resolve("out-environment-merged").resolve("grade.html"));
        assertEquals(cells(one, List.of("time", "what it printed")), cells(merged, List.of("time", "what it printed")));
        assertTrue(Files.readString(kept().resolve("out-environment-merged").resolve("grade.md")).startsWith("# Scoreboard of the environment"));
    }

    /** Where the outputs are: a temporary folder, or GRADE_KEEP's (to look at them, or picture them for the README). */
    private static Path kept() {
        return System.getenv("GRADE_KEEP") != null ? Path.of(System.getenv("GRADE_KEEP")) : work;
    }

    /** Every cell of the table but the named columns, row by row. */
    private static List<String> cells(Document page, List<String> leaveOut) {
        List<String> columns = new ArrayList<>();
        NodeList heads = page.getElementsByTagName("th");
        for (int i = 0; i < heads.getLength(); i++) columns.add(heads.item(i).getTextContent());
        List<String> out = new ArrayList<>();
        NodeList tds = page.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            if (!leaveOut.contains(columns.get(i % columns.size()))) out.add(tds.item(i).getTextContent());
        }
        return out;
    }
}
