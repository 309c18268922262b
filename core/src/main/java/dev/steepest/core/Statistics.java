package dev.steepest.core;

/**
 * Variance and standard deviation, over all elements or along one dimension, as PyTorch's
 * {@code var}/{@code std}: with {@code unbiased} (the default, Bessel's correction) the sum of
 * squared deviations is divided by {@code n − 1}, otherwise by {@code n}. Each fibre is summed in
 * double, mean first and then the squared deviations, as PyTorch does on the CPU. With
 * {@code unbiased} and one element the result is NaN (0/0), as in PyTorch.
 *
 * <p>Note: the backward keeps the mean in double, where PyTorch subtracts a float32 mean; for
 * values far from 0 (a mean of 1000, where one float ulp is 6e-5) the two gradients differ by
 * PyTorch's rounding, a few 1e-6.
 */
final class Statistics {

    private Statistics() {
    }

    static Tensor var(Tensor a, boolean unbiased) {
        return whole(a, unbiased, false);
    }

    static Tensor std(Tensor a, boolean unbiased) {
        return whole(a, unbiased, true);
    }

    static Tensor var(Tensor a, int dim, boolean unbiased, boolean keepDim) {
        return alongDim(a, dim, unbiased, keepDim, false);
    }

    static Tensor std(Tensor a, int dim, boolean unbiased, boolean keepDim) {
        return alongDim(a, dim, unbiased, keepDim, true);
    }

    private static Tensor whole(Tensor a, boolean unbiased, boolean std) {
        return compute(a, 1, a.numel, 1, unbiased, std, new int[0]);
    }

    private static Tensor alongDim(Tensor a, int dim, boolean unbiased, boolean keepDim, boolean std) {
        String op = std ? "std" : "var";
        if (a.shape.length == 0) {
            Shapes.dim(op, dim, 0);
            return whole(a, unbiased, std);
        }
        int d = Shapes.dim(op, dim, a.shape.length);
        return compute(a, Shapes.outer(a.shape, d), a.shape[d], Shapes.inner(a.shape, d), unbiased, std,
                Shapes.reduced(a.shape, d, keepDim));
    }

    /** The variance (or its square root) of each fibre of n elements when a is read as [outer, n, inner]. */
    private static Tensor compute(Tensor a, int outer, int n, int inner, boolean unbiased, boolean std, int[] outShape) {
        int divisor = unbiased ? n - 1 : n;
        double[] mean = new double[outer * inner];
        float[] out = new float[outer * inner];
        float[] x = a.values();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += x[(o * n + k) * inner + i];
                double m = sum / n;
                double squares = 0;
                for (int k = 0; k < n; k++) {
                    double dev = x[(o * n + k) * inner + i] - m;
                    squares += dev * dev;
                }
                double variance = squares / divisor;
                mean[o * inner + i] = m;
                out[o * inner + i] = (float) (std ? Math.sqrt(variance) : variance);
            }
        }
        Tensor y = new Tensor(out, outShape);
        if (!Tensor.recording(a)) return y;
        // d var/d a_k = 2(a_k − mean)/divisor;  d std/d a_k = (a_k − mean)/(divisor · std), taken as 0 where std = 0
        // (every deviation is 0 there; PyTorch's std_backward masks the 0/0 the same way)
        return Tensor.record(std ? "StdBackward" : "VarBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] ga = new float[a.numel], xs = a.values();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int r = o * inner + i;
                    double scale = !std ? 2.0 * g.data[r] / divisor
                            : out[r] == 0f ? 0.0
                            : (double) g.data[r] / ((double) divisor * out[r]);
                    for (int k = 0; k < n; k++) {
                        int at = (o * n + k) * inner + i;
                        ga[at] = (float) (scale * (xs[at] - mean[r]));
                    }
                }
            }
            return new Tensor[] {Tensor.freshGradient(ga, a.shape)};
        }, g -> new Tensor[] {deviationsTimes(a, g, y, outer, n, inner, divisor, std)});
    }

    /**
     * The same rule in recorded ops, on a read as [outer, n, inner]: (a − mean)·2g/divisor for var,
     * (a − mean)·g/(divisor·std) for std, where std = 0 gives 0 (a constant 1 added under the
     * division there, and the quotient masked), so that it can be differentiated again.
     */
    private static Tensor deviationsTimes(Tensor a, Tensor g, Tensor y, int outer, int n, int inner, int divisor, boolean std) {
        int[] fibres = {outer, n, inner}, kept = {outer, 1, inner};
        Tensor x = a.reshape(fibres);
        Tensor deviations = x.sub(x.mean(1, true));
        Tensor gk = g.reshape(kept);
        if (!std) return deviations.mul(gk.mul(2f / divisor)).reshape(a.shape);
        Tensor zero = y.eq(0f).toFloat().reshape(kept), s = y.reshape(kept);
        Tensor scale = gk.div(s.add(zero).mul(divisor)).mul(zero.neg().add(1f));
        return deviations.mul(scale).reshape(a.shape);
    }
}
