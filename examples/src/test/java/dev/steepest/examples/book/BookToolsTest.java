package dev.steepest.examples.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book check's own parts catch what they are there to catch. */
class BookToolsTest {
    @TempDir
    Path work;

    @Test
    void shownLinesMustBeWhatWasPrintedUnlessAGapSaysLinesWereLeftOut() {
        String printed = "a\nb\nc\nsummary: time=12 s\n";
        assertNull(Shown.differs(List.of("a", "b", "c", "summary: time=… s"), printed));
        assertNull(Shown.differs(List.of("a", "…", "summary: time=… s"), printed));
        assertNull(Shown.differs(List.of("…", "c", "…"), printed));
        assertNotNull(Shown.differs(List.of("a", "c", "summary: time=… s"), printed), "b left out without a gap line");
        assertNotNull(Shown.differs(List.of("a", "b"), printed), "the last lines left out without a gap line");
        assertNotNull(Shown.differs(List.of("b", "…"), printed), "the first line left out without a gap line");
        String wrongTime = Shown.differs(List.of("…", "summary: time=13 s"), printed);
        assertTrue(wrongTime.contains("'summary: time=13 s'") && wrongTime.contains("summary: time=12 s"), wrongTime);
    }

    @Test
    void anExcerptLeavesOutInnerMarkersAndTheIndentationItsLinesShare() throws IOException {
        Path source = work.resolve("src/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, String.join("\n", "class A {", "    // book:start outer", "    void f() {",
                "        // book:start inner", "        g();", "        // book:end inner", "    }", "    // book:end outer",
                "    // book:start open", "}", "    // book:end stray", ""));
        Excerpts excerpts = new Excerpts(work);
        assertEquals(List.of("void f() {", "    g();", "}"), excerpts.regions.get("src/A.java#outer"));
        assertEquals(List.of("g();"), excerpts.regions.get("src/A.java#inner"));
        assertEquals(List.of("src/A.java:11: 'book:end stray' without a 'book:start stray' above it",
                "src/A.java:9: 'book:start open' is never closed with 'book:end open'"), excerpts.problems);
    }

    @Test
    void aPageKnowsItsBlocksTheirNotesAndItsAnchors() throws IOException {
        Path file = work.resolve("p.md");
        Files.writeString(file, String.join("\n", "# 8 PyTorch → steepest", "", "<!-- include: a/B.java#x -->", "```java",
                "int x;", "```", "", "1. a step:", "", "   ```text", "   out", "   ```", "[link](q.md#here) `[not](a link)`", ""));
        Page page = Page.read(file);
        assertEquals(2, page.blocks().size());
        assertEquals("include: a/B.java#x", page.blocks().get(0).note());
        assertEquals(List.of("out"), page.blocks().get(1).body());
        assertEquals("text", page.blocks().get(1).info());
        assertEquals(List.of(new Page.Link("q.md#here", 13)), page.links());
        assertTrue(page.anchors().contains("8-pytorch--steepest"), page.anchors().toString());
        assertTrue(page.withBodies(java.util.Map.of(page.blocks().get(1), List.of("new"))).contains("\n   new\n   ```"));
    }

    @Test
    void onlyRunsOfTheExamplesJarAreRunAndSlowOnesAreMarked() throws IOException {
        Path file = work.resolve("r.md");
        Files.writeString(file, String.join("\n", "```console", "$ mvn -B -q package -DskipTests",
                "$ java -Doptimizer=adam -jar examples/target/steepest-examples.jar parabola --steps 3", "line", "```",
                "<!-- slow -->", "```console", "$ java -jar examples/target/steepest-examples.jar gan", "…", "```", ""));
        List<Commands.Shell> shells = Commands.of(Page.read(file));
        assertEquals(2, shells.size());
        assertEquals(List.of("-Doptimizer=adam"), shells.get(0).options());
        assertEquals(List.of("parabola", "--steps", "3"), shells.get(0).args());
        assertEquals(List.of("line"), shells.get(0).shown());
        assertTrue(shells.get(1).slow());
        assertEquals("r.md:3", shells.get(0).where());
    }
}
