package dev.steepest.nn.data;

import static dev.steepest.core.testing.MessageAssert.bad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * randomSplit gives PyTorch's subsets for the same seed: the fixture {@code nn_random_split.json}
 * ({@code scripts/fixtures/core_ops_next.py}) holds the indices of each subset that
 * {@code torch.utils.data.random_split(range(n), lengths, generator=torch.Generator().manual_seed(s))}
 * returns, for lengths and for fractions.
 */
class RandomSplitTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/nn_random_split.json").cases().stream();
    }

    /** A data set whose sample i holds the number i, so a subset's samples name their indices. */
    private static TensorDataset numbered(int n) {
        return new TensorDataset(Tensor.arange(n).toFloat().reshape(n, 1), Tensor.zeros(n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsAsPyTorchDoesForTheSameSeed(Fixtures.Case c) {
        int n = (int) c.number("n");
        TensorDataset data = numbered(n);
        Generator g = new Generator((long) c.number("seed"));
        float[] given = c.floats("lengths");
        List<Subset> subsets;
        if (c.bool("fractions")) {
            double[] fractions = new double[given.length];
            @SuppressWarnings("unchecked")
            List<Double> exact = (List<Double>) c.raw("lengths");
            for (int i = 0; i < fractions.length; i++) fractions[i] = exact.get(i);
            subsets = RandomSplit.randomSplit(data, fractions, g);
        } else {
            int[] lengths = new int[given.length];
            for (int i = 0; i < lengths.length; i++) lengths[i] = (int) given[i];
            subsets = RandomSplit.randomSplit(data, lengths, g);
        }
        @SuppressWarnings("unchecked")
        List<List<Double>> expected = (List<List<Double>>) c.raw("subsets");
        assertEquals(expected.size(), subsets.size(), c.name() + ": number of subsets");
        for (int s = 0; s < subsets.size(); s++) {
            Subset subset = subsets.get(s);
            float[] want = new float[expected.get(s).size()];
            for (int i = 0; i < want.length; i++) want[i] = expected.get(s).get(i).floatValue();
            float[] got = new float[subset.size()];
            for (int i = 0; i < got.length; i++) got[i] = subset.get(i).input().item();
            assertArrayEquals(want, got, c.name() + ": subset " + s);
            assertSame(data, subset.dataset());
        }
    }

    @Test
    void badLengthsAndFractionsAreRefused() {
        TensorDataset data = numbered(10);
        Generator g = new Generator(0);
        bad("randomSplit: lengths [7, 2] add up to 9, but the data set has 10 samples; they must add up to it (or pass fractions that add up to 1)",
                () -> RandomSplit.randomSplit(data, new int[] {7, 2}, g));
        bad("randomSplit: lengths must be non-negative, got [11, -1]", () -> RandomSplit.randomSplit(data, new int[] {11, -1}, g));
        bad("randomSplit: fractions [0.8, 0.3] add up to 1.1; they must add up to 1 (or pass lengths that add up to the data set's size)",
                () -> RandomSplit.randomSplit(data, new double[] {0.8, 0.3}, g));
        bad("randomSplit: fraction 1.5 at index 0 is not between 0 and 1", () -> RandomSplit.randomSplit(data, new double[] {1.5, -0.5}, g));
        bad("randomSplit: dataset, lengths and generator must not be null; pass e.g. new Generator(42)",
                () -> RandomSplit.randomSplit(data, new int[] {10}, null));
        bad("randomSplit: give at least one length or fraction", () -> RandomSplit.randomSplit(data, new int[0], g));
    }

    @Test
    void withoutAGeneratorItSplitsWithTheDefaultOne() {
        Generator.manualSeed(0);
        List<Subset> fromDefault = RandomSplit.randomSplit(numbered(10), new int[] {7, 3});
        List<Subset> fromSeeded = RandomSplit.randomSplit(numbered(10), new int[] {7, 3}, new Generator(0));
        assertArrayEquals(fromSeeded.get(0).indices(), fromDefault.get(0).indices());
        Generator.manualSeed(0);
        assertArrayEquals(fromSeeded.get(1).indices(), RandomSplit.randomSplit(numbered(10), new double[] {0.7, 0.3}).get(1).indices());
    }

    @Test
    void aSubsetReadsThroughToItsDataSet() {
        Subset s = new Subset(numbered(5), new int[] {4, 0});
        assertEquals(2, s.size());
        assertEquals(4f, s.get(0).input().item());
        assertArrayEquals(new int[] {4, 0}, s.indices());
        assertEquals("Subset(2 of 5 samples, indices [4, 0])", s.toString());
    }
}
