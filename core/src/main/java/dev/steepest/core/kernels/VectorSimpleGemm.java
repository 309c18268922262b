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
        } else if (n >= LANES && (!transB || shortDots(m, n, k))) {
            // a transposed b of short rows is copied to [k, n] first, so that c's rows are axpys too
            float[] rowsB = transB ? columnMajor(b, bOff, n, k) : b;
            int offB = transB ? 0 : bOff;
            if (parts > 1) {
                Parallel.forRange(parts, m, 1, (from, to) -> axpyRows(transA, m, n, k, a, aOff, rowsB, offB, c, cOff,
                        accumulate, from, to));
            } else {
                axpyRows(transA, m, n, k, a, aOff, rowsB, offB, c, cOff, accumulate, 0, m);
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

    /**
     * Whether the dot products of a transposed b are short and many (attention's 16 x 16 x 16 scores
     * and their gradients): then one vector dot product per element of c costs more in summing its
     * lanes than in multiplying, and copying b to [k, n] for axpys pays.
     */
    private static boolean shortDots(int m, int n, int k) {
        return k <= 4 * LANES && (long) n * k <= 64 * 64;
    }

    /** b stored [n, k] at {@code src[off…]}, copied as [k, n] into this thread's scratch. */
    private static float[] columnMajor(float[] src, int off, int n, int k) {
        float[] copy = Scratch.get(Scratch.PACK_B, n * k);
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                copy[p * n + j] = src[off + j * k + p];
            }
        }
        return copy;
    }

    /** The matrix stored [k, rows] at {@code src[off…]}, copied row-major ([rows, k]) into this thread's scratch {@code slot}. */
    private static float[] rowMajor(float[] src, int off, int rows, int k, int slot) {
        float[] copy = Scratch.get(slot, rows * k);
        Packing.packA(true, src, off, rows, 0, rows, 0, k, 1, copy);
        return copy;
    }

    /**
     * c[i, :] (+)= Σ_p a(i, p) · b[p, :] for the rows from ≤ i < to, b stored [k, n]: each vector of
     * a row of c stays in a register over all p (one load and one store of c per vector, not per p),
     * summed in the order of p, as the reference sums it. Four rows go together, so that four
     * independent chains of fused multiply-adds overlap (attention's 16 x 16 x 16 products: one chain
     * waits on the latency of each step).
     */
    private static void axpyRows(boolean transA, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                 float[] c, int cOff, boolean accumulate, int from, int to) {
        int vectorEnd = SPECIES.loopBound(n);
        int aStep = transA ? m : 1, aRowStep = transA ? 1 : k;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int ci = cOff + i * n;
            int aRow = aOff + i * aRowStep;
            for (int j = 0; j < vectorEnd; j += LANES) {
                FloatVector acc0 = accumulate ? FloatVector.fromArray(SPECIES, c, ci + j) : FloatVector.zero(SPECIES);
                FloatVector acc1 = accumulate ? FloatVector.fromArray(SPECIES, c, ci + n + j) : FloatVector.zero(SPECIES);
                FloatVector acc2 = accumulate ? FloatVector.fromArray(SPECIES, c, ci + 2 * n + j) : FloatVector.zero(SPECIES);
                FloatVector acc3 = accumulate ? FloatVector.fromArray(SPECIES, c, ci + 3 * n + j) : FloatVector.zero(SPECIES);
                for (int p = 0; p < k; p++) {
                    FloatVector bp = FloatVector.fromArray(SPECIES, b, bOff + p * n + j);
                    int ap = aRow + p * aStep;
                    acc0 = FloatVector.broadcast(SPECIES, a[ap]).fma(bp, acc0);
                    acc1 = FloatVector.broadcast(SPECIES, a[ap + aRowStep]).fma(bp, acc1);
                    acc2 = FloatVector.broadcast(SPECIES, a[ap + 2 * aRowStep]).fma(bp, acc2);
                    acc3 = FloatVector.broadcast(SPECIES, a[ap + 3 * aRowStep]).fma(bp, acc3);
                }
                acc0.intoArray(c, ci + j);
                acc1.intoArray(c, ci + n + j);
                acc2.intoArray(c, ci + 2 * n + j);
                acc3.intoArray(c, ci + 3 * n + j);
            }
            for (int row = i; row < i + 4; row++) {
                scalarColumns(vectorEnd, n, k, a, aOff + row * aRowStep, aStep, b, bOff, c, cOff + row * n, accumulate);
            }
        }
        for (; i < to; i++) {
            int ci = cOff + i * n;
            int aRow = aOff + i * aRowStep;
            for (int j = 0; j < vectorEnd; j += LANES) {
                FloatVector acc = accumulate ? FloatVector.fromArray(SPECIES, c, ci + j) : FloatVector.zero(SPECIES);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(SPECIES, a[aRow + p * aStep]).fma(FloatVector.fromArray(SPECIES, b, bOff + p * n + j), acc);
                }
                acc.intoArray(c, ci + j);
            }
            scalarColumns(vectorEnd, n, k, a, aRow, aStep, b, bOff, c, ci, accumulate);
        }
    }

    /** The columns from {@code from} to n of one row of c at {@code c[ci…]}, whose a is read at {@code a[aRow + p·aStep]}. */
    private static void scalarColumns(int from, int n, int k, float[] a, int aRow, int aStep, float[] b, int bOff,
                                      float[] c, int ci, boolean accumulate) {
        for (int j = from; j < n; j++) {
            float sum = accumulate ? c[ci + j] : 0f;
            for (int p = 0; p < k; p++) {
                sum += a[aRow + p * aStep] * b[bOff + p * n + j];
            }
            c[ci + j] = sum;
        }
    }

    /**
     * out[j] = Σ_r x[r·cols + j] ({@link ReferenceKernels#sumRows}, the same bits): each vector of
     * out stays in a register while the rows are added to it in order.
     */
    static void sumRows(float[] x, int rows, int cols, float[] out) {
        int vectorEnd = SPECIES.loopBound(cols);
        for (int j = 0; j < vectorEnd; j += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int r = 0; r < rows; r++) {
                acc = acc.add(FloatVector.fromArray(SPECIES, x, r * cols + j));
            }
            acc.intoArray(out, j);
        }
        for (int j = vectorEnd; j < cols; j++) {
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += x[r * cols + j];
            }
            out[j] = sum;
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
