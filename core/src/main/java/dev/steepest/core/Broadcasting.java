package dev.steepest.core;

import java.util.Arrays;

/**
 * Binary elementwise ops with NumPy/PyTorch broadcasting: {@code add}, {@code sub}, {@code mul},
 * {@code div}, {@code maximum}. A gradient flowing back to a broadcast input is summed over the
 * broadcast dimensions ({@link #sumTo}).
 */
final class Broadcasting {

    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4;

    private Broadcasting() {
    }

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = apply("add", ADD, a, b);
        if (!Tensor.recording(a, b)) return out;
        int[] shapeA = a.shape, shapeB = b.shape;   // the rule keeps the shapes, not the tensors
        // d(a+b)/da = 1, d(a+b)/db = 1
        return Tensor.record("AddBackward", out, new Tensor[] {a, b}, Tensor.NONE,
                g -> new Tensor[] {sumTo(g, shapeA), sumTo(g, shapeB)},
                g -> new Tensor[] {reduceTo(g, shapeA), reduceTo(g, shapeB)});
    }

    /** a + alpha·b with one rounding (PyTorch's {@code add(other, alpha=…)} uses a fused multiply-add). */
    static Tensor addScaled(Tensor a, Tensor b, float alpha) {
        Shapes.notNull("add", "the other tensor", b);
        Tensor a0 = a;
        a = DTypes.promoted(a, b);
        b = DTypes.promoted(b, a0);
        int[] shape = Shapes.broadcast("add", a.shape, b.shape);
        float[] x = expand(a, shape).values(), y = expand(b, shape).values();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = Math.fma(alpha, y[i], x[i]);
        Tensor result = new Tensor(out, shape);
        if (!Tensor.recording(a, b)) return result;
        int[] shapeA = a.shape, shapeB = b.shape;
        boolean gradB = b.requiresGrad;
        // d(a + αb)/da = 1, d(a + αb)/db = α
        return Tensor.record("AddBackward", result, new Tensor[] {a, b}, Tensor.NONE,
                g -> new Tensor[] {sumTo(g, shapeA), gradB ? sumTo(Pointwise.scaled(g, alpha), shapeB) : null},
                g -> new Tensor[] {reduceTo(g, shapeA), gradB ? reduceTo(g.mul(alpha), shapeB) : null});
    }

    static Tensor sub(Tensor a, Tensor b) {
        DTypes.noBoolSubtraction(a, Shapes.notNull("sub", "the other tensor", b));
        Tensor out = apply("sub", SUB, a, b);
        if (!Tensor.recording(a, b)) return out;
        int[] shapeA = a.shape, shapeB = b.shape;
        boolean gradB = b.requiresGrad;
        // d(a-b)/da = 1, d(a-b)/db = -1
        return Tensor.record("SubBackward", out, new Tensor[] {a, b}, Tensor.NONE,
                g -> new Tensor[] {sumTo(g, shapeA), gradB ? sumTo(Pointwise.scaled(g, -1f), shapeB) : null},
                g -> new Tensor[] {reduceTo(g, shapeA), gradB ? reduceTo(g.neg(), shapeB) : null});
    }

    // book:start mul
    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = apply("mul", MUL, a, b);
        if (!Tensor.recording(a, b)) return out;
        // d(a*b)/da = b, d(a*b)/db = a: b is saved only if a needs a gradient, and a only if b does
        return Tensor.record("MulBackward", out, new Tensor[] {a, b}, savedIf(b, a.requiresGrad, a, b.requiresGrad),
                g -> new Tensor[] {
                    a.requiresGrad ? sumTo(apply("mul", MUL, g, b), a.shape) : null,
                    b.requiresGrad ? sumTo(apply("mul", MUL, g, a), b.shape) : null},
                g -> new Tensor[] {
                    a.requiresGrad ? reduceTo(g.mul(b), a.shape) : null,
                    b.requiresGrad ? reduceTo(g.mul(a), b.shape) : null});
    }
    // book:end mul

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = apply("div", DIV, a, b);
        if (!Tensor.recording(a, b)) return out;
        // d(a/b)/da = 1/b, d(a/b)/db = -a/b²: a is saved only if b needs a gradient
        return Tensor.record("DivBackward", out, new Tensor[] {a, b}, savedIf(b, true, a, b.requiresGrad),
                g -> new Tensor[] {
                    a.requiresGrad ? sumTo(apply("div", DIV, g, b), a.shape) : null,
                    b.requiresGrad ? sumTo(Pointwise.scaled(apply("div", DIV, apply("mul", MUL, g, a), apply("mul", MUL, b, b)), -1f), b.shape) : null},
                g -> new Tensor[] {
                    a.requiresGrad ? reduceTo(g.div(b), a.shape) : null,
                    b.requiresGrad ? reduceTo(g.mul(a).div(b.mul(b)).neg(), b.shape) : null});
    }

    static Tensor maximum(Tensor a0, Tensor b0) {
        Shapes.notNull("maximum", "the other tensor", b0);
        Tensor a = DTypes.promoted(a0, b0), b = DTypes.promoted(b0, a0);
        Tensor out = apply("maximum", MAX, a, b);
        if (!Tensor.recording(a, b)) return out;
        // d max(a,b)/da = 1 where a > b, 1/2 where equal (PyTorch splits ties evenly), 0 elsewhere
        return Tensor.record("MaximumBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> {
            int[] shape = g.shape;
            float[] ga = new float[g.data.length], gb = new float[g.data.length];
            float[] ea = expand(a, shape).values(), eb = expand(b, shape).values();
            for (int i = 0; i < ga.length; i++) {
                float x = ea[i], y = eb[i];
                float share = x > y ? 1f : x == y ? 0.5f : 0f;
                ga[i] = g.data[i] * share;
                gb[i] = g.data[i] * (1f - share);
            }
            return new Tensor[] {sumTo(new Tensor(ga, shape), a.shape), sumTo(new Tensor(gb, shape), b.shape)};
        }, g -> {
            Tensor share = shares(a, b, g.shape);   // constant: its own derivative is 0 almost everywhere
            return new Tensor[] {reduceTo(g.mul(share), a.shape), reduceTo(g.mul(share.neg().add(1f)), b.shape)};
        });
    }

    /** 1 where a &gt; b, 1/2 where equal, 0 elsewhere, broadcast to {@code shape}: maximum's share of the gradient for a. */
    private static Tensor shares(Tensor a, Tensor b, int[] shape) {
        float[] ea = expand(a, shape).values(), eb = expand(b, shape).values(), share = new float[ea.length];
        for (int i = 0; i < share.length; i++) share[i] = ea[i] > eb[i] ? 1f : ea[i] == eb[i] ? 0.5f : 0f;
        return new Tensor(share, shape);
    }

    /** x if keepX, and y if keepY: the tensors a backward rule will read, as PyTorch saves them. */
    private static Tensor[] savedIf(Tensor x, boolean keepX, Tensor y, boolean keepY) {
        return keepX && keepY ? new Tensor[] {x, y} : keepX ? new Tensor[] {x} : keepY ? new Tensor[] {y} : Tensor.NONE;
    }

    /**
     * The forward arithmetic of all five ops, with a fast path for equal shapes and for a scalar
     * operand. An int64 or bool operand beside a float32 one is read as float32, as PyTorch promotes.
     */
    static Tensor apply(String op, int code, Tensor a, Tensor b) {
        Shapes.notNull(op, "the other tensor", b);
        int[] shape = Shapes.broadcast(op, a.shape, b.shape);
        float[] x = DTypes.promoted(a, b).values(), y = DTypes.promoted(b, a).values();
        float[] out = new float[Shapes.numel(op, shape)];
        if (x.length == out.length && y.length == out.length) {
            combineBlock(code, x, 0, y, 0, out, 0, out.length);
        } else if (x.length == out.length && y.length > 1 && repeats(b.shape, shape)) {
            // b is out's trailing block (a bias, a position table, a mask): one pass per repetition
            for (int o = 0; o < out.length; o += y.length) combineBlock(code, x, o, y, 0, out, o, y.length);
        } else if (y.length == out.length && x.length > 1 && repeats(a.shape, shape)) {
            for (int o = 0; o < out.length; o += x.length) combineBlock(code, x, 0, y, o, out, o, x.length);
        } else if (y.length == 1 && x.length == out.length) {
            float s = y[0];
            switch (code) {
                case ADD: for (int i = 0; i < out.length; i++) out[i] = x[i] + s; break;
                case SUB: for (int i = 0; i < out.length; i++) out[i] = x[i] - s; break;
                case MUL: for (int i = 0; i < out.length; i++) out[i] = x[i] * s; break;
                case DIV: for (int i = 0; i < out.length; i++) out[i] = x[i] / s; break;
                default: for (int i = 0; i < out.length; i++) out[i] = max(x[i], s);
            }
        } else {
            int[] sa = Shapes.broadcastStrides(a.shape, shape);
            int[] sb = Shapes.broadcastStrides(b.shape, shape);
            int rank = shape.length;
            int[] index = new int[rank];
            int ia = 0, ib = 0;
            for (int i = 0; i < out.length; i++) {
                out[i] = combine(code, x[ia], y[ib]);
                // odometer: step the last dimension, carrying into earlier ones
                for (int d = rank - 1; d >= 0; d--) {
                    index[d]++;
                    ia += sa[d];
                    ib += sb[d];
                    if (index[d] < shape[d]) break;
                    ia -= sa[d] * shape[d];
                    ib -= sb[d] * shape[d];
                    index[d] = 0;
                }
            }
        }
        return new Tensor(out, shape);
    }

    /** out[o + i] = x[xo + i] ∘ y[yo + i] for i &lt; n. */
    private static void combineBlock(int code, float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        switch (code) {
            case ADD: for (int i = 0; i < n; i++) out[o + i] = x[xo + i] + y[yo + i]; break;
            case SUB: for (int i = 0; i < n; i++) out[o + i] = x[xo + i] - y[yo + i]; break;
            case MUL: for (int i = 0; i < n; i++) out[o + i] = x[xo + i] * y[yo + i]; break;
            case DIV: for (int i = 0; i < n; i++) out[o + i] = x[xo + i] / y[yo + i]; break;
            default: for (int i = 0; i < n; i++) out[o + i] = max(x[xo + i], y[yo + i]);
        }
    }

    /**
     * Whether broadcasting {@code small} to {@code shape} repeats it whole: past its leading 1s its
     * dimensions are {@code shape}'s last ones, so the broadcast values are its values over and over.
     */
    private static boolean repeats(int[] small, int[] shape) {
        int first = 0;
        while (first < small.length && small[first] == 1) first++;
        int shift = shape.length - small.length;
        if (shift < 0) return false;
        for (int d = first; d < small.length; d++) {
            if (small[d] != shape[shift + d]) return false;
        }
        return true;
    }

    private static float combine(int code, float x, float y) {
        switch (code) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            default: return max(x, y);
        }
    }

    private static float max(float x, float y) {
        return x != x || y != y ? Float.NaN : Math.max(x, y);
    }

    /** The values of {@code t} repeated out to the broadcast {@code shape} (exactly: x + (-0) = x, even for -0). */
    static Tensor expand(Tensor t, int[] shape) {
        if (Arrays.equals(t.shape, shape)) return t;
        if (t.dtype != DType.FLOAT32) return Tensor.view(t, shape.clone(), Strides.expanded(t.shape, t.stride, shape), t.offset);
        float[] negativeZeros = new float[Shapes.numel(shape)];
        Arrays.fill(negativeZeros, -0f);
        return apply("expand", ADD, t, new Tensor(negativeZeros, shape));
    }

    /**
     * {@link #sumTo} recorded: a broadcast gradient summed back down to {@code shape}, whose own
     * gradient is broadcast back out ({@link #expandTo}): the differentiable rules' sumTo.
     */
    static Tensor reduceTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) return g;
        Tensor y = sumTo(g.dense ? g : new Tensor(g.values(), g.shape), shape);
        if (!Tensor.recording(g)) return y;
        int[] from = g.shape;
        // d sumTo(g)/dg: each element of g received its sum's gradient
        return Tensor.record("SumBackward", y, new Tensor[] {g}, Tensor.NONE,
                gg -> new Tensor[] {expand(gg, from)}, gg -> new Tensor[] {expandTo(gg, from)});
    }

    /** t's values repeated out to the broadcast {@code shape}, recorded (a copy, where PyTorch's expand is a view): the gradient is summed back. */
    static Tensor expandTo(Tensor t, int[] shape) {
        if (Arrays.equals(t.shape, shape)) return t;
        Tensor y = expand(t, shape);
        if (!Tensor.recording(t)) return y;
        int[] from = t.shape;
        // d expand(t)/dt: the sum of the copies' gradients
        return Tensor.record("ExpandBackward", y, new Tensor[] {t}, Tensor.NONE,
                g -> new Tensor[] {sumTo(g, from)}, g -> new Tensor[] {reduceTo(g, from)});
    }

    /** Sums a broadcast gradient back down to {@code shape}: over leading dims, and over dims where shape has 1. */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) return g;
        double[] sum = new double[Shapes.numel(shape)];   // in double, as every reduction (Reductions.sumAlong)
        if (sum.length > 0 && repeats(shape, g.shape)) {
            // g is repetitions of shape's block: each sum over the blocks in order, as the loop below sums
            for (int o = 0; o < g.data.length; o += sum.length) {
                for (int j = 0; j < sum.length; j++) sum[j] += g.data[o + j];
            }
            return new Tensor(toFloats(sum), shape.clone());
        }
        int[] strides = Shapes.broadcastStrides(shape, g.shape);
        int rank = g.shape.length;
        int[] index = new int[rank];
        int o = 0;
        for (int i = 0; i < g.data.length; i++) {
            sum[o] += g.data[i];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                o += strides[d];
                if (index[d] < g.shape[d]) break;
                o -= strides[d] * g.shape[d];
                index[d] = 0;
            }
        }
        return new Tensor(toFloats(sum), shape.clone());
    }

    private static float[] toFloats(double[] sum) {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) sum[i];
        return out;
    }
}
