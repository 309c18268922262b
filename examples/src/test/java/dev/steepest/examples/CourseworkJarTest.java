package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher's jar on its own: {@code java -jar coursework/target/steepest-coursework.jar grade FOLDER}
 * with nothing else on the class path grades a student's plugin jar end to end (each submission in a
 * child JVM started from the coursework jar itself), at small settings. The jar is the shaded one
 * {@code mvn package} (or {@code verify}, as CI runs) builds before the examples' tests run.
 */
class CourseworkJarTest {
    static final Path JAR = Path.of(System.getProperty("user.dir")).getParent().resolve("coursework/target/steepest-coursework.jar");

    @TempDir
    Path work;

    @Test
    void theCourseworkJarGradesASubmissionFromItsOwnJar() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is built by mvn package or verify; mvn test alone does not build it");
        Path folder = Files.createDirectories(work.resolve("submissions"));
        Path out = work.resolve("scoreboard");
        Files.copy(PluginJars.fromSource(work, "alice.jar", "alice.Provider", PluginJars.plugin("alice", "descent", true, "",
                PluginFailureTest.DESCENT)), folder.resolve("alice.jar"));

        Launch.Result r = java("-jar", JAR.toString(), "grade", folder.toString(), "--timeout", "60", "--heap", "96", "--steps", "20",
                "--seeds", "2", "--batches", "2", "--reference", "sgd", "--jobs", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("grade: submissions=1 rows=2 not_graded=0;"), r.out());
        List<String> table = Files.readString(out.resolve("grade.md")).lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(4, table.size(), "a header, its rule, the submission and the reference:\n" + String.join("\n", table));
        String alice = table.stream().filter(l -> l.contains("alice.jar")).findFirst().orElseThrow(() -> new AssertionError(table));
        assertTrue(alice.contains("| descent |"), alice);
        double grade = Double.parseDouble(alice.split("\\|")[4].strip());
        assertTrue(grade > 0 && grade <= 100, "a plain gradient descent earns points: " + alice);
        assertTrue(Files.size(out.resolve("grade.html")) > 0 && Files.size(out.resolve("grade-junit.xml")) > 0);
    }

    /** Runs {@code java ARGS}: with {@code -jar}, the jar's manifest is all the class path it has. */
    static Launch.Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.awt.headless=true");
        command.addAll(List.of(args));
        return Launch.process(command);
    }
}
