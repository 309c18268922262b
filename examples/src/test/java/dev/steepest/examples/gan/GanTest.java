package dev.steepest.examples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.Launch;
import dev.steepest.examples.shared.DigitsData;
import dev.steepest.examples.shared.DigitsScore;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.console.ProgressBar;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GAN example: both losses move, and after a short run its digits score above noise. */
class GanTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static double mean(List<Float> values, int from, int to) {
        return values.subList(from, to).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }

    @Test
    void bothLossesMoveAndTheScoreRisesAboveNoise() {
        DigitsData data = DigitsData.bundled(0);
        DigitsScore judge = DigitsScore.train(data, 2, 0);
        assertTrue(judge.accuracy() > 0.9, "the judge's accuracy " + judge.accuracy());
        DigitsScore.Score noise = judge.score(Tensor.rand(new Generator(7), Gan.SAMPLES, 1, 8, 8));
        OptimizerChoice adam = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 2e-4, "beta1", 0.5));
        Gan.Settings settings = new Gan.Settings(200, 0, Gan.Settings.REFERENCE.z(), Gan.Settings.REFERENCE.generatorWidth(),
                Gan.Settings.REFERENCE.discriminatorWidth());
        Gan.Result result = Gan.train(data, settings, adam, judge, new ProgressBar(QUIET, "gan", 200, false));
        assertEquals(200, result.discriminatorLoss().size());
        // Both start near chance (every output near 0.5: 2 ln 2 and ln 2) and leave it as the two learn.
        double dStart = mean(result.discriminatorLoss(), 0, 3), dLater = mean(result.discriminatorLoss(), 100, 200);
        double gStart = mean(result.generatorLoss(), 0, 3), gLater = mean(result.generatorLoss(), 100, 200);
        assertEquals(2 * Math.log(2), dStart, 0.1);
        assertEquals(Math.log(2), gStart, 0.1);
        assertTrue(Math.abs(dLater - dStart) > 0.05, "the discriminator's loss moved: " + dStart + " -> " + dLater);
        assertTrue(Math.abs(gLater - gStart) > 0.02, "the generator's loss moved: " + gStart + " -> " + gLater);
        DigitsScore.Score score = result.last();
        assertTrue(score.value() > noise.value() + 1, "score " + score.value() + " against noise's " + noise.value());
        assertEquals(Gan.BATCH * 64, result.frames().get(0).pixels().length, "each GIF frame holds the fixed batch's 64 digits");
        Gan.Frame last = result.frames().get(result.frames().size() - 1);
        assertEquals(200, last.step());
        assertEquals(List.of("DCGAN (adam), step 200 of 200", String.format(java.util.Locale.ROOT, "these 64 score %.2f, %d classes",
                last.score().value(), last.score().classes())), List.of(Gan.caption(last, 200, "adam")), "the frame's caption");
    }

    @Test
    void theNetworksHaveTheShapesTheirJavadocStatesForTheDefaultWidths() {
        Gan.Settings r = Gan.Settings.REFERENCE;
        assertEquals("[n, 32, 1, 1] → [n, 64, 4, 4] → [n, 32, 8, 8] → [n, 1, 8, 8]",
                Gan.shapes(Gan.generator(r.z(), r.generatorWidth(), new Generator(0)), Tensor.zeros(1, r.z(), 1, 1)));
        assertEquals("[n, 1, 8, 8] → [n, 32, 4, 4] → [n, 64, 2, 2] → [n, 1, 1, 1]",
                Gan.shapes(Gan.discriminator(r.discriminatorWidth(), new Generator(0)), Tensor.zeros(1, 1, 8, 8)));
    }

    @Test
    void theNoiseSizeAndTheWidthsAreOptionsThatChangeTheRun() throws Exception {
        Path out = Files.createTempDirectory("gan-options");
        Launch.Result r = Launch.inProcess(Map.of(), "gan", "--steps", "2", "--z", "8", "--g-width", "4", "--d-width", "6",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("generator:     [n, 8, 1, 1] → [n, 8, 4, 4] → [n, 4, 8, 8] → [n, 1, 8, 8]", r.line("generator: "));
        assertEquals("discriminator: [n, 1, 8, 8] → [n, 6, 4, 4] → [n, 12, 2, 2] → [n, 1, 1, 1]", r.line("discriminator: "));
        assertTrue(r.line("gan: ").startsWith("gan: optimizer=adam seed=0 steps=2 z=8 g_width=4 d_width=6 score="), r.out());

        // The same two steps at the reference's sizes train other networks: other losses.
        DigitsData data = DigitsData.bundled(0);
        DigitsScore judge = DigitsScore.train(data, 1, 0);
        OptimizerChoice adam = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 2e-4, "beta1", 0.5));
        Gan.Settings reference = new Gan.Settings(2, 0, 32, 32, 32);
        List<Float> base = Gan.train(data, reference, adam, judge, new ProgressBar(QUIET, "gan", 2, false)).generatorLoss();
        for (Gan.Settings other : List.of(new Gan.Settings(2, 0, 8, 32, 32), new Gan.Settings(2, 0, 32, 4, 32),
                new Gan.Settings(2, 0, 32, 32, 6), new Gan.Settings(2, 1, 32, 32, 32))) {
            List<Float> losses = Gan.train(data, other, adam, judge, new ProgressBar(QUIET, "gan", 2, false)).generatorLoss();
            assertTrue(!losses.equals(base), other + " gives other losses than " + reference + ": " + losses);
        }
    }

    @Test
    void aBadSizeIsRefusedBeforeAnythingTrains() {
        Launch.Result r = Launch.inProcess(Map.of(), "gan", "--z", "0");
        assertEquals(2, r.status());
        assertEquals("gan: --z must be an integer in [1, 4096], got '0'.", r.err().strip());
        Launch.Result help = Launch.inProcess(Map.of(), "help", "gan");
        assertEquals(0, help.status(), help.err());
        for (String option : List.of("--steps N", "--seed S", "--z N", "--g-width N", "--d-width N", "--out DIR")) {
            assertTrue(help.out().lines().anyMatch(l -> l.startsWith("  " + option + " ")), option + " is listed:\n" + help.out());
        }
        assertTrue(help.out().contains("PyTorch's nz (default 32)"), help.out());
    }

    @Test
    void theJudgeGivesRealDigitsAHighScoreAndNoiseALowOne() {
        DigitsData data = DigitsData.bundled(0);
        DigitsScore judge = DigitsScore.train(data, 2, 0);
        DigitsScore.Score real = judge.score(data.test().inputs());
        DigitsScore.Score noise = judge.score(Tensor.rand(new Generator(7), 1000, 1, 8, 8));
        assertTrue(real.value() > 8, "real digits " + real.value());
        assertEquals(10, real.classes());
        assertTrue(noise.value() < 3, "noise " + noise.value());
        Tensor ones = data.test().inputs().narrow(0, 0, 1);
        DigitsScore.Score same = judge.score(Tensor.cat(java.util.Collections.nCopies(100, ones), 0));
        assertEquals(1.0, same.value(), 1e-4, "one image a hundred times scores 1");
        assertEquals(1, same.classes());
    }
}
