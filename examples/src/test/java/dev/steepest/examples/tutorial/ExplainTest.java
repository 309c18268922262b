package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.examples.Launch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --explain}: the first steps as a table of value, gradient, the optimizer's state buffers and the update. */
class ExplainTest {
    @TempDir
    Path dir;

    /** @return the cells of the table row that starts with {@code parameter}, after the line that starts with {@code title} */
    private static List<String> row(Launch.Result r, String title, String parameter) {
        List<String> lines = r.out().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).trim().startsWith(parameter + " ")) return List.of(lines.get(j).trim().split("\\s+"));
                }
            }
        }
        throw new AssertionError("no row " + parameter + " after " + title + " in:\n" + r.out());
    }

    private static List<String> header(Launch.Result r, String title) {
        List<String> lines = r.out().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) return List.of(lines.get(i + 1).trim().split("\\s{2,}"));
        }
        throw new AssertionError("no " + title + " in:\n" + r.out());
    }

    @Test
    void adamOnTheParabolaShowsItsTwoMomentsReadFromItsStateAndTheUpdate() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "adam"), "parabola", "--explain", "--steps", "5", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("parameter", "value before", "gradient", "exp_avg", "exp_avg_sq", "step", "update", "value after"),
                header(r, "explain adam on y = x², step 1 "));
        // x = 1, g = 2x = 2: m = 0.1·2, v = 0.001·4, the first step is lr·m̂/√v̂ = 0.1
        assertEquals(List.of("p0", "1.00000", "2.00000", "0.200000", "0.00400000", "1", "-0.100000", "0.900000"),
                row(r, "explain adam on y = x², step 1 ", "p0"));
        assertEquals(3, r.lines("explain adam on y = x², step ").size(), "the first three steps only:\n" + r.out());
    }

    @Test
    void newtonShowsTheCurvatureItReadAndItsOneStepToTheMinimum() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "newton"), "parabola", "--explain", "1", "--steps", "2", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("parameter", "value before", "gradient", "hessian_diag", "shift", "update", "value after"),
                header(r, "explain newton on y = x², step 1 "));
        // x = 1: g = 2, d²y/dx² = 2 (no shift: it is positive), the step is −g/H = −1
        assertEquals(List.of("p0", "1.00000", "2.00000", "2.00000", "0.0", "-1.00000", "0.00000"),
                row(r, "explain newton on y = x², step 1 ", "p0"));
        assertTrue(r.out().contains("(newton reads the loss's curvature through its gradient's graph; what it read: hessian_diag, shift)"),
                r.out());
    }

    @Test
    void simpleGdHasNoBuffersAndItsUpdateIsMinusLrTimesTheGradient() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "simplegd", "optimizer.explain", "true"), "parabola", "--steps", "2",
                "--out", dir.toString());
        assertEquals(0, r.status(), "-Doptimizer.explain is not taken for an option of the optimizer:\n" + r.err());
        assertEquals(List.of("parameter", "value before", "gradient", "update", "value after"), header(r, "explain simplegd on y = x², step 1 "));
        assertEquals(List.of("p0", "1.00000", "2.00000", "-0.200000", "0.800000"), row(r, "explain simplegd on y = x², step 1 ", "p0"));
    }

    @Test
    void theRaceExplainsEachElementWithAnyPluginsOwnBufferNames() {
        Launch.Result r = Launch.inProcess(Map.of("race", "momentum", "optimizer.explain", "1"), "race", "--steps", "3",
                "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(header(r, "explain momentum on rosenbrock, step 1 ").contains("velocity"), r.out());
        assertEquals("p0[1]", row(r, "explain momentum on rosenbrock, step 1 ", "p0[1]").get(0));
        assertEquals(1, r.lines("explain momentum on rosenbrock, step ").size(), "-Doptimizer.explain=1 explains one step:\n" + r.out());
    }

    @Test
    void aBadExplainValueIsBadInput() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer.explain", "maybe"), "parabola", "--out", dir.toString());
        assertEquals(2, r.status());
        assertEquals("-Doptimizer.explain must be true, false or a number of steps (0-9999), got 'maybe'", r.err().strip());
        Launch.Result option = Launch.inProcess(Map.of(), "parabola", "--explain=maybe", "--out", dir.toString());
        assertEquals(2, option.status());
        assertEquals("parabola: --explain must be true, false or a number of steps (0-9999), got 'maybe'", option.err().strip());
    }

    @Test
    void explainTakesANumberOfStepsAfterASpaceAsTheReadmeSays() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "sgd"), "parabola", "--explain", "5", "--steps", "8", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(5, r.lines("explain sgd on y = x², step ").size(), "--explain 5 explains five steps:\n" + r.out());
        Launch.Result race = Launch.inProcess(Map.of("race", "adam"), "race", "--steps", "4", "--explain", "2", "--out", dir.toString());
        assertEquals(0, race.status(), race.err());
        assertEquals(2 * 2, race.lines("explain adam on ").size(), "two steps on each of the two tracks:\n" + race.out());
    }
}
