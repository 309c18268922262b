package dev.steepest.core;


/**
 * Reductions over the whole tensor or one dimension: sum, mean, max and min (with their indices),
 * argmax, argmin, norm. A tensor reduced over {@code dim} is read as {@code [outer, size, inner]}.
 */
final class Reductions {

    private Reductions() {
    }

    static Tensor sum(Tensor a) {
        if (a.ints != null) return integerSum(a.reshape(1, a.numel), 1, new int[0]);
        double s = 0;
        for (float v : a.values()) s += v;
        Tensor y = Tensor.scalar((float) s);
        if (!Tensor.recording(a)) return y;
        int[] shape = a.shape;
        // d(Σa)/da_i = 1
        return Tensor.record("SumBackward", y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {Tensor.full(g.data[0], shape)},
                g -> new Tensor[] {Broadcasting.expandTo(g, shape)});
    }

    /** The sum of an int64 or bool tensor along {@code d}, as an int64 tensor of {@code shape}: a bool mask's sum counts its trues, as PyTorch's. */
    private static Tensor integerSum(Tensor a, int d, int[] shape) {
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        long[] x = a.longValues(), out = new long[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < size; k++)
                for (int i = 0; i < inner; i++) out[o * inner + i] += x[(o * size + k) * inner + i];
        return new Tensor(out, shape, DType.INT64);
    }

    static Tensor mean(Tensor a) {
        double s = 0;
        for (float v : a.values()) s += v;
        int n = a.numel;
        Tensor y = Tensor.scalar((float) (s / n));
        if (!Tensor.recording(a)) return y;
        int[] shape = a.shape;
        // d(mean a)/da_i = 1/n
        return Tensor.record("MeanBackward", y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {Tensor.full(g.data[0] / n, shape)},
                g -> new Tensor[] {Broadcasting.expandTo(g.div(n), shape)});
    }

    static Tensor sum(Tensor a, int dim, boolean keepDim) {
        if (a.ints != null && a.shape.length > 0) {
            int d = Shapes.dim("sum", dim, a.shape.length);
            return integerSum(a, d, Shapes.reduced(a.shape, d, keepDim));
        }
        return sumOrMean(a, dim, keepDim, false);
    }

    static Tensor mean(Tensor a, int dim, boolean keepDim) {
        return sumOrMean(a, dim, keepDim, true);
    }

    private static Tensor sumOrMean(Tensor a, int dim, boolean keepDim, boolean mean) {
        String op = mean ? "mean" : "sum";
        if (a.shape.length == 0) {
            Shapes.dim(op, dim, 0);
            return mean ? mean(a) : sum(a);   // a 0-d int64 or bool sum arrives here too
        }
        int d = Shapes.dim(op, dim, a.shape.length);
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        float[] out = sumAlong(a.values(), outer, size, inner, mean);
        float scale = mean ? 1f / size : 1f;
        Tensor y = new Tensor(out, Shapes.reduced(a.shape, d, keepDim));
        if (!Tensor.recording(a)) return y;
        int[] shape = a.shape;
        // each input element receives the gradient of its output element (times 1/size for the mean)
        return Tensor.record(mean ? "MeanBackward" : "SumBackward", y, new Tensor[] {a}, Tensor.NONE, g -> {
            float[] gx = new float[outer * size * inner];
            for (int o = 0; o < outer; o++)
                for (int k = 0; k < size; k++)
                    for (int i = 0; i < inner; i++) gx[(o * size + k) * inner + i] = g.data[o * inner + i] * scale;
            return new Tensor[] {Tensor.freshGradient(gx, shape)};
        }, g -> {
            Tensor kept = g.reshape(Shapes.reduced(shape, d, true));
            return new Tensor[] {Broadcasting.expandTo(mean ? kept.mul(scale) : kept, shape)};
        });
    }

    /**
     * Each [outer, ·, inner] fibre of x summed in double, as {@link #sum(Tensor)} sums the whole tensor
     * (a float accumulator stops at 2²⁴ = 16,777,216 when adding ones), divided by size for the mean,
     * rounded once to float. The inner loop runs over contiguous memory, as the float one did.
     */
    static float[] sumAlong(float[] x, int outer, int size, int inner, boolean mean) {
        float[] out = new float[outer * inner];
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int k = 0; k < size; k++) {
                int base = (o * size + k) * inner;
                for (int i = 0; i < inner; i++) acc[i] += x[base + i];
            }
            for (int i = 0; i < inner; i++) out[o * inner + i] = (float) (mean ? acc[i] / size : acc[i]);
        }
        return out;
    }

    static Tensor max(Tensor a) {
        return extreme(a, true);
    }

    static Tensor min(Tensor a) {
        return extreme(a, false);
    }

    private static Tensor extreme(Tensor a, boolean max) {
        String op = max ? "max" : "min";
        if (a.numel == 0) {
            throw new IllegalArgumentException(op + ": the tensor is empty (shape " + Shapes.toString(a.shape) + "); there is no " + op + "imum");
        }
        float[] x = a.values();
        float best = x[0];
        for (float v : x) {
            if (v != v) { best = v; break; }
            if (max ? v > best : v < best) best = v;
        }
        float value = best;
        Tensor y = Tensor.scalar(value);
        if (!Tensor.recording(a)) return y;
        // the gradient goes to the extreme element, split evenly among ties (as PyTorch does)
        return Tensor.record(max ? "MaxBackward" : "MinBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            boolean nan = value != value;
            int ties = 0;
            float[] xs = a.values();
            for (float v : xs) if (v == value || (nan && v != v)) ties++;
            float[] gx = new float[xs.length];
            for (int i = 0; i < gx.length; i++) if (xs[i] == value || (nan && xs[i] != xs[i])) gx[i] = g.data[0] / ties;
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> {
            boolean nan = value != value;
            float[] xs = a.values(), share = new float[xs.length];
            int ties = 0;
            for (float v : xs) if (v == value || (nan && v != v)) ties++;
            for (int i = 0; i < share.length; i++) if (xs[i] == value || (nan && xs[i] != xs[i])) share[i] = 1f / ties;
            return new Tensor[] {Broadcasting.expandTo(g, a.shape).mul(new Tensor(share, a.shape))};
        });
    }

    /**
     * Index (within dimension d) of the largest (or smallest) value of each [outer, ·, inner] fibre;
     * NaN wins, the first one on ties, as PyTorch on the CPU.
     */
    private static int[] extremeIndices(String op, Tensor a, int d, boolean max) {
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        if (size == 0) {
            throw new IllegalArgumentException(op + ": dimension " + d + " of shape " + Shapes.toString(a.shape) + " is empty");
        }
        int[] idx = new int[outer * inner];
        float[] x = a.values();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                float bestValue = x[o * size * inner + i];
                for (int k = 1; k < size && bestValue == bestValue; k++) {
                    float v = x[(o * size + k) * inner + i];
                    if ((max ? v > bestValue : v < bestValue) || v != v) {
                        bestValue = v;
                        best = k;
                    }
                }
                idx[o * inner + i] = best;
            }
        }
        return idx;
    }

    static Tensor max(Tensor a, int dim, boolean keepDim) {
        return alongDim(a, dim, keepDim, true).values();
    }

    static Tensor min(Tensor a, int dim, boolean keepDim) {
        return alongDim(a, dim, keepDim, false).values();
    }

    /** torch.max(a, dim) / torch.min(a, dim): the extreme values and where they came from. */
    static ValuesAndIndices alongDim(Tensor a, int dim, boolean keepDim, boolean max) {
        String op = max ? "max" : "min";
        if (a.shape.length == 0) {
            Shapes.dim(op, dim, 0);
            return new ValuesAndIndices(extreme(a, max), new Tensor(new long[1], new int[0], DType.INT64));
        }
        int d = Shapes.dim(op, dim, a.shape.length);
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        int[] idx = extremeIndices(op, a, d, max);
        float[] out = new float[idx.length];
        long[] where = new long[idx.length];
        float[] x = a.values();
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = x[(o * size + idx[o * inner + i]) * inner + i];
                where[o * inner + i] = idx[o * inner + i];
            }
        int[] shape = Shapes.reduced(a.shape, d, keepDim);
        Tensor indices = new Tensor(where, shape.clone(), DType.INT64);
        Tensor y = new Tensor(out, shape);
        if (!Tensor.recording(a)) return new ValuesAndIndices(y, indices);
        // the gradient goes to the position each maximum (minimum) came from: the rule reads the
        // indices and a's shape, never a, so a can be freed as soon as nothing else needs it
        int[] inShape = a.shape;
        int numel = a.numel;
        Tensor values = Tensor.record(max ? "MaxBackward" : "MinBackward", y, new Tensor[] {a}, new Tensor[] {indices}, g -> {
            float[] gx = RecycledArrays.takeZeroed(numel);
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++) gx[(o * size + idx[o * inner + i]) * inner + i] = g.data[o * inner + i];
            return new Tensor[] {Tensor.freshGradient(gx, inShape)};
        }, g -> {
            float[] oneHot = new float[numel];
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++) oneHot[(o * size + idx[o * inner + i]) * inner + i] = 1f;
            return new Tensor[] {Broadcasting.expandTo(g.reshape(Shapes.reduced(inShape, d, true)), inShape).mul(new Tensor(oneHot, inShape))};
        });
        return new ValuesAndIndices(values, indices);
    }

    static Tensor argmax(Tensor a) {
        return argExtreme(a, true);
    }

    static Tensor argmin(Tensor a) {
        return argExtreme(a, false);
    }

    private static Tensor argExtreme(Tensor a, boolean max) {
        String op = max ? "argmax" : "argmin";
        if (a.numel == 0) {
            throw new IllegalArgumentException(op + ": the tensor is empty (shape " + Shapes.toString(a.shape) + ")");
        }
        Tensor flat = new Tensor(a.values(), new int[] {a.numel});
        return new Tensor(new long[] {extremeIndices(op, flat, 0, max)[0]}, new int[0], DType.INT64);
    }

    static Tensor argmax(Tensor a, int dim, boolean keepDim) {
        return argExtreme(a, dim, keepDim, true);
    }

    static Tensor argmin(Tensor a, int dim, boolean keepDim) {
        return argExtreme(a, dim, keepDim, false);
    }

    private static Tensor argExtreme(Tensor a, int dim, boolean keepDim, boolean max) {
        String op = max ? "argmax" : "argmin";
        if (a.shape.length == 0) {
            Shapes.dim(op, dim, 0);
            return new Tensor(new long[1], new int[0], DType.INT64);
        }
        int d = Shapes.dim(op, dim, a.shape.length);
        int[] idx = extremeIndices(op, a, d, max);
        long[] out = new long[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return new Tensor(out, Shapes.reduced(a.shape, d, keepDim), DType.INT64);
    }

    static Tensor norm(Tensor a) {
        double s = 0;
        for (float v : a.values()) s += (double) v * v;
        float n = (float) Math.sqrt(s);
        Tensor y = Tensor.scalar(n);
        if (!Tensor.recording(a)) return y;
        // d‖a‖/da = a/‖a‖ (0 when ‖a‖ = 0)
        return Tensor.record("NormBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] x = a.values(), gx = new float[x.length];
            if (n != 0f) for (int i = 0; i < gx.length; i++) gx[i] = g.data[0] * x[i] / n;
            return new Tensor[] {Tensor.freshGradient(gx, a.shape.clone())};
        }, g -> new Tensor[] {n == 0f ? Tensor.zerosLike(a) : a.mul(g.div(y))});
    }

}
