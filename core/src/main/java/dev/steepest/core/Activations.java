package dev.steepest.core;

import dev.steepest.core.kernels.Kernels;

/**
 * Activation functions beyond relu, sigmoid and tanh (those are in {@link Pointwise}): leaky relu and
 * GELU, each forward followed by its derivative.
 */
final class Activations {

    private static final double TANH_SCALE = Math.sqrt(2 / Math.PI);
    private static final double TANH_CUBIC = 0.044715;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Activations() {
    }

    /** x where x > 0, slope·x elsewhere (torch's leaky_relu). */
    static Tensor leakyRelu(Tensor a, float slope) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = x[i] > 0f ? x[i] : x[i] * slope;
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d leaky_relu(a)/da = 1 where a > 0, else slope
        return Tensor.record("LeakyReluBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) gx[i] = x[i] > 0f ? g.data[i] : g.data[i] * slope;
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> {
            float[] slopes = new float[x.length];   // a constant: leaky relu is piecewise linear
            for (int i = 0; i < slopes.length; i++) slopes[i] = x[i] > 0f ? 1f : slope;
            return new Tensor[] {g.mul(new Tensor(slopes, a.shape))};
        });
    }

    /**
     * GELU (Hendrycks &amp; Gimpel, 2016), x·Φ(x) with Φ the standard normal CDF: exactly
     * 0.5·x·(1 + erf(x/√2)) ({@code approximate = "none"}, PyTorch's default) or
     * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) ({@code approximate = "tanh"}).
     */
    static Tensor gelu(Tensor a, String approximate) {
        boolean tanh;
        if ("none".equals(approximate)) {
            tanh = false;
        } else if ("tanh".equals(approximate)) {
            tanh = true;
        } else {
            throw new IllegalArgumentException("gelu: approximate must be 'none' (the exact erf form) or 'tanh', got '" + approximate + "'");
        }
        return tanh ? geluTanh(a) : geluExact(a);
    }

    /** 0.5·x·(1 + erf(x/√2)), with Φ(x) kept for the backward ({@link Kernels#gelu}). */
    private static Tensor geluExact(Tensor a) {
        float[] x = a.values(), out = new float[x.length], cdf = new float[x.length];
        Kernels.gelu(x, out, cdf);
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(x·Φ(x))/dx = Φ(x) + x·φ(x)
        return Tensor.record("GeluBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            Kernels.geluBackward(x, cdf, g.data, gx);
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> new Tensor[] {g.mul(geluSlope(a, x, cdf))});
    }

    /**
     * GELU's slope Φ(x) + x·φ(x) as a recorded op of a, so that the gradient g·slope can be
     * differentiated again: d(Φ(x) + x·φ(x))/dx = φ(x)·(2 − x²), with φ(x) = exp(−x²/2)/√(2π) in
     * recorded ops.
     */
    private static Tensor geluSlope(Tensor a, float[] x, float[] cdf) {
        float[] slope = new float[x.length];
        for (int i = 0; i < slope.length; i++) {
            double v = x[i];
            slope[i] = (float) (cdf[i] + v * Math.exp(-0.5 * v * v) * INV_SQRT_2PI);
        }
        return Tensor.record("GeluBackwardBackward", new Tensor(slope, a.shape), new Tensor[] {a}, new Tensor[] {a},
                gg -> new Tensor[] {gg.mul(a.pow(2f).mul(-0.5f).exp().mul((float) INV_SQRT_2PI).mul(a.pow(2f).neg().add(2f)))});
    }

    /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    private static Tensor geluTanh(Tensor a) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            double v = x[i];
            out[i] = (float) (0.5 * v * (1 + Math.tanh(TANH_SCALE * (v + TANH_CUBIC * v * v * v))));
        }
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)
        return Tensor.record("GeluBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) {
                double v = x[i];
                double t = Math.tanh(TANH_SCALE * (v + TANH_CUBIC * v * v * v));
                double d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * TANH_SCALE * (1 + 3 * TANH_CUBIC * v * v);
                gx[i] = (float) (g.data[i] * d);
            }
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        }, g -> {
            // the same slope in recorded ops
            Tensor t = a.add(a.pow(3f).mul((float) TANH_CUBIC)).mul((float) TANH_SCALE).tanh();
            Tensor inner = a.pow(2f).mul((float) (3 * TANH_CUBIC)).add(1f).mul((float) TANH_SCALE);
            Tensor slope = t.add(1f).mul(0.5f).add(a.mul(0.5f).mul(t.mul(t).neg().add(1f)).mul(inner));
            return new Tensor[] {g.mul(slope)};
        });
    }
}
