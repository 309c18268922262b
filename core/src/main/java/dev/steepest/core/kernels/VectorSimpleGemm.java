package dev.steepest.core.kernels;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s path for small or skinny products, where packing and padding would cost more
 * than they save: vector axpys along rows of {@code b}, or vector dot products when {@code b} is
 * transposed (side by side over chunks of k when they are few and long).
 */
final class VectorSimpleGemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorSimpleGemm() {
    }

    /**
     * The product without packing, for small or skinny operands: {@code c[i, :] += a(i, p) · b[p, :]}
     * as vector axpys when {@code c} has at least a vector of columns and {@code b} is not transposed;
     * otherwise {@code c[i, j] = a(i, :) · b(j, :)} as vector dot products, after copying a
     * transposed {@code a} or an untransposed {@code b} into row-major scratch so both rows are contiguous.
     */
    static void simple(boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        simple(1, transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** {@link #simple} with the rows of {@code c} cut into {@code parts} slices on the {@link Parallel} pool. */
    static void simple(int parts, boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (k < LANES) {
            SmallGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (!transB && n >= LANES) {
            if (parts > 1) {
                Parallel.forRange(parts, m, 1, (from, to) -> axpyRows(transA, m, n, k, a, aOff, b, bOff, c, cOff,
                        accumulate, from, to));
            } else {
                axpyRows(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, 0, m);
            }
        } else {
            float[] rowsA = transA ? rowMajor(a, aOff, m, k, Scratch.PACK_A) : a;
            float[] rowsB = transB ? b : rowMajor(b, bOff, n, k, Scratch.PACK_B);
            int offA = transA ? 0 : aOff, offB = transB ? bOff : 0;
            if (parts > 1) {
                Parallel.forRange(parts, m, 1, (from, to) -> dotRows(m, n, k, rowsA, offA, rowsB, offB, c, cOff,
                        accumulate, from, to));
            } else {
                dotRows(m, n, k, rowsA, offA, rowsB, offB, c, cOff, accumulate, 0, m);
            }
        }
    }

    /** The matrix stored [k, rows] at {@code src[off…]}, copied row-major ([rows, k]) into this thread's scratch {@code slot}. */
    private static float[] rowMajor(float[] src, int off, int rows, int k, int slot) {
        float[] copy = Scratch.get(slot, rows * k);
        Packing.packA(true, src, off, rows, 0, rows, 0, k, 1, copy);
        return copy;
    }

    /** c[i, :] (+)= Σ_p a(i, p) · b[p, :] for the rows from ≤ i < to, b stored [k, n]. */
    private static void axpyRows(boolean transA, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                 float[] c, int cOff, boolean accumulate, int from, int to) {
        int vectorEnd = SPECIES.loopBound(n);
        for (int i = from; i < to; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                FloatVector av = FloatVector.broadcast(SPECIES, aip);
                int bp = bOff + p * n;
                int j = 0;
                for (; j < vectorEnd; j += LANES) {
                    av.fma(FloatVector.fromArray(SPECIES, b, bp + j), FloatVector.fromArray(SPECIES, c, ci + j))
                            .intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** Up to this many dot products, {@link #dotRows} runs them side by side over chunks of k. */
    static final int CHUNKED_DOTS = 1024;
    /** The chunk of k that the side-by-side dot products share, small enough for a and b to stay in L1. */
    private static final int DOT_CHUNK = 256;

    /**
     * c[i, j] (+)= a[i, :] · b[j, :], a stored [m, k] and b stored [n, k]. When there are few dot
     * products but they are long (a convolution's weight gradient: 6 x 25 of length 50 000), they
     * advance together one chunk of k at a time, each in its own vector of partial sums, so that each
     * row of a and b is read from memory once instead of n or m times.
     */
    private static void dotRows(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                float[] c, int cOff, boolean accumulate, int from, int to) {
        int vectorEnd = SPECIES.loopBound(k);
        if (m * n <= CHUNKED_DOTS && k >= 2 * DOT_CHUNK) {
            float[] partial = Scratch.get(Scratch.TILE, m * n * LANES);
            Arrays.fill(partial, from * n * LANES, to * n * LANES, 0f);
            for (int p0 = 0; p0 < vectorEnd; p0 += DOT_CHUNK) {
                int p1 = Math.min(vectorEnd, p0 + DOT_CHUNK);
                for (int i = from; i < to; i++) {
                    int ai = aOff + i * k;
                    for (int j = 0; j < n; j++) {
                        int bj = bOff + j * k;
                        int slot = (i * n + j) * LANES;
                        FloatVector acc = FloatVector.fromArray(SPECIES, partial, slot);
                        for (int p = p0; p < p1; p += LANES) {
                            acc = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, b, bj + p), acc);
                        }
                        acc.intoArray(partial, slot);
                    }
                }
            }
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = VectorMath.sumLanes(partial, (i * n + j) * LANES);
                    for (int p = vectorEnd; p < k; p++) {
                        sum += a[aOff + i * k + p] * b[bOff + j * k + p];
                    }
                    int ci = cOff + i * n + j;
                    c[ci] = accumulate ? c[ci] + sum : sum;
                }
            }
            return;
        }
        float[] lanes = new float[LANES];
        for (int i = from; i < to; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                FloatVector acc = FloatVector.zero(SPECIES);
                int p = 0;
                for (; p < vectorEnd; p += LANES) {
                    acc = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, b, bj + p), acc);
                }
                acc.intoArray(lanes, 0);
                float sum = VectorMath.sumLanes(lanes, 0);
                for (; p < k; p++) {
                    sum += a[ai + p] * b[bj + p];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }
}
