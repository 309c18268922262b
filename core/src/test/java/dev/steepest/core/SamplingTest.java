package dev.steepest.core;

import static dev.steepest.core.testing.MessageAssert.bad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * randnLike, randperm and multinomial draw exactly what PyTorch draws after
 * {@code torch.manual_seed(seed)}: the fixture {@code core_random_next.json}
 * ({@code scripts/fixtures/core_ops_next.py}) holds PyTorch's results, compared exactly for
 * indices and at float rounding for normals. Independently of the fixture, multinomial's
 * frequencies pass a chi-square bound, and bad probabilities are refused with a message.
 */
class SamplingTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/core_random_next.json").cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsAsPyTorchDoesForTheSameSeed(Fixtures.Case c) {
        Generator g = new Generator((long) c.number("seed"));
        String kind = c.string("kind");
        switch (kind) {
            case "randn_like":
                TensorAssert.assertClose(c.tensor("out"), Tensor.randnLike(Tensor.zeros(c.ints("shape")), g), 1e-6, 1e-6, c.name());
                break;
            case "randperm":
                assertArrayEquals(c.floats("out"), Tensor.randperm((int) c.number("n"), g).toArray(), c.name());
                break;
            case "multinomial":
                Tensor drawn = c.tensor("probs").multinomial((int) c.number("samples"), c.bool("replacement"), g);
                TensorAssert.assertClose(c.tensor("out"), drawn, 0, 0, c.name());
                break;
            case "sequence": {
                Tensor three = Tensor.of(new float[] {0.1f, 0.2f, 0.7f}, 3);
                Tensor rows = Fixtures.load("/fixtures/core_random_next.json").get("multinomial_rows_1_with_seed7").tensor("probs");
                Tensor all = Tensor.cat(java.util.List.of(three.multinomial(5, true, g).toFloat(), Tensor.randperm(6, g).toFloat(),
                        rows.multinomial(2, false, g).flatten().toFloat(), Tensor.randn(g, 3)), 0);
                TensorAssert.assertClose(c.tensor("out"), all, 1e-6, 1e-6, c.name());
                break;
            }
            default:
                throw new IllegalArgumentException("unknown kind " + kind + " in case " + c.name());
        }
    }

    @Test
    void withoutAGeneratorTheyDrawFromTheDefaultOneAsTorchDoesAfterManualSeed() {
        Tensor probs = Tensor.of(new float[] {0.1f, 0.2f, 0.7f}, 3);
        Generator.manualSeed(5);
        float[] fromDefault = Tensor.cat(java.util.List.of(Tensor.randperm(7).toFloat(), probs.multinomial(4, true).toFloat(),
                Tensor.randnLike(Tensor.zeros(3))), 0).toArray();
        Generator g = new Generator(5);
        float[] fromSeeded = Tensor.cat(java.util.List.of(Tensor.randperm(7, g).toFloat(), probs.multinomial(4, true, g).toFloat(),
                Tensor.randnLike(Tensor.zeros(3), g)), 0).toArray();
        assertArrayEquals(fromSeeded, fromDefault);
    }

    @Test
    void randpermIsAPermutationAndItsIntFormDrawsTheSame() {
        float[] p = Tensor.randperm(500, new Generator(3)).toArray();
        int[] ints = new Generator(3).randperm(500);
        for (int i = 0; i < p.length; i++) assertEquals(ints[i], p[i]);
        Arrays.sort(p);
        for (int i = 0; i < p.length; i++) assertEquals(i, p[i]);
    }

    /**
     * 40,000 draws with replacement from [1, 2, 3, 4] / 10: the chi-square statistic with 3 degrees
     * of freedom stays below 16.27 (p = 0.001) for a correct sampler; a sampler off by one category
     * or ignoring the weights lands in the thousands.
     */
    @Test
    void frequenciesWithReplacementFollowTheWeights() {
        float[] weights = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] drawn = Tensor.of(weights, 4).multinomial(40_000, true, new Generator(2024)).toArray();
        assertTrue(chiSquare(drawn, weights) < 16.27, "chi-square " + chiSquare(drawn, weights));
    }

    /** The first draw without replacement (the exponential race) also follows the weights: 20,000 one-sample draws. */
    @Test
    void theFirstDrawWithoutReplacementFollowsTheWeights() {
        float[] weights = {0.1f, 0.2f, 0.3f, 0.4f};
        Tensor probs = Tensor.of(weights, 4);
        Generator g = new Generator(7);
        float[] drawn = new float[20_000];
        for (int i = 0; i < drawn.length; i++) drawn[i] = probs.multinomial(1, false, g).item();
        assertTrue(chiSquare(drawn, weights) < 16.27, "chi-square " + chiSquare(drawn, weights));
    }

    @Test
    void withoutReplacementNoCategoryRepeats() {
        float[] drawn = Tensor.full(1f, 3, 10).multinomial(10, false, new Generator(1)).toArray();
        for (int r = 0; r < 3; r++) {
            float[] row = Arrays.copyOfRange(drawn, r * 10, r * 10 + 10);
            Arrays.sort(row);
            for (int i = 0; i < 10; i++) assertEquals(i, row[i], "row " + r + " is a permutation of the 10 categories");
        }
    }

    private static double chiSquare(float[] drawn, float[] weights) {
        long[] counts = new long[weights.length];
        for (float d : drawn) counts[(int) d]++;
        double chi = 0;
        for (int j = 0; j < weights.length; j++) {
            double expected = drawn.length * (double) weights[j];
            chi += (counts[j] - expected) * (counts[j] - expected) / expected;
        }
        return chi;
    }

    @Test
    void badProbabilitiesAndCountsAreRefused() {
        Generator g = new Generator(0);
        bad("multinomial: probabilities must be finite and non-negative, got -0.5 at row 1, category 0",
                () -> Tensor.of(new float[] {1, 1, -0.5f, 1}, 2, 2).multinomial(1, true, g));
        bad("multinomial: probabilities must be finite and non-negative, got NaN at category 1",
                () -> Tensor.of(new float[] {1, Float.NaN}, 2).multinomial(1, true, g));
        bad("multinomial: the probabilities of row 0 add up to 0; at least one must be positive",
                () -> Tensor.zeros(2, 3).multinomial(1, true, g));
        bad("multinomial: cannot draw 4 samples without replacement from 3 categories; draw at most 3 or pass replacement = true",
                () -> Tensor.ones(3).multinomial(4, false, g));
        bad("multinomial: the number of samples must be positive, got 0", () -> Tensor.ones(3).multinomial(0, true, g));
        bad("multinomial: expects a 1-D [categories] or 2-D [rows, categories] tensor of probabilities, got shape [1, 2, 3]",
                () -> Tensor.ones(1, 2, 3).multinomial(1, true, g));
        bad("multinomial: generator is null; pass a seeded Generator, e.g. new Generator(0)", () -> Tensor.ones(3).multinomial(1, true, null));
        bad("randperm: n must be non-negative, got -1", () -> Tensor.randperm(-1, g));
        bad("randnLike: generator is null; pass a seeded Generator, e.g. new Generator(0)", () -> Tensor.randnLike(Tensor.ones(2), null));
    }
}
