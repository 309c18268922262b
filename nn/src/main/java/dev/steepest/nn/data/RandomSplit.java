package dev.steepest.nn.data;

import dev.steepest.core.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a data set into non-overlapping random subsets of given lengths, as
 * {@code torch.utils.data.random_split(dataset, lengths, generator)}: the samples are shuffled with
 * {@link Generator#randperm}, which draws as {@code torch.randperm}, so the same seed gives
 * PyTorch's split, sample for sample.
 *
 * <pre>{@code
 * List<Subset> parts = RandomSplit.randomSplit(digits, new double[] {0.8, 0.2}, new Generator(42));
 * Dataset train = parts.get(0), test = parts.get(1);
 * }</pre>
 */
public final class RandomSplit {

    private RandomSplit() {
    }

    /** {@link #randomSplit(Dataset, int[], Generator)} with the default generator, as random_split(dataset, lengths). */
    public static List<Subset> randomSplit(Dataset dataset, int[] lengths) {
        return randomSplit(dataset, lengths, Generator.defaultGenerator());
    }

    /** {@link #randomSplit(Dataset, double[], Generator)} with the default generator, as random_split(dataset, fractions). */
    public static List<Subset> randomSplit(Dataset dataset, double[] fractions) {
        return randomSplit(dataset, fractions, Generator.defaultGenerator());
    }

    /** Subsets of exactly these lengths, which must add up to the data set's size. */
    public static List<Subset> randomSplit(Dataset dataset, int[] lengths, Generator generator) {
        check(dataset, lengths == null ? -1 : lengths.length, generator);
        long sum = 0;
        for (int length : lengths) {
            if (length < 0) {
                throw new IllegalArgumentException("randomSplit: lengths must be non-negative, got " + Arrays.toString(lengths));
            }
            sum += length;
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: lengths " + Arrays.toString(lengths) + " add up to " + sum
                    + ", but the data set has " + dataset.size() + " samples; they must add up to it (or pass fractions that add up to 1)");
        }
        int[] order = generator.randperm(dataset.size());
        List<Subset> subsets = new ArrayList<>(lengths.length);
        int offset = 0;
        for (int length : lengths) {
            subsets.add(new Subset(dataset, Arrays.copyOfRange(order, offset, offset + length)));
            offset += length;
        }
        return subsets;
    }

    /**
     * Subsets of these fractions of the data set, which must add up to 1: each gets
     * floor(size · fraction) samples, and the samples left over go one each to the first subsets,
     * in order, as PyTorch does.
     */
    public static List<Subset> randomSplit(Dataset dataset, double[] fractions, Generator generator) {
        check(dataset, fractions == null ? -1 : fractions.length, generator);
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("randomSplit: fraction " + fractions[i] + " at index " + i + " is not between 0 and 1");
            }
            sum += fractions[i];
        }
        // math.isclose(sum, 1) and sum <= 1, as PyTorch checks
        if (!(Math.abs(sum - 1) <= 1e-9 && sum <= 1)) {
            throw new IllegalArgumentException("randomSplit: fractions " + Arrays.toString(fractions) + " add up to " + sum
                    + "; they must add up to 1 (or pass lengths that add up to the data set's size)");
        }
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(dataset.size() * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; i < dataset.size() - assigned; i++) {
            lengths[i % lengths.length]++;
        }
        return randomSplit(dataset, lengths, generator);
    }

    /** {@code parts}: how many lengths or fractions were given, -1 for none (null). */
    private static void check(Dataset dataset, int parts, Generator generator) {
        if (dataset == null || parts < 0 || generator == null) {
            throw new IllegalArgumentException("randomSplit: dataset, lengths and generator must not be null; pass e.g. new Generator(42)");
        }
        if (parts == 0) {
            throw new IllegalArgumentException("randomSplit: give at least one length or fraction");
        }
    }
}
