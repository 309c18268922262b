package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s path for shallow products whose {@code b} is not transposed (a convolution's
 * im2col products): {@code b} is read in place instead of packed, which would cost as much as the
 * arithmetic. Only while {@code b} stays in L1 or {@code c} has few rows: otherwise the blocked
 * path, which packs {@code b} once into panels that stay in L1, is faster.
 */
final class VectorWideGemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int MR = VectorGemm.MR;
    private static final int NR = VectorGemm.NR;

    /** Up to this depth, a product whose b is not transposed reads b where it lies: see {@link #wide}. */
    static final int WIDE_K = 64;
    /**
     * {@link #wide} reads all of {@code b} once per {@link #MR} rows of {@code c}; past this many rows it
     * pays to pack {@code b} into panels that stay in L1 instead, unless {@code b} is small enough to stay
     * there anyway (at most {@link #WIDE_B} floats). A linear layer's weight gradient (256 x 784 x 64):
     * 0.33 ms in {@code wide}, 0.27 ms blocked.
     */
    static final int WIDE_M = 32;
    /** The size of {@code b} (floats) up to which {@link #wide} keeps it in L1 for any number of rows. */
    static final int WIDE_B = 8192;

    private VectorWideGemm() {
    }

    /** Whether a product of this shape (b not transposed, enough work) takes {@link #wide}. */
    static boolean applies(int m, int n, int k) {
        return k <= WIDE_K && n >= NR && (m <= WIDE_M || (long) k * n <= WIDE_B);
    }

    /**
     * The product for a short inner dimension ({@code k <= WIDE_K}) and {@code b} stored {@code [k, n]},
     * as in a convolution's im2col products: no packing of {@code b}, which would cost as much as the
     * arithmetic. Rows of {@code c} go in blocks of {@link #MR} (the last block padded with zero rows
     * of {@code a}, which are computed but not stored), columns in steps of {@link #NR} with the
     * micro-kernel's eight accumulators, then one vector of columns with four, the last {@code n mod LANES}
 * columns in plain loops.
     */
    static void wide(boolean transA, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        wide(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, 0, m);
    }

    /** {@link #wide} for the rows {@code [from, to)} of {@code c} only ({@code from} a multiple of {@link #MR}). */
    static void wide(boolean transA, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate, int from, int to) {
        float[] panel = Scratch.get(Scratch.PACK_A, MR * k);
        int lda = transA ? m : k;
        int pairEnd = n - n % NR;
        int vectorEnd = n - n % LANES;
        for (int i0 = from; i0 < to; i0 += MR) {
            int rows = Math.min(MR, to - i0);
            Packing.packA(transA, a, aOff, lda, i0, rows, 0, k, MR, panel);
            int ci = cOff + i0 * n;
            for (int j = 0; j < pairEnd; j += NR) {
                wideKernel(k, n, panel, b, bOff + j, c, ci + j, rows, accumulate);
            }
            if (vectorEnd > pairEnd) {
                wideKernelOneVector(k, n, panel, b, bOff + pairEnd, c, ci + pairEnd, rows, accumulate);
            }
            for (int r = 0; r < rows; r++) {
                for (int j = vectorEnd; j < n; j++) {
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        sum += panel[p * MR + r] * b[bOff + p * n + j];
                    }
                    int index = ci + r * n + j;
                    c[index] = accumulate ? c[index] + sum : sum;
                }
            }
        }
    }

    /** One MR x NR tile of {@link #wide}: b read in place with row stride {@code n}; only {@code rows} rows stored. */
    private static void wideKernel(int k, int n, float[] panel, float[] b, int bi, float[] c, int ci,
                                   int rows, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            int ap = p * MR;
            int bp = bi + p * n;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, panel[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, panel[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, panel[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, panel[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        VectorGemm.store(c00, c, ci, accumulate);
        VectorGemm.store(c01, c, ci + LANES, accumulate);
        if (rows > 1) {
            VectorGemm.store(c10, c, ci + n, accumulate);
            VectorGemm.store(c11, c, ci + n + LANES, accumulate);
        }
        if (rows > 2) {
            VectorGemm.store(c20, c, ci + 2 * n, accumulate);
            VectorGemm.store(c21, c, ci + 2 * n + LANES, accumulate);
        }
        if (rows > 3) {
            VectorGemm.store(c30, c, ci + 3 * n, accumulate);
            VectorGemm.store(c31, c, ci + 3 * n + LANES, accumulate);
        }
    }

    /** {@link #wideKernel} for one vector of columns: MR x LANES, four accumulators. */
    private static void wideKernelOneVector(int k, int n, float[] panel, float[] b, int bi, float[] c, int ci,
                                            int rows, boolean accumulate) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES), c3 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            int ap = p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi + p * n);
            c0 = FloatVector.broadcast(SPECIES, panel[ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, panel[ap + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, panel[ap + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, panel[ap + 3]).fma(b0, c3);
        }
        VectorGemm.store(c0, c, ci, accumulate);
        if (rows > 1) {
            VectorGemm.store(c1, c, ci + n, accumulate);
        }
        if (rows > 2) {
            VectorGemm.store(c2, c, ci + 2 * n, accumulate);
        }
        if (rows > 3) {
            VectorGemm.store(c3, c, ci + 3 * n, accumulate);
        }
    }
}
