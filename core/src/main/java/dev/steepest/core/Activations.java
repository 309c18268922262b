package dev.steepest.core;

/**
 * Activation functions beyond relu, sigmoid and tanh (those are in {@link Pointwise}): leaky relu and
 * GELU, each forward followed by its derivative.
 */
final class Activations {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double TANH_SCALE = Math.sqrt(2 / Math.PI);
    private static final double TANH_CUBIC = 0.044715;

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
        float[] x = a.values(), out = new float[x.length];
        double[] cdf = tanh ? null : new double[x.length];          // Φ(x), kept for the backward
        for (int i = 0; i < out.length; i++) {
            double v = x[i];
            if (tanh) {
                out[i] = (float) (0.5 * v * (1 + Math.tanh(TANH_SCALE * (v + TANH_CUBIC * v * v * v))));
            } else {
                cdf[i] = 0.5 * (1 + erf(v * SQRT_HALF));
                out[i] = (float) (v * cdf[i]);
            }
        }
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // exact: d(x·Φ(x))/dx = Φ(x) + x·φ(x);  tanh: 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)
        return Tensor.recordFirstOrder("GeluBackward", y, new Tensor[] {a}, new Tensor[] {a}, g -> {
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) {
                double v = x[i], d;
                if (tanh) {
                    double t = Math.tanh(TANH_SCALE * (v + TANH_CUBIC * v * v * v));
                    d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * TANH_SCALE * (1 + 3 * TANH_CUBIC * v * v);
                } else {
                    d = cdf[i] + v * Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
                }
                gx[i] = (float) (g.data[i] * d);
            }
            return new Tensor[] {Tensor.freshGradient(gx, a.shape)};
        });
    }

    /**
     * The error function, erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to double precision (within a few units
     * of 1e-16), fast enough for every element of a GELU layer: erf at the nearest point xᵢ of a
     * grid of step 1/64 on [0, 6] comes from a table, and the distance d = |x| − xᵢ (at most 1/128)
     * from its Taylor series, whose derivatives are Hermite polynomials:
     * erf(xᵢ + d) = erf(xᵢ) + 2/√π · e^(−xᵢ²) · Σₙ (−1)ⁿ Hₙ(xᵢ) dⁿ⁺¹/(n+1)!,  Hₙ₊₁ = 2x·Hₙ − 2n·Hₙ₋₁.
     * Beyond |x| = 6, erf is ±1 in double.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax >= 6) return Math.copySign(1.0, x);
        int i = (int) Math.rint(ax * ERF_STEPS);
        double xi = (double) i / ERF_STEPS, d = ax - xi;
        double hPrev = 1, h = 2 * xi;                     // H₀, H₁
        double power = d, sum = d;                        // n = 0: H₀·d¹/1!
        for (int n = 1; n <= 6; n++) {                    // the next term is below 1e-16
            power *= -d / (n + 1);                        // (−1)ⁿ dⁿ⁺¹/(n+1)!
            sum += h * power;
            double next = 2 * xi * h - 2 * n * hPrev;
            hPrev = h;
            h = next;
        }
        return Math.copySign(ERF_TABLE[i] + TWO_OVER_SQRT_PI * GAUSS_TABLE[i] * sum, x);
    }

    private static final int ERF_STEPS = 64;
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    /** erf(i/64) and e^(−(i/64)²) for i = 0..384, computed once from erf's power series. */
    private static final double[] ERF_TABLE = new double[6 * ERF_STEPS + 1], GAUSS_TABLE = new double[6 * ERF_STEPS + 1];

    static {
        for (int i = 0; i < ERF_TABLE.length; i++) {
            double xi = (double) i / ERF_STEPS;
            GAUSS_TABLE[i] = Math.exp(-xi * xi);
            ERF_TABLE[i] = erfSeries(xi);
        }
    }

    /**
     * erf from its power series, erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose
     * terms are all positive (no cancellation): exact to double rounding but up to a hundred terms,
     * so it only fills the table.
     */
    private static double erfSeries(double ax) {
        double term = ax, sum = ax, x2 = ax * ax;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    }
}
