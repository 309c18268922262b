package dev.steepest.core.kernels;

/**
 * The error function in double precision, for GELU's reference kernel ({@link ReferenceKernels#gelu})
 * and the tail of its vector kernel.
 */
public final class Erf {

    private Erf() {
    }

    /**
     * The error function, erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to double precision (within a few units
     * of 1e-16), fast enough for every element of a GELU layer: erf at the nearest point xᵢ of a
     * grid of step 1/64 on [0, 6] comes from a table, and the distance d = |x| − xᵢ (at most 1/128)
     * from its Taylor series, whose derivatives are Hermite polynomials:
     * erf(xᵢ + d) = erf(xᵢ) + 2/√π · e^(−xᵢ²) · Σₙ (−1)ⁿ Hₙ(xᵢ) dⁿ⁺¹/(n+1)!,  Hₙ₊₁ = 2x·Hₙ − 2n·Hₙ₋₁.
     * Beyond |x| = 6, erf is ±1 in double.
     */
    public static double erf(double x) {
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
