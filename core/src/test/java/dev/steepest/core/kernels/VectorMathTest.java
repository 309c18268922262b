package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * tanh and sigmoid on the Vector API against {@link ReferenceKernels} (double precision rounded
 * once): within 2 units in the last place over a wide range, exact at the special values, and the
 * same through the facade for every length (so the scalar tail is covered too).
 */
class VectorMathTest {

    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, 1e-8f, 0.5f, -0.5f, 9f, -9f, 20f, -20f, 88f, -88f, 104f, -104f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    private static float[] values(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (random.nextGaussian() * (i % 4 == 0 ? 20 : 3));
        System.arraycopy(SPECIAL, 0, x, 0, Math.min(SPECIAL.length, n));
        return x;
    }

    private static void assertWithinUlps(float[] expected, float[] actual, int ulps, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (Float.isNaN(e)) {
                assertTrue(Float.isNaN(a), what + " at " + i + ": expected NaN, got " + a);
                continue;
            }
            float tolerance = ulps * Math.ulp(e);
            assertTrue(Math.abs(e - a) <= tolerance, what + " at " + i + ": " + a + ", expected " + e + " within " + ulps + " ulp");
        }
    }

    @Test
    void vectorTanhAndSigmoidAreWithinTwoUlpsOfTheReference() {
        float[] x = values(10_007, 3);
        float[] expected = new float[x.length], actual = new float[x.length];
        ReferenceKernels.tanh(x, expected, x.length);
        VectorMath.tanh(x, actual, x.length);
        assertWithinUlps(expected, actual, 2, "tanh");
        ReferenceKernels.sigmoid(x, expected, x.length);
        VectorMath.sigmoid(x, actual, x.length);
        assertWithinUlps(expected, actual, 2, "sigmoid");
    }

    @Test
    void saturationAndSpecialValuesAreExact() {
        float[] x = {0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 50f, -50f, -200f};
        float[] out = new float[x.length];
        VectorMath.tanh(x, out, x.length);
        assertEquals(0f, out[0]);
        assertEquals(1f, out[1]);
        assertEquals(-1f, out[2]);
        assertEquals(1f, out[3]);
        assertEquals(-1f, out[4]);
        VectorMath.sigmoid(x, out, x.length);
        assertEquals(0.5f, out[0]);
        assertEquals(1f, out[1]);
        assertEquals(0f, out[2]);
        assertEquals(1f, out[3]);
        assertEquals(0f, out[5]);
    }

    @Test
    void theFacadeFillsEveryElementForEveryLengthAndOnlyThose() {
        for (int n = 0; n <= 70; n++) {
            float[] x = values(n, n);
            float[] expected = new float[n + 1], actual = new float[n + 1];
            expected[n] = 42f;
            actual[n] = 42f;
            ReferenceKernels.tanh(x, expected, n);
            Kernels.tanh(x, actual, n);
            assertWithinUlps(expected, actual, 2, "tanh length " + n);
            ReferenceKernels.sigmoid(x, expected, n);
            Kernels.sigmoid(x, actual, n);
            assertWithinUlps(expected, actual, 2, "sigmoid length " + n);
        }
    }

    /** |a − e| within {@code absolute} · max(1, |scale|) plus 4 ulp of e; NaN where e is NaN. */
    private static void assertClose(float[] expected, float[] actual, float[] scale, double absolute, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (Float.isNaN(e)) {
                assertTrue(Float.isNaN(a), what + " at " + i + ": expected NaN, got " + a);
                continue;
            }
            double tolerance = absolute * Math.max(1, Math.abs(scale[i])) + 4 * Math.ulp(e);
            assertTrue(e == a || Math.abs(e - a) <= tolerance, what + " at " + i + " (x " + scale[i] + "): " + a + ", expected " + e);
        }
    }

    @Test
    void vectorGeluIsWithinPyTorchsErfApproximationOfTheReferenceAtAnyThreadCountsSlices() {
        for (int n : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 10_007, 140_000}) {
            float[] x = values(n, n), g = values(n, n + 1);
            float[] out = new float[n], cdf = new float[n], refOut = new float[n], refCdf = new float[n];
            Kernels.gelu(x, out, cdf);
            ReferenceKernels.gelu(x, refOut, refCdf, 0, n);
            // A&S 7.1.26 (PyTorch's vectorised erf) is within 1.5e-7 of erf, plus float rounding: Φ within 5e-7
            assertClose(refOut, out, x, 5e-7, "gelu length " + n);
            assertClose(refCdf, cdf, new float[n], 5e-7, "Φ length " + n);
            float[] gx = new float[n], refGx = new float[n];
            Kernels.geluBackward(x, cdf, g, gx);
            ReferenceKernels.geluBackward(x, refCdf, g, refGx, 0, n);
            float[] scale = new float[n];
            for (int i = 0; i < n; i++) scale[i] = g[i];
            assertClose(refGx, gx, scale, 5e-7, "gelu backward length " + n);
        }
    }

    @Test
    void theKernelsGiveTheSameBitsCompiledAsInTheInterpreter() throws IOException, InterruptedException {
        int[] compiled = null;
        for (int round = 0; round < 300; round++) compiled = VectorMathBits.bits();   // 300 × 256 vectors: the loops are C2-compiled
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xint"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-modules")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorMathBits.class.getName()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String[] lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n");
        assertEquals(0, child.waitFor(), "the -Xint child ran");
        assertEquals(compiled.length, lines.length, "the child printed every value");
        String[] kernels = {"tanh", "sigmoid", "gelu", "gelu's cdf", "gelu's gradient"};
        float[] x = VectorMathBits.inputs();
        for (int i = 0; i < compiled.length; i++) {
            int interpreted = Integer.parseUnsignedInt(lines[i], 16);
            int at = i % VectorMathBits.N;
            assertEquals(interpreted, compiled[i], kernels[i / VectorMathBits.N] + " of " + x[at] + ": the interpreter gave "
                    + Float.intBitsToFloat(interpreted) + ", the compiled loop " + Float.intBitsToFloat(compiled[i]));
        }
    }
}
