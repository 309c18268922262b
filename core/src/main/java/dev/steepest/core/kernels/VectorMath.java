package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh, the logistic sigmoid and GELU a vector at a time on the Vector API, within 2 units in the
 * last place of the {@link ReferenceKernels} values (PyTorch's own vectorised versions are within 1
 * to 2 too). Their exponential is {@link #expNonPositive}, written here from additions,
 * multiplications and fused multiply-adds, not the Vector API's {@code lanewise(EXP)}: that one
 * runs a vectorised math library once the JIT has compiled the loop and Java's {@code Math.exp}
 * lane by lane before, so its last bits depended on when the JIT got there, and two runs of the
 * same program with the same seed drifted apart (the names transformer ended at 1.9714, 1.9734,
 * 1.9780 and 1.9815). Basic IEEE operations round the same in both, so these kernels give the same
 * bits compiled or not ({@code VectorMathTest} compares with a child JVM run with {@code -Xint}).
 * The tail shorter than a vector takes the reference formula.
 */
final class VectorMath {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorMath() {
    }

    /**
     * The sum of one vector's worth of lanes stored at {@code lanes[from…]}, lane 0 first. {@code reduceLanes(ADD)} leaves the order of a float
     * sum to the implementation, and on JDK 25 the same convolution weight gradient came out with other
     * last bits from one run to the next (ParallelKernelsTest, once in a full suite). Used wherever a
     * kernel promises the same bits at any thread count. It reads the lanes from memory, since a kernel
     * method that takes a vector argument is not inlined on JDK 25 (KernelsTest); a kernel holding a
     * vector stores it first.
     */
    static float sumLanes(float[] lanes, int from) {
        float sum = 0f;
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            sum += lanes[from + lane];
        }
        return sum;
    }

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 in two parts (Cody and Waite): n·LN2_HI is exact for the n that occur here. */
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding and subtracting it rounds a float of magnitude below 2²² to the nearest whole number. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Cephes' expf: e^r ≈ 1 + r + r²·P(r) on [−ln2/2, ln2/2], within 1 unit in the last place. */
    private static final float EXP_P0 = 1.9875691500e-4f, EXP_P1 = 1.3981999507e-3f, EXP_P2 = 8.3334519073e-3f,
            EXP_P3 = 4.1665795894e-2f, EXP_P4 = 1.6666665459e-1f, EXP_P5 = 5.0000001201e-1f;
    /** Cephes' tanhf below |x| = 0.625: tanh x ≈ x + x·z·Q(z), z = x². */
    private static final float TANH_Q0 = -5.70498872745e-3f, TANH_Q1 = 2.06390887954e-2f, TANH_Q2 = -5.37397155531e-2f,
            TANH_Q3 = 1.33314422036e-1f, TANH_Q4 = -3.33332819422e-1f;

    /**
     * e^x for the lanes x ≤ 0 (and NaN) of one vector stored at {@code lanes[from…]}, in place,
     * within 1 unit in the last place, subnormal results included: x = n·ln 2 + r with n whole and
     * |r| ≤ ln2/2, e^r from Cephes' polynomial, times 2ⁿ built from its exponent bits in two halves
     * (so that 2⁻¹⁵⁰ is two normal numbers). Below −104 the answer rounds to 0. A positive x gives a
     * wrong value: callers pass −|x|, −x², −x²/2. It takes the lanes through memory, as
     * {@link #sumLanes} does: a method with a vector argument is not inlined on JDK 25.
     */
    static void expNonPositive(float[] lanes, int from) {
        FloatVector x = FloatVector.fromArray(SPECIES, lanes, from);
        FloatVector c = x.max(-104f);
        FloatVector shifted = c.fma(LOG2E, ROUNDER);                                // 1.5·2²³ + round(c·log₂e), exactly
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -LN2_HI), c);          // c − n·ln 2, in two steps
        r = n.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
        FloatVector p = r.fma(EXP_P0, EXP_P1);
        p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_P2));
        p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_P3));
        p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_P4));
        p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);                                 // 1 + r + r²·P(r)
        // n as an int from the low bits of 1.5·2²³ + n (a conversion F2I is not compiled to a vector instruction on JDK 17)
        IntVector k = shifted.reinterpretAsInts().sub(ROUNDER_BITS);               // in [−150, 0]
        IntVector half = k.lanewise(VectorOperators.ASHR, 1), rest = k.sub(half);
        FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = rest.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        y.mul(scale1).mul(scale2).blend(x, x.compare(VectorOperators.NE, x)).intoArray(lanes, from);   // NaN stays NaN
    }

    /** out[i] = tanh(x[i]) for i below n: (1 − t)/(1 + t) with t = e^(−2|x|), signed; Cephes' polynomial below |x| = 0.625. */
    static void tanh(float[] x, float[] out, int n) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        float[] lanes = new float[SPECIES.length()];
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector a = v.abs();
            a.mul(-2f).intoArray(lanes, 0);
            expNonPositive(lanes, 0);
            FloatVector t = FloatVector.fromArray(SPECIES, lanes, 0);
            FloatVector large = one.sub(t).div(one.add(t));
            large = large.blend(large.neg(), v.lt(0f));
            FloatVector z = v.mul(v);
            FloatVector q = z.fma(TANH_Q0, TANH_Q1);
            q = q.fma(z, FloatVector.broadcast(SPECIES, TANH_Q2));
            q = q.fma(z, FloatVector.broadcast(SPECIES, TANH_Q3));
            q = q.fma(z, FloatVector.broadcast(SPECIES, TANH_Q4));
            FloatVector small = q.mul(z).fma(v, v);                                 // x + x·z·Q(z)
            large.blend(small, a.lt(0.625f)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = (float) Math.tanh(x[i]);
    }

    /** out[i] = 1 / (1 + e^(−x[i])) for i below n, as e/(1 + e) with e = e^x where x &lt; 0, so that e^(−x) never overflows. */
    static void sigmoid(float[] x, float[] out, int n) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        float[] lanes = new float[SPECIES.length()];
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.abs().neg().intoArray(lanes, 0);
            expNonPositive(lanes, 0);
            FloatVector e = FloatVector.fromArray(SPECIES, lanes, 0);
            FloatVector denominator = one.add(e);
            one.div(denominator).blend(e.div(denominator), v.lt(0f)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
    }

    // Abramowitz and Stegun 7.1.26, as PyTorch's vectorised erf (Vectorized<float>::erf): within 1.5e-7 of erf
    private static final float ERF_P = 0.3275911f, ERF_A1 = 0.254829592f, ERF_A2 = -0.284496736f,
            ERF_A3 = 1.421413741f, ERF_A4 = -1.453152027f, ERF_A5 = 1.061405429f;
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    /** 1/√(2π), written as PyTorch's GELU backward writes it: M_2_SQRTPI · M_SQRT1_2 · 0.5. */
    private static final float PDF_SCALE = (float) (2 / Math.sqrt(Math.PI) * Math.sqrt(0.5) * 0.5);

    /**
     * GELU's exact form for i in [from, to) as PyTorch's CPU kernel computes it a vector at a time:
     * {@code out = x·0.5·(1 + erf(x/√2))}, {@code cdf = (1 + erf(x/√2))·0.5}, with erf(z) =
     * sign(z)·(1 − t·r(t)·e^(−z²)), t = 1/(1 + p·|z|) and r a polynomial of degree 4. The tail shorter
     * than a vector takes the reference formula (as PyTorch's takes std::erf).
     */
    static void gelu(float[] x, float[] out, float[] cdf, int from, int to) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f), a3 = FloatVector.broadcast(SPECIES, ERF_A3),
                a2 = FloatVector.broadcast(SPECIES, ERF_A2), a1 = FloatVector.broadcast(SPECIES, ERF_A1);
        float[] lanes = new float[SPECIES.length()];
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector z = v.mul(SQRT_HALF);
            FloatVector t = one.div(z.abs().fma(ERF_P, 1f));
            FloatVector r = t.fma(ERF_A5, ERF_A4).fma(t, a3).fma(t, a2).fma(t, a1);
            z.mul(z).neg().intoArray(lanes, 0);
            expNonPositive(lanes, 0);
            FloatVector e = FloatVector.fromArray(SPECIES, lanes, 0);
            FloatVector erfAbs = e.neg().mul(t).fma(r, one);
            FloatVector erf = erfAbs.blend(erfAbs.neg(), z.lt(0f));
            FloatVector onePlus = erf.add(one);
            v.mul(0.5f).mul(onePlus).intoArray(out, i);
            onePlus.mul(0.5f).intoArray(cdf, i);
        }
        ReferenceKernels.gelu(x, out, cdf, i, to);
    }

    /** GELU's gradient for i in [from, to), as PyTorch's CPU kernel: {@code g·(cdf + x·e^(−x²/2)/√(2π))}. */
    static void geluBackward(float[] x, float[] cdf, float[] g, float[] gx, int from, int to) {
        float[] lanes = new float[SPECIES.length()];
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.mul(v).mul(-0.5f).intoArray(lanes, 0);
            expNonPositive(lanes, 0);
            FloatVector pdf = FloatVector.fromArray(SPECIES, lanes, 0).mul(PDF_SCALE);
            FloatVector.fromArray(SPECIES, g, i).mul(FloatVector.fromArray(SPECIES, cdf, i).add(v.mul(pdf))).intoArray(gx, i);
        }
        ReferenceKernels.geluBackward(x, cdf, g, gx, i, to);
    }
}
