package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.examples.Launch;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's first part against PyTorch (scripts/fixtures/examples_pattern.py): the same three ratings for the same seed. */
class RatingTest {
    static final Fixtures FIXTURES = Fixtures.load("/fixtures/examples_rating.json");

    @Test
    void theThreeRatingsEqualPyTorchsForTheSameWeights() {
        for (Fixtures.Case c : FIXTURES.cases()) {
            int seed = (int) c.number("seed");
            Launch.Result r = Launch.inProcess(Map.of(), "rating", "--seed", Integer.toString(seed));
            assertEquals(0, r.status(), r.err());
            String[] parts = r.line("rating: ").split(" ");
            assertEquals("seed=" + seed, parts[1]);
            String[] keys = {"same", "slightly_different", "completely_different"};
            for (int i = 0; i < keys.length; i++) {
                assertTrue(parts[i + 2].startsWith(keys[i] + "="), parts[i + 2]);
                double printed = Double.parseDouble(parts[i + 2].substring(keys[i].length() + 1));
                double expected = c.number(keys[i]);
                // The rating is a float32 mean of squares; four float ulps of it (plus the print's 4 decimals) is
                // float rounding, whichever JDK's JIT ran the kernels.
                assertEquals(expected, printed, 5e-5 + 4 * Math.ulp((float) expected), keys[i] + " for seed " + seed + " (float rounding allowed)");
            }
            assertEquals(3, r.lines("Rating tensor(").size());
            assertTrue(r.out().contains("Rating tensor(0., grad_fn=<MseLossBackward>)"), r.out());
            String slightly = String.format(Locale.ROOT, "Rating tensor(%.4f, grad_fn=<MseLossBackward>)", c.number("slightly_different"));
            assertTrue(r.out().contains(slightly), "prints as PyTorch: " + slightly + "\n" + r.out());
        }
    }

    @Test
    void theTutorialsLearningPhaseHeadingSaysThatNothingTrains() {
        Launch.Result r = Launch.inProcess(java.util.Map.of(), "rating");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("*****Learning phase*****\n(The tutorial's heading: nothing trains here. The untrained net's"
                + " output for this input is kept, and each input below is rated by how far its output is from it.)\n"), r.out());
    }
}
