package dev.steepest.examples.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.examples.Launch;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.console.ProgressBar;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DQN example: after a short run its episodes last far longer than a random policy's. */
class DqnTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** @return the mean return of the uniformly random policy on CartPole over many episodes (about 22) */
    private static double randomPolicyReturn() {
        CartPole env = new CartPole();
        Generator generator = new Generator(42);
        int total = 0;
        int episodes = 2000;
        for (int e = 0; e < episodes; e++) {
            env.reset(generator);
            Environment.Step step;
            do {
                step = env.step(generator.nextInt(2));
                total += (int) step.reward();
            } while (!step.done());
        }
        return (double) total / episodes;
    }

    @Test
    void aShortRunLastsFarLongerThanTheRandomPolicy() {
        double random = randomPolicyReturn();
        assertTrue(random > 15 && random < 30, "the random policy's mean return " + random);
        // Ten times the tutorial's learning rate, so that a short run learns.
        OptimizerChoice adamw = OptimizerChoice.fromSystemProperties("adamw", Map.of("lr", 1e-3, "amsgrad", true));
        Dqn.Result result = Dqn.train(0, 110, adamw, new ProgressBar(QUIET, "dqn", 110, false), false);
        assertEquals(110, result.returns().size());
        double late = result.returns().subList(90, 110).stream().mapToInt(Integer::intValue).average().orElseThrow();
        double early = result.returns().subList(0, 20).stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertTrue(late > 3 * random, "mean return of episodes 91..110: " + late + ", random policy " + random);
        assertTrue(early < 2 * random, "the first episodes are still near random: " + early);
    }

    @Test
    void givingBothSeedAndSeedsIsRefused() {
        Launch.Result r = Launch.inProcess(Map.of(), "dqn", "--seed", "1", "--seeds", "3");
        assertEquals(2, r.status());
        assertEquals("dqn: give --seed S for one run or --seeds N for runs from seeds 0..N-1, not both.", r.err().strip());
    }
}
