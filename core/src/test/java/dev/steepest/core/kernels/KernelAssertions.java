package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Helpers shared by the kernel tests: seeded random data and a comparison whose tolerance is the
 * float rounding bound of a sum, {@code 2·(terms + 2)·2⁻²³·Σ|term|}, per element. The magnitudes
 * {@code Σ|term|} come from running the reference kernel on absolute values, so a wrong index (an
 * error of the size of a term) always fails while a different summation order never does.
 */
final class KernelAssertions {

    private static final double EPS = Math.ulp(1f);

    private KernelAssertions() {
    }

    static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    static float[] abs(float[] values) {
        if (values == null) {
            return null;
        }
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.abs(values[i]);
        }
        return result;
    }

    static float[] filled(int size, float value) {
        float[] values = new float[size];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** Fails unless |actual − expected| ≤ 2·(terms + 2)·eps·magnitude + tiny, element by element. */
    static void assertClose(float[] expected, float[] actual, float[] magnitude, int terms, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 2.0 * (terms + 2) * EPS * magnitude[i] + 1e-30;
            double error = Math.abs((double) actual[i] - expected[i]);
            if (!(error <= tolerance)) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (error " + error + " > tolerance " + tolerance + ")");
            }
        }
    }

    /** Fails unless both arrays are bit-for-bit equal in {@code [from, to)}. */
    static void assertSame(float[] expected, float[] actual, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
