package dev.steepest.examples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.DigitsData;
import dev.steepest.examples.shared.DigitsScore;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.console.ProgressBar;
import java.io.OutputStream;
import java.io.PrintStream;
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
        Gan.Result result = Gan.train(data, 200, 0, adam, judge, new ProgressBar(QUIET, "gan", 200, false));
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
        assertEquals(Gan.BATCH * 64, result.frames().get(0).length, "each GIF frame holds the fixed batch's 64 digits");
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
