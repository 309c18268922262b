package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.examples.Gifs;
import dev.steepest.examples.Launch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's y = x² descent: the trajectory of SimpleGD, and the pictures it writes. */
class ParabolaTest {
    @TempDir
    Path out;

    @Test
    void simpleGdShrinksXByOneMinusTwiceLrEachStepAndTheGifHasOneFramePerStep() throws Exception {
        Launch.Result r = Launch.inProcess(Map.of(), "parabola", "--steps", "12", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> steps = r.out().lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+\\s+\\S+")).toList();
        assertEquals(12, steps.size());
        float x = 1f;
        for (String line : steps) {
            x = x - 0.1f * 2 * x;                          // x <- x - lr * dy/dx
            float printed = Float.parseFloat(line.trim().split("\\s+")[1]);
            assertEquals(x, printed, 1e-5f * x, line);
        }
        assertTrue(r.line("parabola: ").startsWith("parabola: optimizer=simplegd steps=12 final_x=0.06871"), r.out());

        Gifs.Info gif = Gifs.read(out.resolve("parabola.gif"));
        assertEquals(12, gif.frames());
        assertEquals(8, gif.delayCentis());
        assertTrue(gif.loops(), "the NETSCAPE2.0 extension makes it loop");
        assertEquals(480, gif.width());
        assertNotNull(ImageIO.read(out.resolve("parabola-loss.png").toFile()));
    }

    @Test
    void newtonTakesOneStepToTheMinimumWithItsOwnStepLength() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "newton"), "parabola", "--steps", "3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // x = 1: g = 2x = 2, H = 2, x <- x - g / H = 0, and it stays there (g = 0)
        List<String> steps = r.out().lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+\\s+\\S+")).toList();
        assertEquals(0f, Float.parseFloat(steps.get(0).trim().split("\\s+")[1]), steps.get(0));
        assertTrue(r.out().contains("with newton (damping=0 lr=1)"), "the example's lr 0.1 is a gradient step; newton keeps its own:\n" + r.out());
        assertTrue(r.line("parabola: ").startsWith("parabola: optimizer=newton steps=3 final_x=0.0 final_y=0.0"), r.line("parabola: "));
    }

    @Test
    void anotherOptimizerAndItsOptionsAreChosenByName() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "sgd", "optimizer.lr", "0.25", "optimizer.momentum", "0.5"),
                "parabola", "--steps", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // sgd with momentum: b1 = g1 = 2, x1 = 1 - 0.25*2 = 0.5; b2 = 0.5*2 + 1 = 2, x2 = 0.5 - 0.25*2 = 0
        assertTrue(r.out().contains("lr=0.25") && r.out().contains("momentum=0.5"), r.out());
        assertTrue(r.line("parabola: ").startsWith("parabola: optimizer=sgd steps=2 final_x=0.0 final_y=0.0"), r.line("parabola: "));
    }

    @Test
    void theLibrarysDebugLinesAreOffUnlessAskedForAndGoToStderr() throws Exception {
        Launch.Result quiet = Launch.childProcess(List.of(), Map.of(), "parabola", "--steps", "1", "--out", out.toString());
        assertEquals(0, quiet.status(), quiet.err());
        assertTrue(quiet.err().lines().noneMatch(l -> l.startsWith("[DEBUG]")), "no DEBUG line unless asked for: " + quiet.err());

        Launch.Result r = Launch.childProcess(List.of(), Map.of("steepest.log", "debug"), "parabola", "--steps", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("[DEBUG] optimizer simplegd is built in: dev.steepest.optim.plugins.SimpleGDProvider ("),
                "the registry's line, on stderr: " + r.err());
        assertTrue(r.err().contains("; options {lr=0.1}"), r.err());
        assertTrue(r.out().startsWith("y = x^2 from x = 1 with simplegd"), "stdout starts with the program's first line: " + r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("[")), "no log line on stdout: " + r.out());
    }
}
