package dev.steepest.core;

import dev.steepest.core.kernels.Kernels;

/** Unary elementwise ops and ops with a scalar; each forward is followed by its derivative. */
final class Pointwise {

    private Pointwise() {
    }

    /** g·s, unrecorded: a helper for backward rules. */
    static Tensor scaled(Tensor g, float s) {
        float[] out = new float[g.data.length];
        for (int i = 0; i < out.length; i++) out[i] = g.data[i] * s;
        return new Tensor(out, g.shape);
    }

    /** g·d elementwise, unrecorded: the chain rule for a derivative d computed by a backward rule. */
    static Tensor times(Tensor g, float[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < out.length; i++) out[i] = g.data[i] * d[i];
        return new Tensor(out, g.shape);
    }

    static Tensor addScalar(Tensor a, float s) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = x[i] + s;
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(a+s)/da = 1
        return Tensor.record("AddBackward", y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {g});
    }

    static Tensor mulScalar(Tensor a, float s) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = x[i] * s;
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(a*s)/da = s. Like PyTorch, mul saves the number (freed by backward: a second backward there
        // is an error), neg saves nothing.
        return Tensor.record(s == -1f ? "NegBackward" : "MulBackward", y, new Tensor[] {a},
                s == -1f ? Tensor.NONE : new Tensor[] {Tensor.scalar(s)}, g -> new Tensor[] {scaled(g, s)},
                g -> new Tensor[] {g.mul(s)});
    }

    static Tensor divScalar(Tensor a, float s) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = x[i] / s;
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        int[] shape = a.shape;
        // d(a/s)/da = 1/s (the number saved, as PyTorch saves it)
        return Tensor.record("DivBackward", y, new Tensor[] {a}, new Tensor[] {Tensor.scalar(s)}, g -> {
            float[] d = new float[g.data.length];
            for (int i = 0; i < d.length; i++) d[i] = g.data[i] / s;
            return new Tensor[] {Tensor.freshGradient(d, shape)};
        }, g -> new Tensor[] {g.div(s)});
    }

    static Tensor pow(Tensor a, float p) {
        float[] x = a.values(), out = new float[x.length];
        if (p == 2f) {
            for (int i = 0; i < out.length; i++) out[i] = x[i] * x[i];
        } else {
            for (int i = 0; i < out.length; i++) out[i] = (float) Math.pow(x[i], p);
        }
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(a^p)/da = p·a^(p-1)  (0 when p = 0)
        return Tensor.record("PowBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            if (p == 2f) {
                for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] * (2f * x[i]);
            } else if (p != 0f) {
                for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] * (p * (float) Math.pow(x[i], p - 1f));
            }
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> new Tensor[] {p == 0f ? Tensor.zerosLike(g) : p == 2f ? g.mul(a.mul(2f)) : g.mul(a.pow(p - 1f).mul(p))});
    }

    static Tensor exp(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) Math.exp(x[i]);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(e^a)/da = e^a
        return Tensor.record("ExpBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> new Tensor[] {times(g, out)},
                g -> new Tensor[] {g.mul(y)});
    }

    static Tensor log(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) Math.log(x[i]);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(log a)/da = 1/a
        return Tensor.record("LogBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] / x[i];
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> new Tensor[] {g.div(a)});
    }

    static Tensor sqrt(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) Math.sqrt(x[i]);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(√a)/da = 1/(2√a)
        return Tensor.record("SqrtBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> {
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] / (2f * out[i]);
            return new Tensor[] {Tensor.freshGradient(gx, y.shape)};
        }, g -> new Tensor[] {g.div(y.mul(2f))});
    }

    static Tensor abs(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = Math.abs(x[i]);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d|a|/da = sign(a), 0 at 0
        return Tensor.record("AbsBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] * Math.signum(x[i]);
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> new Tensor[] {g.mul(signs(x, a.shape))});
    }

    static Tensor clamp(Tensor a, float min, float max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = x[i] != x[i] ? x[i] : Math.min(Math.max(x[i], min), max);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d clamp(a)/da = 1 where min ≤ a ≤ max, else 0
        return Tensor.record("ClampBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) gx[i] = x[i] >= min && x[i] <= max ? g.data[i] : 0f;
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> new Tensor[] {g.mul(inside(x, min, max, a.shape))});
    }

    static Tensor relu(Tensor a) {
        float[] x = a.values(), out = RecycledArrays.take(x.length);          // every element written below
        long[][] positive = relu(x, out);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        return Tensor.record("ReluBackward", y, new Tensor[] {a}, bits(positive), reluRule(positive, y.shape),
                reluTwin(positive, y.shape));
    }

    /**
     * relu in a's own storage, as {@code torch.relu_} ({@code nn.ReLU(inplace=True)}): a tensor the
     * graph made (a batch norm's output, say) becomes the relu's output, its grad_fn ReluBackward
     * whose input is what a was before, as PyTorch rebases an in-place op's history. A rule that
     * saved a's old values fails at backward (a's version moved on), as in PyTorch.
     */
    static Tensor relu_(Tensor a) {
        if (a.data == null) throw DTypes.notFloat("relu_", a);
        boolean record = Tensor.recording(a);
        if (record && a.gradFn == null) {
            throw new IllegalStateException("relu_: a leaf tensor that requires grad (shape " + Shapes.toString(a.shape)
                    + ") cannot be changed in place while gradients are recorded; use relu(), or work inside Autograd.noGrad()");
        }
        if (!a.dense || a.base != null) {
            throw new IllegalStateException("relu_: works on a tensor that is its whole storage, not on a view (shape "
                    + Shapes.toString(a.shape) + "); use relu(), or call contiguous() first");
        }
        long[][] positive = relu(a.data, a.data);
        a.version.value++;
        if (!record) return a;
        Node node = new Node("ReluBackward", new Tensor[] {a}, bits(positive), reluRule(positive, a.shape),
                reluTwin(positive, a.shape));      // its edge goes to a's node as it was
        a.gradFn = node;
        a.outputIndex = 0;
        return a;
    }

    /**
     * Bits per chunk of a relu's mask: 2^21, 256 KB of longs, below the size from which G1 puts an
     * array outside the young generation with a small heap (a single array for PointNet's 4 Mi values
     * would be 512 KB, just above it).
     */
    private static final int CHUNK_BITS = 21;

    /** out[i] = max(x[i], 0) (out may be x) and, bit i of the result, whether out[i] &gt; 0, in chunks of 2^21 bits. */
    private static long[][] relu(float[] x, float[] out) {
        int n = out.length, chunkWords = 1 << (CHUNK_BITS - 6);
        long[][] positive = new long[(int) ((n + (1L << CHUNK_BITS) - 1) >>> CHUNK_BITS)][];
        for (int c = 0; c < positive.length; c++) {
            long[] words = positive[c] = new long[Math.min(chunkWords, (int) ((n - ((long) c << CHUNK_BITS) + 63) >>> 6))];
            for (int w = 0; w < words.length; w++) {
                long word = 0;
                for (int i = (c << CHUNK_BITS) + (w << 6), end = Math.min(i + 64, n); i < end; i++) {
                    out[i] = Math.max(x[i], 0f);                                   // NaN stays NaN; no branch on the sign
                    word |= (positiveMask(out[i]) & 1L) << i;                      // a long shifts by i mod 64
                }
                words[w] = word;
            }
        }
        return positive;
    }

    /** The chunks as the tensors a relu node saves (int64, freed by backward). */
    private static Tensor[] bits(long[][] positive) {
        Tensor[] saved = new Tensor[positive.length];
        for (int c = 0; c < saved.length; c++) saved[c] = new Tensor(positive[c], new int[] {positive[c].length}, DType.INT64);
        return saved;
    }

    // d relu(a)/da = 1 where a > 0, else 0, read from the output as PyTorch does. The rule keeps one bit
    // per output (which are positive), not the output itself: a relu whose output nothing else keeps
    // (PointNet's before its max pool, 16 MB) then holds a 32nd of it until backward. The rules capture
    // the bits and the shape only: a captured output would keep it alive.

    private static Backward reluRule(long[][] positive, int[] shape) {
        return g -> {
            float[] gx = Tensor.overwritable(g);       // in place when nothing else holds g
            for (int i = 0; i < gx.length; i++) gx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g.data[i]) & bitMask(positive, i));
            return new Tensor[] {Tensor.freshGradient(gx, shape)};
        };
    }

    private static Backward reluTwin(long[][] positive, int[] shape) {
        return g -> {
            float[] d = new float[g.numel];
            for (int i = 0; i < d.length; i++) d[i] = bitMask(positive, i) == 0 ? 0f : 1f;
            return new Tensor[] {g.mul(new Tensor(d, shape))};
        };
    }

    /** All 32 bits set when bit i of the chunked {@code bits} is, else none. */
    private static int bitMask(long[][] bits, int i) {
        return (int) -((bits[i >>> CHUNK_BITS][(i >>> 6) & ((1 << (CHUNK_BITS - 6)) - 1)] >>> i) & 1L);
    }

    /**
     * All 32 bits set when v &gt; 0, else none (also for NaN), so that {@code g & mask} keeps g or
     * gives 0 without a branch: on data whose signs are random a branch is mispredicted half the
     * time, which made relu's backward several times slower.
     */
    private static int positiveMask(float v) {
        int bits = Float.floatToRawIntBits(v);                     // in [1, +inf's bits]: a positive number
        return ~(((bits - 1) | (0x7F800000 - bits)) >> 31);
    }

    static Tensor sigmoid(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        Kernels.sigmoid(x, out, out.length);                 // 1 / (1 + exp(−x))
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d σ(a)/da = σ(a)(1 − σ(a))
        return Tensor.record("SigmoidBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> {
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] * (1f - out[i]) * out[i];
            return new Tensor[] {Tensor.freshGradient(gx, y.shape)};
        }, g -> new Tensor[] {g.mul(y.neg().add(1f).mul(y))});
    }

    static Tensor tanh(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        Kernels.tanh(x, out, out.length);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d tanh(a)/da = 1 − tanh²(a)
        return Tensor.record("TanhBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> {
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) gx[i] = g.data[i] * (1f - out[i] * out[i]);
            return new Tensor[] {Tensor.freshGradient(gx, y.shape)};
        }, g -> new Tensor[] {g.mul(y.mul(y).neg().add(1f))});
    }

    /** sign(x) as a constant tensor (0 at 0): abs's slope, whose own derivative is 0 almost everywhere. */
    private static Tensor signs(float[] x, int[] shape) {
        float[] d = new float[x.length];
        for (int i = 0; i < d.length; i++) d[i] = Math.signum(x[i]);
        return new Tensor(d, shape);
    }

    /** 1 where min ≤ x ≤ max, else 0 (also for NaN), as a constant tensor: clamp's and relu's slope. */
    static Tensor inside(float[] x, float min, float max, int[] shape) {
        float[] d = new float[x.length];
        for (int i = 0; i < d.length; i++) d[i] = x[i] >= min && x[i] <= max ? 1f : 0f;
        return new Tensor(d, shape);
    }
}
