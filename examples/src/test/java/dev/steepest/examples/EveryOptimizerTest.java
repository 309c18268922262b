package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example that trains runs with every built-in optimizer, L-BFGS and the four that read
 * curvature included: the loops step through {@code optimizer.step(closure)}, as PyTorch's, so an
 * optimizer that needs the loss several times per step fits them too, and their closures call
 * {@code optimizer.backward(loss)}, which keeps the graph for an optimizer that needs it. Tiny settings: this proves the wiring, not the results.
 */
class EveryOptimizerTest {
    @TempDir
    static Path dir;

    static List<String> builtIn() {
        return Launch.BUILT_IN;
    }

    private static void trains(String optimizer, String summary, String... args) {
        trains(Map.of("optimizer", optimizer, "race", optimizer), optimizer, summary, args);
    }

    private static void trains(Map<String, String> properties, String optimizer, String summary, String... args) {
        Launch.Result r = Launch.inProcess(properties, args);
        assertEquals(0, r.status(), optimizer + " " + String.join(" ", args) + ":\n" + r.err());
        assertTrue(r.line(summary).contains("optimizer=" + optimizer) || r.line(summary).contains("winner="),
                r.line(summary));
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void parabolaTrainsWith(String optimizer) {
        trains(optimizer, "parabola: ", "parabola", "--steps", "3", "--out", dir.resolve("parabola-" + optimizer).toString());
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void bumpsTrainsWith(String optimizer) {
        trains(optimizer, "bumps: ", "bumps", "--starts", "3", "--steps", "3", "--out", dir.resolve("bumps-" + optimizer).toString());
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void patternTrainsWith(String optimizer) {
        trains(optimizer, "pattern: ", "pattern", "--out", dir.resolve("pattern-" + optimizer).toString());
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void raceRunsWith(String optimizer) {
        trains(optimizer, "race: track=rastrigin", "race", "--steps", "3", "--out", dir.resolve("race-" + optimizer).toString());
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void digitsTrainsWith(String optimizer) {
        // L-BFGS evaluates the loss up to 25 times per step: one iteration per batch keeps this short
        Map<String, String> properties = optimizer.equals("lbfgs") ? Map.of("optimizer", optimizer, "optimizer.max_iter", "1")
                : Map.of("optimizer", optimizer);
        if (optimizer.equals("newton")) {   // the digits net is too large for a full Hessian: refused, naming both numbers
            Launch.Result r = Launch.inProcess(properties, "digits", "--epochs", "1", "--out", dir.resolve("digits-newton").toString());
            assertEquals(2, r.status(), r.out() + r.err());
            assertTrue(r.err().contains("parameters is more than the 4096 whose full Hessian"), r.err());
            return;
        }
        trains(properties, optimizer, "digits: ", "digits", "--epochs", "1", "--out", dir.resolve("digits-" + optimizer).toString());
    }
}
