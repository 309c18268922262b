package dev.steepest.core;

/**
 * The Box–Muller transform PyTorch 1.13 applies to blocks of 16 uniforms when it fills a float
 * tensor of 16 or more values with {@code normal_} (and so {@code randn}, {@code nn.init.normal_},
 * {@code Embedding}'s weights): eight pairs (u1, u2) become
 *
 * <pre>
 * radius = sqrt(-2 · log(1 − u1))      theta = 2π · u2
 * z1 = radius · cos(theta) · std + mean
 * z2 = radius · sin(theta) · std + mean
 * </pre>
 *
 * all in float. On x86-64 PyTorch computes it with its AVX2 kernel ({@code normal_fill_16_AVX2}),
 * whose log, sin and cos are not the C library's but Cephes' polynomials in float from
 * avx_mathfun.h (Giovanni Garberoglio's AVX port of Julien Pommier's sse_mathfun, zlib licence),
 * compiled with fused multiply-adds. This class follows that code step by step, with {@link Math#fma}
 * wherever GCC fuses a multiply into the next add, so the draws equal PyTorch's bit for bit
 * (checked against 180,000 of PyTorch's draws and by {@code BoxMullerTest}). PyTorch built without
 * AVX2 (ARM, or {@code ATEN_CPU_CAPABILITY=default}) computes the same formula with the C
 * library's logf, sinf and cosf instead, which can differ from these in the last bit.
 */
final class BoxMuller {

    private BoxMuller() {
    }

    /**
     * Turns the 16 uniforms in [0, 1) at {@code data[offset …offset+15]} into normal draws, in place:
     * pair j is (data[offset+j], data[offset+j+8]) for j = 0 … 7.
     */
    static void fill16(float[] data, int offset, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1 - data[offset + j];                       // [0, 1) -> (0, 1] for log
            float u2 = data[offset + j + 8];
            float radius = (float) Math.sqrt(-2f * log(u1));        // sqrt in double, rounded once: the float sqrt exactly
            float theta = (float) (2.0 * Math.PI) * u2;
            float z1 = radius * cos(theta);
            float z2 = radius * sin(theta);
            data[offset + j] = Math.fma(z1, std, mean);
            data[offset + j + 8] = Math.fma(z2, std, mean);
        }
    }

    /** Natural log for x > 0, as avx_mathfun's log256_ps: x = m · 2^e with m in [√½, √2), then a Cephes polynomial in m − 1. */
    static float log(float x) {
        if (!(x > 0)) {
            return Float.NaN;
        }
        x = Math.max(x, Float.MIN_NORMAL);                          // subnormals cut off, as the original does
        int bits = Float.floatToRawIntBits(x);
        float e = (bits >>> 23) - 0x7f + 1f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));   // the mantissa, in [0.5, 1)
        if (x < 0.707106781186547524f) {                            // below √½: one more halving of the exponent
            e -= 1f;
            x = x + x - 1f;
        } else {
            x = x - 1f;
        }
        float z = x * x;
        float y = 7.0376836292E-2f;
        y = Math.fma(y, x, -1.1514610310E-1f);
        y = Math.fma(y, x, 1.1676998740E-1f);
        y = Math.fma(y, x, -1.2420140846E-1f);
        y = Math.fma(y, x, 1.4249322787E-1f);
        y = Math.fma(y, x, -1.6668057665E-1f);
        y = Math.fma(y, x, 2.0000714765E-1f);
        y = Math.fma(y, x, -2.4999993993E-1f);
        y = Math.fma(y, x, 3.3333331174E-1f);
        y = y * x;
        y = Math.fma(y, z, e * -2.12194440e-4f);                    // log 2 = 0.693359375 − 2.12194440e-4, in two parts
        y = y - z * 0.5f;
        x = x + y;
        return Math.fma(e, 0.693359375f, x);
    }

    /** Cosine, as the cosine of avx_mathfun's sincos256_ps. */
    static float cos(float x) {
        return sinCos(x, false);
    }

    /** Sine, as the sine of avx_mathfun's sincos256_ps. */
    static float sin(float x) {
        return sinCos(x, true);
    }

    /** Reduces |x| to [−π/4, π/4] around the octant j·π/4 (j even), then one of two Cephes polynomials and the octant's sign. */
    private static float sinCos(float x, boolean sine) {
        int sign = sine ? Float.floatToRawIntBits(x) & 0x80000000 : 0;
        x = Math.abs(x);
        int j = ((int) (x * 1.27323954473516f) + 1) & ~1;          // 4/π · |x|, rounded up to even
        float y = j;
        x = Math.fma(y, -0.78515625f, x);                           // x − j·π/4 with π/4 in three parts
        x = Math.fma(y, -2.4187564849853515625e-4f, x);
        x = Math.fma(y, -3.77489497744594108e-8f, x);
        if (sine) {
            sign ^= (j & 4) << 29;
        } else {
            sign = (~(j - 2) & 4) << 29;
        }
        boolean cosinePolynomial = ((j & 2) == 0) != sine;
        float z = x * x;
        float value;
        if (cosinePolynomial) {
            value = 2.443315711809948E-005f;
            value = Math.fma(value, z, -1.388731625493765E-003f);
            value = Math.fma(value, z, 4.166664568298827E-002f);
            value = value * z;
            value = Math.fma(value, z, -(z * 0.5f));
            value = value + 1f;
        } else {
            value = -1.9515295891E-4f;
            value = Math.fma(value, z, 8.3321608736E-3f);
            value = Math.fma(value, z, -1.6666654611E-1f);
            value = value * z;
            value = Math.fma(value, x, x);
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) ^ sign);
    }
}
