package dev.steepest.examples.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CartPole port against trajectories computed from Gymnasium's equations by scripts/fixtures/examples_cartpole.py. */
class CartPoleTest {
    static final Fixtures FIXTURES = Fixtures.load("/fixtures/examples_cartpole.json");

    private static double[] doubles(Fixtures.Case c, String key) {
        List<?> values = (List<?>) c.raw(key);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }

    @Test
    void everyFixedActionSequenceReproducesGymnasiumsTrajectory() {
        for (Fixtures.Case c : FIXTURES.cases()) {
            CartPole env = new CartPole();
            env.resetTo(doubles(c, "start"));
            int[] actions = c.ints("actions");
            double[] states = doubles(c, "states");
            float[] observations = c.floats("observations");
            Environment.Step last = null;
            for (int t = 0; t < actions.length; t++) {
                last = env.step(actions[t]);
                double[] expected = java.util.Arrays.copyOfRange(states, 4 * t, 4 * t + 4);
                // The upright pole is unstable: a last-bit difference between Java's Math.sin/cos and C's
                // grows about 9 % a step, so the free run is compared for 100 steps; one step from
                // Gymnasium's own state is compared for every step.
                if (t < 100) {
                    assertArrayEquals(expected, env.state(), 1e-10, c.name() + ", step " + (t + 1));
                    assertArrayEquals(java.util.Arrays.copyOfRange(observations, 4 * t, 4 * t + 4), last.observation(),
                            c.name() + ", step " + (t + 1));
                }
                double[] before = t == 0 ? doubles(c, "start") : java.util.Arrays.copyOfRange(states, 4 * t - 4, 4 * t);
                CartPole fresh = new CartPole();
                fresh.resetTo(before);
                fresh.step(actions[t]);
                assertArrayEquals(expected, fresh.state(), 1e-15, c.name() + ", one step from Gymnasium's state " + t);
                assertEquals(1f, last.reward());
                assertEquals(t == actions.length - 1, last.done(), c.name() + ": the episode ends exactly where Gymnasium's does");
            }
            assertEquals(c.bool("terminated"), last.terminated(), c.name());
            assertEquals(c.bool("truncated"), last.truncated(), c.name());
        }
    }

    @Test
    void theFixturesCoverFallingDrivingOffAndTheTimeLimit() {
        assertTrue(FIXTURES.get("always left").bool("terminated"));
        assertTrue(FIXTURES.get("balanced to the time limit").bool("truncated"));
        assertEquals(500, FIXTURES.get("balanced to the time limit").ints("actions").length);
        double[] states = doubles(FIXTURES.get("cart runs off the track"), "states");
        assertTrue(states[states.length - 4] > 2.4, "that episode ends with the cart beyond 2.4 m");
    }

    @Test
    void resetDrawsEachNumberUniformlyWithinFiveHundredths() {
        CartPole env = new CartPole();
        Generator generator = new Generator(0);
        double min = 1, max = -1;
        for (int i = 0; i < 1000; i++) {
            for (float v : env.reset(generator)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertTrue(min >= -0.05 && min < -0.049, "min " + min);
        assertTrue(max < 0.05 && max > 0.049, "max " + max);
    }

    @Test
    void aBadActionOrAStepAfterTheEndIsRefusedWithAMessage() {
        CartPole env = new CartPole();
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertEquals("CartPole: the episode is over (or never started); call reset before step", early.getMessage());
        env.resetTo(0, 0, 0, 0);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertEquals("CartPole: the action must be 0 (push left) or 1 (push right), got 2", bad.getMessage());
        Environment.Step step;
        do {
            step = env.step(1);
        } while (!step.done());
        assertFalse(step.truncated());
        assertThrows(IllegalStateException.class, () -> env.step(1));
    }
}
