package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README tells a learner to type works as printed. */
class ReadmeTest {
    /** The modules a plain javac/java needs, as the README's class path names them (steepest-train for the training tools). */
    static final List<String> LIBRARY = List.of("steepest-core", "steepest-nn", "steepest-optim-api", "steepest-optim-plugins",
            "steepest-train");
    /** The libraries besides: jackson-core reads checkpoint headers, XChart draws steepest-train's charts. */
    static final List<String> THIRD_PARTY = List.of("jackson-core", "xchart");

    @TempDir
    Path work;

    static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
    }

    /** @return the README's text from the heading to the next heading of the same or a higher level */
    static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "the README has the section '" + heading + "'");
        Matcher next = Pattern.compile("\n#{1," + heading.indexOf(' ') + "} ").matcher(readme);
        int end = next.find(start + heading.length() + 2) ? next.start() : readme.length();
        return readme.substring(start, end);
    }

    /** @return the contents of every fenced block of the given language ("" for a plain block), fences paired in order */
    static List<String> blocks(String text, String language) {
        List<String> found = new ArrayList<>();
        StringBuilder block = null;
        String open = null;
        for (String line : text.split("\n", -1)) {
            if (block == null && line.startsWith("```")) {
                block = new StringBuilder();
                open = line.substring(3).trim();
            } else if (block != null && line.equals("```")) {
                if (open.equals(language)) {
                    found.add(block.toString());
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return found;
    }

    /** @return the entries of the test's class path that are the library's modules and jackson-core */
    static List<String> libraryClassPath() {
        List<String> chosen = new ArrayList<>();
        for (String entry : Launch.testClassPath().split(File.pathSeparator)) {
            String normal = entry.replace('\\', '/');
            boolean module = LIBRARY.stream().anyMatch(m -> normal.endsWith("/" + m.substring("steepest-".length()) + "/target/classes")
                    || normal.matches(".*/" + m + "-[^/]*\\d(-SNAPSHOT)?\\.jar"));
            if (module || THIRD_PARTY.stream().anyMatch(j -> normal.matches(".*/" + j + "-[^/]*\\.jar"))) {
                chosen.add(entry);
            }
        }
        return chosen;
    }

    @Test
    void thePlainClassPathNamesTheFiveModulesJacksonCoreAndXChartAndNothingElse() throws IOException {
        String plain = section(readme(), "### With plain `javac` and `java`");
        List<String> lines = blocks(plain, "").get(0).lines().filter(l -> l.startsWith("CP=")).toList();
        Set<String> artifacts = new TreeSet<>();
        for (String line : lines) {
            Arrays.stream(line.substring(3).split(":")).filter(p -> !p.equals("$CP"))
                    .map(p -> p.substring(p.lastIndexOf('/') + 1).replaceAll("-\\d.*\\.jar$", ""))
                    .forEach(artifacts::add);
        }
        Set<String> expected = new TreeSet<>(LIBRARY);
        expected.addAll(THIRD_PARTY);
        assertEquals(expected, artifacts, String.join("\n", lines));
        assertEquals(7, libraryClassPath().size(), "the test finds each of them on its own class path: " + libraryClassPath());
    }

    @Test
    void theIrisProgramCompilesAndRunsOnThePlainClassPathAndPrintsWhatTheReadmeShows() throws Exception {
        compileAndRun("### An MLP on the Iris flowers");
    }

    @Test
    void theLoopWithAProgressBarAndALossPlotPrintsWhatTheReadmeShowsAndDrawsThePicture() throws Exception {
        compileAndRun("### Your own loop with a progress bar and a loss plot");
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(work.resolve("iris-loss.png").toFile());
        assertEquals(List.of(600, 400), List.of(picture.getWidth(), picture.getHeight()), "the plot at the size asked for");
        assertTrue(readme().contains("![the Iris MLP's training loss against epoch, on a log scale](docs/iris-loss.png)"));
    }

    /**
     * Extracts the section's program, compiles it with javac on the README's plain class path, runs it
     * with the working folder {@link #work}, and compares its stdout with the section's printed output.
     */
    private void compileAndRun(String heading) throws Exception {
        String section = section(readme(), heading);
        String program = blocks(section, "java").get(0);
        String expected = blocks(section, "").get(0);
        Matcher name = Pattern.compile("public class (\\w+)").matcher(program);
        assertTrue(name.find(), program);
        Path source = work.resolve(name.group(1) + ".java");
        Files.writeString(source, program);
        String classPath = String.join(File.pathSeparator, libraryClassPath());

        ByteArrayOutputStream javacErr = new ByteArrayOutputStream();
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, javacErr, "-cp", classPath, "-d", work.toString(), source.toString());
        assertEquals(0, javac, "javac -cp \"$CP\" " + source.getFileName() + ":\n" + javacErr);

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-cp", classPath + File.pathSeparator + work, name.group(1)).directory(work.toFile()).start();
        java.getOutputStream().close();
        byte[] err = java.getErrorStream().readAllBytes();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), new String(err, StandardCharsets.UTF_8));
        assertEquals(expected, out, "stdout, exactly as the README prints it");
        assertEquals("", new String(err, StandardCharsets.UTF_8), "nothing on stderr: no logging jar is needed, and none complains");
    }
}
