package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.examples.Gifs;
import dev.steepest.examples.Launch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's closing remark: steepest descent ends in whichever dip it starts above. */
class BumpsTest {
    @TempDir
    Path out;

    @Test
    void theGlobalBasinSurroundsTheGlobalMinimumOfXSquaredPlusTwoSinFiveX() {
        double[] basin = Bumps.globalBasin();
        assertEquals(-0.30, basin[2], 0.02, "the global minimum is near -pi/10");
        assertTrue(basin[0] < basin[2] && basin[2] < basin[1]);
        assertEquals(2 * Math.PI / 5, basin[1] - basin[0], 0.2, "about one period of sin(5x) wide");
    }

    @Test
    void manyStartsEndInLocalDipsAndTheShareCountsThoseInTheGlobalBasin() throws Exception {
        Launch.Result r = Launch.inProcess(Map.of(), "bumps", "--starts", "16", "--steps", "150", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.endsWith(" global") || l.endsWith(" local")).toList();
        assertEquals(16, rows.size());
        long global = rows.stream().filter(l -> l.endsWith("global")).count();
        assertTrue(global > 0 && global < 16, "some starts find the global minimum and some do not: " + global);
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            double to = Double.parseDouble(cells[2]);
            double slope = 2 * to + 10 * Math.cos(5 * to);
            assertEquals(0, slope, 0.05, "every start has come to rest in a dip: " + row);
            double curvature = Double.parseDouble(cells[4]);
            assertEquals(2 - 50 * Math.sin(5 * to), curvature, 0.05, "f''(x) = 2 - 50 sin(5x), by a second backward: " + row);
            assertTrue(curvature > 0, "positive at a minimum: " + row);
        }
        assertTrue(r.out().contains("start      from         to    f(to)   f''(to)  basin"), r.out());
        assertEquals(String.format(java.util.Locale.ROOT, "bumps: optimizer=simplegd starts=16 steps=150 global_share=%.1f %%",
                100.0 * global / 16), r.line("bumps: "));
        Gifs.Info gif = Gifs.read(out.resolve("bumps.gif"));
        assertEquals(151, gif.frames(), "the starting positions, then one frame per step");
    }

    @Test
    void aFrameWhereNoStartOrEveryStartIsInTheGlobalBasinIsDrawn() {
        double[] ends = {-2.2, 1.5, 2.4};
        assertTrue(Bumps.frame(ends, new boolean[] {false, false, false}, 3, "newton").image(200, 150).getWidth() == 200);
        assertTrue(Bumps.frame(ends, new boolean[] {true, true, true}, 3, "newton").image(200, 150).getWidth() == 200);
    }

    @Test
    void startsThatEndInTheSamePlaceAreStackedLeftToRightSoThatEachOneCounts() {
        double[] ends = {0.9, -0.3, 0.9 + 1e-6, -0.3 + 0.01, 2.1, -0.3};
        assertEquals(List.of(List.of(1, 5, 3), List.of(0, 2), List.of(4)), Bumps.stacks(ends));
    }
}
