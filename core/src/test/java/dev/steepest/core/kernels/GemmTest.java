package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.abs;
import static dev.steepest.core.kernels.KernelAssertions.assertClose;
import static dev.steepest.core.kernels.KernelAssertions.assertSame;
import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every gemm variant against {@link ReferenceKernels#gemm}: odd and degenerate shapes, all four
 * transpose combinations, accumulate on and off, nonzero offsets. Each implementation runs with its
 * tuned thresholds, forced onto the blocked path, and split over two and three threads on every path, so that every path
 * sees every shape.
 */
class GemmTest {

    private static final long NEVER = Long.MAX_VALUE;

    static Stream<Gemm> variants() {
        return Stream.of(
                new JavaGemm(),
                new JavaGemm(0, NEVER, 1),
                new JavaGemm(0, 0, 2),
                new JavaGemm(0, 0, 3),
                new VectorGemm(),
                new VectorGemm(0, NEVER, 1),
                new VectorGemm(0, 0, 2),
                new VectorGemm(0, 0, 3),
                new VectorGemm(VectorGemm.SMALL_WORK, 0, 3),
                new Adapter("VectorSimpleGemm", VectorSimpleGemm::simple),
                new Adapter("SmallGemm", SmallGemm::gemm),
                new Adapter("Kernels (facade)", Kernels::gemm));
    }

    /** Shapes {m, n, k}: ones, primes, non-multiples of every block and tile size, and a few larger. */
    static final int[][] SHAPES = {
            {1, 1, 1}, {1, 16, 4}, {1, 4, 16}, {4, 1, 16}, {16, 4, 1}, {2, 3, 5}, {7, 13, 31}, {13, 7, 3},
            {31, 31, 31}, {4, 32, 8}, {5, 33, 9}, {3, 65, 17}, {33, 1, 64}, {17, 96, 2}, {64, 64, 64},
            {67, 129, 33}, {129, 67, 5}, {9, 40, 257}, {130, 35, 130},
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesTheReferenceOnOddShapesTransposesAndOffsets(Gemm gemm) {
        Random random = new Random(42);
        for (int[] shape : SHAPES) {
            for (int t = 0; t < 4; t++) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    check(gemm, random, t >= 2, (t & 1) == 1, shape[0], shape[1], shape[2], accumulate);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesTheReferenceOnRandomShapes(Gemm gemm) {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + random.nextInt(70), n = 1 + random.nextInt(90), k = 1 + random.nextInt(80);
            check(gemm, random, random.nextBoolean(), random.nextBoolean(), m, n, k, random.nextBoolean());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void crossesEveryCacheBlockEdgeOnALargerProduct(Gemm gemm) {
        Random random = new Random(3);
        check(gemm, random, false, false, 133, 1041, 263, false);
        check(gemm, random, true, true, 133, 1041, 263, true);
        check(gemm, random, true, false, 261, 37, 300, false);
        check(gemm, random, false, true, 9, 530, 515, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesTheReferenceOnAConvolutionsLongAndShallowProducts(Gemm gemm) {
        Random random = new Random(11);
        // few long dot products (a weight gradient), k not a multiple of the vector or the chunk
        check(gemm, random, false, true, 6, 25, 1100, false);
        check(gemm, random, true, true, 5, 7, 700, true);
        // a shallow product with b read in place (im2col forward and input gradient), ragged edges
        check(gemm, random, false, false, 6, 1000, 25, false);
        check(gemm, random, true, false, 150, 70, 16, true);
    }

    /**
     * A linear layer's three products (784-256-10 at batch 64, made odd): forward with b transposed
     * (gathered into panels), input gradient, and the weight gradient, whose depth is shallow but whose
     * rows are too many for the in-place path; every transpose, so each packing path sees each shape.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesTheReferenceOnALinearLayersProducts(Gemm gemm) {
        Random random = new Random(23);
        int[][] shapes = {{61, 259, 787}, {61, 787, 259}, {259, 787, 61}};
        for (int[] shape : shapes) {
            for (int t = 0; t < 4; t++) {
                check(gemm, random, t >= 2, (t & 1) == 1, shape[0], shape[1], shape[2], t == 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void anEmptyInnerDimensionGivesZerosOrLeavesTheOutputAlone(Gemm gemm) {
        float[] c = {5f, 6f, 7f, 8f, 9f, 10f, 11f};
        gemm.gemm(false, false, 2, 3, 0, new float[0], 0, new float[0], 0, c, 1, true);
        assertArrayEquals(new float[] {5f, 6f, 7f, 8f, 9f, 10f, 11f}, c);
        gemm.gemm(true, true, 2, 3, 0, new float[0], 0, new float[0], 0, c, 1, false);
        assertArrayEquals(new float[] {5f, 0f, 0f, 0f, 0f, 0f, 0f}, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theTinyProductsTheFrameworkRunsAreExact(Gemm gemm) {
        // [1, 2] · [[1, 2, 3], [4, 5, 6]] = [9, 12, 15]: every product and sum is exact in float
        float[] c = new float[3];
        gemm.gemm(false, false, 1, 3, 2, new float[] {1, 2}, 0, new float[] {1, 2, 3, 4, 5, 6}, 0, c, 0, false);
        assertArrayEquals(new float[] {9, 12, 15}, c);
    }

    /**
     * The shallow path called directly: column counts that leave 0, 1, 5, 16, 17 and 31 past the
     * last pair of vectors, and 1 to 4 leftover rows.
     */
    @Test
    void theShallowPathMatchesTheReferenceAtEveryColumnRemainder() {
        Gemm wide = new Adapter("VectorWideGemm", (transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate) ->
                VectorWideGemm.wide(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate));
        Random random = new Random(19);
        for (int m : new int[] {1, 2, 3, 4, 5, 11}) {
            for (int n : new int[] {1, 16, 17, 32, 33, 37, 48, 49, 63, 144}) {
                for (int k : new int[] {1, 7, 16}) {
                    check(wide, random, random.nextBoolean(), false, m, n, k, random.nextBoolean());
                }
            }
        }
    }

    private static void check(Gemm gemm, Random random, boolean transA, boolean transB,
                              int m, int n, int k, boolean accumulate) {
        int aOff = random.nextInt(4), bOff = random.nextInt(4), cOff = random.nextInt(4), tail = 3;
        float[] a = random(random, aOff + m * k + tail);
        float[] b = random(random, bOff + k * n + tail);
        float[] c0 = random(random, cOff + m * n + tail);
        float[] expected = c0.clone();
        ReferenceKernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, expected, cOff, accumulate);
        float[] magnitude = abs(c0);
        ReferenceKernels.gemm(transA, transB, m, n, k, abs(a), aOff, abs(b), bOff, magnitude, cOff, accumulate);
        float[] actual = c0.clone();
        gemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, actual, cOff, accumulate);

        String what = gemm + " gemm(transA=" + transA + ", transB=" + transB + ", m=" + m + ", n=" + n + ", k=" + k
                + ", accumulate=" + accumulate + ", offsets " + aOff + "/" + bOff + "/" + cOff + ")";
        assertSame(c0, actual, 0, cOff, what + " wrote before its output");
        assertSame(c0, actual, cOff + m * n, c0.length, what + " wrote after its output");
        assertClose(expected, actual, magnitude, k, what);
    }

    /** Presents a function with the gemm signature, such as the facade, as a variant. */
    private record Adapter(String name, Body body) implements Gemm {

        interface Body {
            void gemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
            body.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
