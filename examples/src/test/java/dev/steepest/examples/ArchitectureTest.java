package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house's rules, read from the sources: a chapter package uses no other chapter's classes, the
 * shared package no chapter's, and neither the training tools nor the coursework use the examples.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final List<String> CHAPTERS = List.of("tutorial", "pointnet", "names", "autoencoder", "gan", "dqn");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?dev\\.steepest\\.examples\\.(\\w+)\\b");
    private static final Pattern QUALIFIED = Pattern.compile("dev\\.steepest\\.examples\\.(\\w+)\\.[A-Z]");

    /** @return every "file: uses examples.PKG" of the Java files under {@code folder} whose package is not allowed */
    static List<String> uses(Path folder, java.util.function.Predicate<String> allowed) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern p : List.of(IMPORT, QUALIFIED)) {
                    Matcher m = p.matcher(source);
                    while (m.find()) {
                        if (!allowed.test(m.group(1))) {
                            found.add(ROOT.relativize(file) + ": uses dev.steepest.examples." + m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found.stream().distinct().toList();
    }

    @Test
    void noChapterUsesAnotherChaptersClasses() {
        for (String chapter : CHAPTERS) {
            for (String tree : List.of("main", "test")) {
                Path folder = ROOT.resolve("examples/src/" + tree + "/java/dev/steepest/examples/" + chapter);
                assertTrue(Files.isDirectory(folder) || tree.equals("test"), "no chapter folder " + folder);
                if (Files.isDirectory(folder)) {
                    List<String> found = uses(folder, used -> used.equals(chapter) || !CHAPTERS.contains(used));
                    assertEquals(List.of(), found, "the " + chapter + " chapter uses another chapter's classes");
                }
            }
        }
    }

    @Test
    void theSharedPackageUsesNoChapter() {
        Path shared = ROOT.resolve("examples/src/main/java/dev/steepest/examples/shared");
        assertEquals(List.of(), uses(shared, used -> !CHAPTERS.contains(used)));
    }

    @Test
    void trainAndCourseworkNeitherImportNorDependOnTheExamples() throws IOException {
        for (String module : List.of("train", "coursework")) {
            assertEquals(List.of(), uses(ROOT.resolve(module + "/src"), used -> false), module + " uses the examples");
            String pom = Files.readString(ROOT.resolve(module + "/pom.xml"));
            assertTrue(!pom.contains("<artifactId>steepest-examples</artifactId>"), module + "/pom.xml depends on steepest-examples");
        }
    }

    @Test
    void theCheckSeesAChapterThatUsesAnother() throws IOException {
        Path folder = Files.createTempDirectory("house");
        Files.writeString(folder.resolve("Gan.java"), "package dev.steepest.examples.gan;\nimport dev.steepest.examples.tutorial.Pattern;\n");
        List<String> found = uses(folder, used -> used.equals("gan") || !CHAPTERS.contains(used));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).endsWith("Gan.java: uses dev.steepest.examples.tutorial"), found.get(0));
    }
}
