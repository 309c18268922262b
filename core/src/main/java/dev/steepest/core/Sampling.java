package dev.steepest.core;

import java.util.Arrays;

/**
 * Random draws that PyTorch makes with its own algorithms on the CPU, reproduced draw for draw so
 * that the same seed gives the same numbers: {@code randperm} (a Fisher–Yates shuffle from the front)
 * and {@code multinomial} (the exponential race without replacement; a binary search in the cumulative
 * distribution with replacement, one sample included, as PyTorch 1.13). Results are int64 indices, as PyTorch's.
 */
final class Sampling {

    private Sampling() {
    }

    /**
     * A random permutation of 0 … n−1, as torch.randperm(n, generator) on the CPU: start from the
     * identity, then for i = 0 … n−2 swap position i with i + (32 random bits mod (n − i)).
     */
    static int[] permutation(int n, Generator generator) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
        }
        Shapes.notNullGenerator("randperm", generator);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (generator.nextBits32() % (n - i));
            int saved = p[i];
            p[i] = p[z + i];
            p[z + i] = saved;
        }
        return p;
    }

    static Tensor randperm(int n, Generator generator) {
        int[] p = permutation(n, generator);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = p[i];
        return new Tensor(out, new int[] {n}, DType.INT64);
    }

    /**
     * {@code numSamples} category indices per row of a [categories] or [rows, categories] tensor of
     * non-negative weights (they need not add up to 1), as torch.multinomial.
     */
    static Tensor multinomial(Tensor probs, int numSamples, boolean replacement, Generator generator) {
        Shapes.notNullGenerator("multinomial", generator);
        int rank = probs.shape.length;
        if (rank != 1 && rank != 2) {
            throw new IllegalArgumentException("multinomial: expects a 1-D [categories] or 2-D [rows, categories] tensor of probabilities, got shape "
                    + Shapes.toString(probs.shape));
        }
        int rows = rank == 2 ? probs.shape[0] : 1, k = probs.shape[rank - 1];
        if (numSamples <= 0) {
            throw new IllegalArgumentException("multinomial: the number of samples must be positive, got " + numSamples);
        }
        if (k == 0) {
            throw new IllegalArgumentException("multinomial: there are no categories to draw from (shape " + Shapes.toString(probs.shape) + ")");
        }
        if (!replacement && numSamples > k) {
            throw new IllegalArgumentException("multinomial: cannot draw " + numSamples + " samples without replacement from "
                    + k + " categories; draw at most " + k + " or pass replacement = true");
        }
        checkWeights(probs, rows, k);
        long[] out = new long[rows * numSamples];
        if (!replacement) {
            exponentialRace(probs.values(), rows, k, numSamples, generator, out);
        } else {
            inverseCdf(probs.values(), rows, k, numSamples, generator, out);
        }
        return new Tensor(out, rank == 2 ? new int[] {rows, numSamples} : new int[] {numSamples}, DType.INT64);
    }

    private static void checkWeights(Tensor probs, int rows, int k) {
        float[] weights = probs.values();
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int j = 0; j < k; j++) {
                float p = weights[r * k + j];
                if (!(p >= 0) || p == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("multinomial: probabilities must be finite and non-negative, got " + p
                            + " at " + (probs.shape.length == 2 ? "row " + r + ", " : "") + "category " + j);
                }
                sum += p;
            }
            if (sum == 0) {
                throw new IllegalArgumentException("multinomial: the probabilities" + (probs.shape.length == 2 ? " of row " + r : "")
                        + " add up to 0; at least one must be positive");
            }
        }
    }

    /**
     * Without replacement: each category draws q ~ Exp(1) (−log(1 − u), u a 53-bit
     * double) and the samples are the categories with the largest p / q, largest first. This is
     * the Gumbel-max trick in multiplicative form; PyTorch draws all q of all rows first.
     */
    private static void exponentialRace(float[] p, int rows, int k, int numSamples, Generator generator, long[] out) {
        float[] key = new float[rows * k];
        for (int i = 0; i < key.length; i++) key[i] = (float) -Math.log(1.0 - generator.nextDouble());
        for (int i = 0; i < key.length; i++) key[i] = p[i] / key[i];
        Integer[] order = new Integer[k];
        for (int r = 0; r < rows; r++) {
            int row = r;
            for (int j = 0; j < k; j++) order[j] = j;
            // largest key first; the lower index first on ties, as argmax
            Arrays.sort(order, (x, y) -> {
                int c = Float.compare(key[row * k + y], key[row * k + x]);
                return c != 0 ? c : Integer.compare(x, y);
            });
            for (int s = 0; s < numSamples; s++) out[r * numSamples + s] = order[s];
        }
    }

    /**
     * With replacement: the cumulative sums of the weights (in float, divided by their total, the
     * last set to 1), then for each sample a uniform 53-bit double u and the first category whose
     * cumulative value is not below u, by binary search.
     */
    private static void inverseCdf(float[] p, int rows, int k, int numSamples, Generator generator, long[] out) {
        float[] cumulative = new float[k];
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int j = 0; j < k; j++) {
                sum += p[r * k + j];
                cumulative[j] = sum;
            }
            for (int j = 0; j < k; j++) cumulative[j] /= sum;
            cumulative[k - 1] = 1f;
            for (int s = 0; s < numSamples; s++) {
                double u = generator.nextDouble();
                int left = 0, right = k;
                while (right - left > 0) {
                    int mid = left + (right - left) / 2;
                    if (cumulative[mid] < u) left = mid + 1;
                    else right = mid;
                }
                out[r * numSamples + s] = left;
            }
        }
    }
}
