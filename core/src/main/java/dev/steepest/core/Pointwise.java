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
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = Math.max(x[i], 0f);     // NaN stays NaN; no branch on the sign
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d relu(a)/da = 1 where a > 0, else 0, read from the output as PyTorch does: the rule holds y, not a
        return Tensor.record("ReluBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> {
            float[] gx = Tensor.overwritable(g);       // in place when nothing else holds g
            for (int i = 0; i < gx.length; i++) gx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g.data[i]) & positiveMask(out[i]));
            return new Tensor[] {Tensor.freshGradient(gx, y.shape)};
        }, g -> new Tensor[] {g.mul(inside(out, Float.MIN_VALUE, Float.POSITIVE_INFINITY, y.shape))});
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
