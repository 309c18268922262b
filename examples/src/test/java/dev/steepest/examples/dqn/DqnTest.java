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
        Dqn.Result result = Dqn.train(Dqn.Settings.REFERENCE, 0, 110, adamw, new ProgressBar(QUIET, "dqn", 110, false), false);
        assertEquals(110, result.returns().size());
        double late = result.returns().subList(90, 110).stream().mapToInt(Integer::intValue).average().orElseThrow();
        double early = result.returns().subList(0, 20).stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertTrue(late > 3 * random, "mean return of episodes 91..110: " + late + ", random policy " + random);
        assertTrue(early < 2 * random, "the first episodes are still near random: " + early);
    }

    @Test
    void eachOfTheTutorialsHyperparametersIsAnOptionThatChangesTheRun() {
        OptimizerChoice adamw = OptimizerChoice.fromSystemProperties("adamw", Map.of("lr", 1e-3, "amsgrad", true));
        // A small batch, so that a run of ten episodes optimises from its first few steps.
        Dqn.Settings base = new Dqn.Settings(16, 0.99f, 0.9, 0.05, 1000, 0.005f, 10_000);
        Map<String, Dqn.Settings> changed = new java.util.LinkedHashMap<>();
        changed.put("--batch 8", new Dqn.Settings(8, 0.99f, 0.9, 0.05, 1000, 0.005f, 10_000));
        changed.put("--gamma 0.5", new Dqn.Settings(16, 0.5f, 0.9, 0.05, 1000, 0.005f, 10_000));
        changed.put("--eps-start 0.5", new Dqn.Settings(16, 0.99f, 0.5, 0.05, 1000, 0.005f, 10_000));
        changed.put("--eps-end 0.5", new Dqn.Settings(16, 0.99f, 0.9, 0.5, 1000, 0.005f, 10_000));
        changed.put("--eps-decay 10", new Dqn.Settings(16, 0.99f, 0.9, 0.05, 10, 0.005f, 10_000));
        changed.put("--tau 0.5", new Dqn.Settings(16, 0.99f, 0.9, 0.05, 1000, 0.5f, 10_000));
        changed.put("--memory 20", new Dqn.Settings(16, 0.99f, 0.9, 0.05, 1000, 0.005f, 20));
        java.util.List<Float> reference = weights(Dqn.train(base, 0, 10, adamw, new ProgressBar(QUIET, "dqn", 10, false), false));
        for (Map.Entry<String, Dqn.Settings> e : changed.entrySet()) {
            Dqn.Result r = Dqn.train(e.getValue(), 0, 10, adamw, new ProgressBar(QUIET, "dqn", 10, false), false);
            assertTrue(!weights(r).equals(reference), e.getKey() + " trains another network");
        }
    }

    private static java.util.List<Float> weights(Dqn.Result result) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        for (var p : result.bestPolicy().parameters()) {
            for (float v : p.toArray()) {
                all.add(v);
            }
        }
        return all;
    }

    @Test
    void theOptionsAreParsedShownAndChecked() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("dqn-options");
        Launch.Result r = Launch.inProcess(Map.of(), "dqn", "--episodes", "2", "--batch", "8", "--gamma", "0.5", "--eps-start", "1",
                "--eps-end", "0.1", "--eps-decay", "50", "--tau", "0.01", "--memory", "500", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("settings: batch=8 gamma=0.5 eps_start=1 eps_end=0.1 eps_decay=50 tau=0.01 memory=500", r.line("settings: "));
        assertTrue(r.line("dqn: ").startsWith("dqn: optimizer=adamw seed=0 episodes=2 batch=8 gamma=0.5 eps_start=1 eps_end=0.1 "
                + "eps_decay=50 tau=0.01 memory=500 solved_at=never"), r.out());
        assertEquals("settings: batch=128 gamma=0.99 eps_start=0.9 eps_end=0.05 eps_decay=1000 tau=0.005 memory=10000",
                Launch.inProcess(Map.of(), "dqn", "--episodes", "1", "--out", out.toString()).line("settings: "),
                "the tutorial's values by default");

        Launch.Result gamma = Launch.inProcess(Map.of(), "dqn", "--gamma", "1.5");
        assertEquals(2, gamma.status());
        assertEquals("dqn: --gamma must be a number in [0, 1], got '1.5'.", gamma.err().strip());
        Launch.Result hex = Launch.inProcess(Map.of(), "dqn", "--tau", "0x1p-3");
        assertEquals("dqn: --tau must be a number in [0, 1], got '0x1p-3'.", hex.err().strip());
        Launch.Result batch = Launch.inProcess(Map.of(), "dqn", "--batch", "200", "--memory", "100");
        assertEquals("dqn: --batch 200 is larger than --memory 100: the replay memory could never fill a batch; "
                + "give a batch of at most the memory's size.", batch.err().strip());

        Launch.Result help = Launch.inProcess(Map.of(), "help", "dqn");
        for (String option : java.util.List.of("--batch N", "--gamma G", "--eps-start E", "--eps-end E", "--eps-decay STEPS", "--tau T",
                "--memory N")) {
            assertTrue(help.out().lines().anyMatch(l -> l.startsWith("  " + option + " ")), option + " is listed:\n" + help.out());
        }
        assertTrue(help.out().contains("TAU (default 0.005)") && help.out().contains("EPS_DECAY (default 1000)"), help.out());
    }

    @Test
    void manySeedsCreateTheOutputFolderAndDrawEachSeedsMean() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("dqn-seeds").resolve("not/yet/there");
        Launch.Result r = Launch.inProcess(Map.of(), "dqn", "--seeds", "2", "--episodes", "3", "--batch", "8", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("wrote " + out.resolve("dqn-seeds.png")), r.out());
        assertEquals(720, javax.imageio.ImageIO.read(out.resolve("dqn-seeds.png").toFile()).getWidth());
        assertTrue(r.line("dqn: ").startsWith("dqn: optimizer=adamw seeds=2 episodes=3 batch=8 "), r.out());
    }

    @Test
    void givingBothSeedAndSeedsIsRefused() {
        Launch.Result r = Launch.inProcess(Map.of(), "dqn", "--seed", "1", "--seeds", "3");
        assertEquals(2, r.status());
        assertEquals("dqn: give --seed S for one run or --seeds N for runs from seeds 0..N-1, not both.", r.err().strip());
    }
}
