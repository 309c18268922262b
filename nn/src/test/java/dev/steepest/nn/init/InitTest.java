package dev.steepest.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Sequential;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Default initialisation and the init functions: identical to PyTorch's numbers, seed by seed (scripts/fixtures/nn_init.py). */
class InitTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_init.json");

    private static void assertSame(Fixtures.Case c, String key, Tensor actual) {
        Tensor expected = c.tensor(key);
        assertArrayEquals(expected.shape(), actual.shape(), c.name() + " " + key + " shape");
        assertArrayEquals(expected.toArray(), actual.toArray(), c.name() + " " + key + ": must equal PyTorch's bit for bit");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 1234, 4294967301L})
    void linearAndConv2dDrawExactlyPyTorchsDefaultWeights(long seed) {
        Fixtures.Case lin = FIXTURES.get("linear_5_3_seed" + seed);
        Linear linear = new Linear(5, 3, true, new Generator(seed));
        assertSame(lin, "weight", linear.weight());
        assertSame(lin, "bias", linear.bias());

        Fixtures.Case seedConv = FIXTURES.get("conv_1_4_4_nobias_seed" + seed);
        assertSame(seedConv, "weight", new Conv2d(1, 4, 4, 1, 0, false, new Generator(seed)).weight());

        Fixtures.Case conv = FIXTURES.get("conv_2_3_3_seed" + seed);
        Conv2d c = new Conv2d(2, 3, 3, 1, 0, true, new Generator(seed));
        assertSame(conv, "weight", c.weight());
        assertSame(conv, "bias", c.bias());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 42})
    void layersBuiltWithoutAGeneratorShareTheDefaultOneLikeTorchManualSeed(long seed) {
        Generator.manualSeed(seed);
        Sequential seq = new Sequential(new Linear(20, 7), new Linear(7, 2));
        Fixtures.Case c = FIXTURES.get("sequential_seed" + seed);
        for (Map.Entry<String, Tensor> e : seq.stateDict().entrySet()) assertSame(c, e.getKey(), e.getValue());
    }

    @Test
    void theDefaultSeedIsZero() {
        Init.manualSeed(Init.DEFAULT_SEED);
        assertSame(FIXTURES.get("linear_5_3_seed0"), "weight", new Linear(5, 3).weight());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 1234, 4294967301L})
    void initFunctionsDrawExactlyAsTorchNnInit(long seed) {
        Fixtures.Case c = FIXTURES.get("fills_seed" + seed);
        Generator g = new Generator(seed);
        assertSame(c, "xavier_uniform", Init.xavierUniform_(Tensor.zeros(6, 5), 2.0, g));
        assertSame(c, "xavier_normal", Init.xavierNormal_(Tensor.zeros(3, 4), 1.0, g));
        Tensor kn = Init.kaimingNormal_(Tensor.zeros(8, 4, 3, 3), 0, FanMode.FAN_OUT, "relu", g);
        assertSame(c, "kaiming_normal", kn);
        assertSame(c, "kaiming_uniform", Init.kaimingUniform_(Tensor.zeros(4, 3), 0.1, FanMode.FAN_IN, "leaky_relu", g));
        assertSame(c, "normal", Init.normal_(Tensor.zeros(20), 1.0, 2.0, g));
        assertSame(c, "uniform", Init.uniform_(Tensor.zeros(5), -1.0, 3.0, g));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 100, 784})
    void defaultWeightStatisticsMatchPyTorchsFormulas(int fanIn) {
        Linear layer = new Linear(fanIn, 4000 / fanIn + 50, true, new Generator(fanIn));
        float[] w = layer.weight().toArray();
        double bound = 1 / Math.sqrt(fanIn), sum = 0, sq = 0;
        for (float v : w) {
            assertTrue(v >= -bound && v < bound, "weight " + v + " outside ±1/sqrt(" + fanIn + ")");
            sum += v;
        }
        double mean = sum / w.length;
        for (float v : w) sq += (v - mean) * (v - mean);
        double variance = sq / (w.length - 1), expected = bound * bound / 3;   // variance of U(-b, b) is b²/3
        double se = Math.sqrt(expected / w.length);
        assertTrue(Math.abs(mean) < 5 * se, "mean " + mean + " should be near 0 (5 standard errors: " + 5 * se + ")");
        assertTrue(Math.abs(variance / expected - 1) < 0.1, "variance " + variance + " should be near b²/3 = " + expected);
        for (float v : layer.bias().toArray()) assertTrue(Math.abs(v) < bound, "bias " + v + " outside ±1/sqrt(fanIn)");
    }

    @Test
    void fansAndGainsFollowPyTorch() {
        assertEquals(new Fans(2 * 9, 3 * 9), Fans.of("t", Tensor.zeros(3, 2, 3, 3)));
        assertEquals(Math.sqrt(2), Gain.of("relu", 0), 0);
        assertEquals(5.0 / 3, Gain.of("tanh", 0), 0);
        assertEquals(Math.sqrt(2.0 / 6), Gain.of("leaky_relu", Math.sqrt(5)), 1e-15);
        assertEquals("calculateGain: unsupported nonlinearity 'relu6'; use one of linear, conv1d, conv2d, conv3d, sigmoid, tanh, relu, leaky_relu, selu",
                assertThrows(IllegalArgumentException.class, () -> Gain.of("relu6", 0)).getMessage());
        assertEquals("xavierUniform_: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions, got shape [5]",
                assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform_(Tensor.zeros(5), 1, new Generator(0))).getMessage());
        assertArrayEquals(new float[] {0.25f, 0.25f}, Init.constant_(Tensor.zeros(2), 0.25).toArray());
        assertArrayEquals(new float[] {1f, 1f}, Init.ones_(Tensor.zeros(2)).toArray());
        assertArrayEquals(new float[] {0f, 0f}, Init.zeros_(Tensor.ones(2)).toArray());
    }

    @Test
    void aViewOfAWeightIsFilledInPlaceSoTheWeightChanges() {
        Tensor w = Tensor.zeros(3, 4);
        Init.constant_(w.narrow(0, 2, 1), 7);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 7, 7}, w.toArray());
        Tensor column = w.select(1, 1);
        Init.uniform_(column, 10, 11, new Generator(3));
        float[] drawn = Init.uniform_(Tensor.zeros(3), 10, 11, new Generator(3)).toArray();
        assertArrayEquals(drawn, new float[] {w.get(0, 1), w.get(1, 1), w.get(2, 1)}, "the column holds the draws, in order");
        assertEquals(7f, w.get(2, 0), "the rest of the weight is untouched");
        assertEquals(2, w.version(), "each fill counts as one in-place change of the weight's storage");
    }
}
