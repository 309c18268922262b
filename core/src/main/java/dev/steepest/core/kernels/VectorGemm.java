package dev.steepest.core.kernels;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast matrix multiply on the Vector API ({@code jdk.incubator.vector}), in the classic
 * GotoBLAS shape. {@link Kernels} loads this class only when the module is present, so it is the one
 * place (with its tests) that names Vector API types.
 *
 * <pre>
 * for each block of NC columns of c:
 *   for each block of KC along k:        pack op(b) into panels KC x NR       (stays in L2/L1)
 *     for each block of MC rows of c:    pack op(a) into panels MR x KC       (stays in L2)
 *       for each NR-wide, MR-high tile:  micro-kernel: MR x NR accumulators in registers,
 *                                        one broadcast of a, two loads of b, MR·2 FMAs per step of k
 * </pre>
 *
 * {@code NR} is two vectors of {@link FloatVector#SPECIES_PREFERRED} (32 floats with AVX-512).
 * Tiles at the edges of {@code c} go through a small buffer. Small or skinny products (fewer than
 * {@code 2·MR} rows or one vector of columns), where packing and padding would dominate, take
 * {@link #simple}: vector axpys along rows of {@code b}, or vector dot products when {@code b} is
 * transposed. Shallow products ({@code k <= WIDE_K}, b not transposed: a convolution's im2col
 * products) skip packing b and read it in place ({@link #wide}). Very large products are split over
 * threads by {@link GemmThreads}.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    static final int MR = 4;
    static final int NR = 2 * LANES;
    private static final int KC = 256;
    private static final int MC = 128;
    private static final int NC = 1024;

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
    /** Below this many multiply-adds ({@code m·n·k}) the simple loops win. */
    static final long SMALL_WORK = 24 * 24 * 24;
    /** From this many multiply-adds on, a second thread pays for itself. */
    static final long PARALLEL_WORK = 1L << 24;

    private final long smallWork;
    private final long parallelWork;
    private final int threads;

    /** The tuned thresholds and {@link GemmThreads#THREADS} threads. */
    VectorGemm() {
        this(SMALL_WORK, PARALLEL_WORK, GemmThreads.THREADS);
    }

    /** Explicit thresholds, so that tests can force each path on any shape. */
    VectorGemm(long smallWork, long parallelWork, int threads) {
        this.smallWork = smallWork;
        this.parallelWork = parallelWork;
        this.threads = threads;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        long work = (long) m * n * k;
        if (work >= smallWork && !transB && k <= WIDE_K && n >= NR && (m <= WIDE_M || (long) k * n <= WIDE_B)) {
            wide(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        if (work < smallWork || smallWork > 0 && (m < 2 * MR || n < LANES)) {
            simple(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (threads > 1 && work >= parallelWork) {
            GemmThreads.split(VectorGemm::blocked, threads, MR, NR,
                    transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, n, accumulate);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, n, accumulate);
        }
    }

    /**
     * The product without packing, for small or skinny operands: {@code c[i, :] += a(i, p) · b[p, :]}
     * as vector axpys when {@code c} has at least a vector of columns and {@code b} is not transposed;
     * otherwise {@code c[i, j] = a(i, :) · b(j, :)} as vector dot products, after copying a
     * transposed {@code a} or an untransposed {@code b} into row-major scratch so both rows are contiguous.
     */
    static void simple(boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (k < LANES) {
            SmallGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (!transB && n >= LANES) {
            axpyRows(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else {
            if (transA) {
                float[] rows = Scratch.get(Scratch.PACK_A, m * k);
                Packing.packA(true, a, aOff, m, 0, m, 0, k, 1, rows);
                a = rows;
                aOff = 0;
            }
            if (!transB) {
                float[] rows = Scratch.get(Scratch.PACK_B, n * k);
                Packing.packA(true, b, bOff, n, 0, n, 0, k, 1, rows);
                b = rows;
                bOff = 0;
            }
            dotRows(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        }
    }

    /** c[i, :] (+)= Σ_p a(i, p) · b[p, :], b stored [k, n]. */
    private static void axpyRows(boolean transA, int m, int n, int k,
                                 float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        int vectorEnd = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
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
    private static void dotRows(int m, int n, int k,
                                float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        int vectorEnd = SPECIES.loopBound(k);
        if (m * n <= CHUNKED_DOTS && k >= 2 * DOT_CHUNK) {
            float[] partial = Scratch.get(Scratch.TILE, m * n * LANES);
            Arrays.fill(partial, 0, m * n * LANES, 0f);
            for (int p0 = 0; p0 < vectorEnd; p0 += DOT_CHUNK) {
                int p1 = Math.min(vectorEnd, p0 + DOT_CHUNK);
                for (int i = 0; i < m; i++) {
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
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = FloatVector.fromArray(SPECIES, partial, (i * n + j) * LANES).reduceLanes(VectorOperators.ADD);
                    for (int p = vectorEnd; p < k; p++) {
                        sum += a[aOff + i * k + p] * b[bOff + j * k + p];
                    }
                    int ci = cOff + i * n + j;
                    c[ci] = accumulate ? c[ci] + sum : sum;
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                FloatVector acc = FloatVector.zero(SPECIES);
                int p = 0;
                for (; p < vectorEnd; p += LANES) {
                    acc = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, b, bj + p), acc);
                }
                float sum = acc.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    sum += a[ai + p] * b[bj + p];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
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
        float[] panel = Scratch.get(Scratch.PACK_A, MR * k);
        int lda = transA ? m : k;
        int pairEnd = n - n % NR;
        int vectorEnd = n - n % LANES;
        for (int i0 = 0; i0 < m; i0 += MR) {
            int rows = Math.min(MR, m - i0);
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
        store(c00, c01, c, ci, accumulate);
        if (rows > 1) {
            store(c10, c11, c, ci + n, accumulate);
        }
        if (rows > 2) {
            store(c20, c21, c, ci + 2 * n, accumulate);
        }
        if (rows > 3) {
            store(c30, c31, c, ci + 3 * n, accumulate);
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
        storeOne(c0, c, ci, accumulate);
        if (rows > 1) {
            storeOne(c1, c, ci + n, accumulate);
        }
        if (rows > 2) {
            storeOne(c2, c, ci + 2 * n, accumulate);
        }
        if (rows > 3) {
            storeOne(c3, c, ci + 3 * n, accumulate);
        }
    }

    private static void storeOne(FloatVector sum, float[] c, int ci, boolean accumulate) {
        (accumulate ? sum.add(FloatVector.fromArray(SPECIES, c, ci)) : sum).intoArray(c, ci);
    }

    private static void store(FloatVector left, FloatVector right, float[] c, int ci, boolean accumulate) {
        if (accumulate) {
            addInto(left, right, c, ci);
        } else {
            left.intoArray(c, ci);
            right.intoArray(c, ci + LANES);
        }
    }

    /** The blocked product on one thread, with row strides; see {@link Gemm.Strided}. */
    static void blocked(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        // equal blocks of k: 784 as 4 x 196 rather than 3 x 256 + 16, whose last block would pay the
        // micro-kernel's loads and stores of c for 16 steps
        int kBlocks = (k + KC - 1) / KC;
        int kcStep = (k + kBlocks - 1) / kBlocks;
        float[] packedB = Scratch.get(Scratch.PACK_B, Math.min(k, KC) * roundUp(Math.min(n, NC), NR));
        float[] packedA = Scratch.get(Scratch.PACK_A, roundUp(Math.min(m, MC), MR) * Math.min(k, KC));
        float[] tile = Scratch.get(Scratch.TILE, MR * NR);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                // the first block of k overwrites c unless accumulating: no pass to zero it beforehand
                boolean overwrite = pc == 0 && !accumulate;
                if (transB) {
                    VectorPacking.packBTransposed(b, bOff, ldb, pc, kc, jc, nc, NR, packedB);
                } else {
                    Packing.packB(false, b, bOff, ldb, pc, kc, jc, nc, NR, packedB);
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    if (transA) {
                        Packing.packA(true, a, aOff, lda, ic, mc, pc, kc, MR, packedA);
                    } else {
                        VectorPacking.packA(a, aOff, lda, ic, mc, pc, kc, MR, packedA);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            boolean full = mr == MR && nr == NR;
                            if (!full) {
                                Arrays.fill(tile, 0, MR * NR, 0f);
                            }
                            // one call site, so the JIT compiles the micro-kernel once, well
                            microKernel(kc, packedA, ir * kc, packedB, jr * kc, full ? c : tile, full ? ci : 0,
                                    full ? ldc : NR, full && overwrite);
                            if (!full) {
                                for (int ii = 0; ii < mr; ii++) {
                                    for (int jj = 0; jj < nr; jj++) {
                                        int index = ci + ii * ldc + jj;
                                        c[index] = overwrite ? tile[ii * NR + jj] : c[index] + tile[ii * NR + jj];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code c[ci + r·ldc + j] += Σ_p packedA[ai + p·MR + r] · packedB[bi + p·NR + j]} for the
     * {@code MR x NR} tile, or {@code =} when {@code overwrite}: eight vector accumulators, updated with
     * fused multiply-adds.
     */
    private static void microKernel(int kc, float[] packedA, int ai, float[] packedB, int bi,
                                    float[] c, int ci, int ldc, boolean overwrite) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        // indices written as linear functions of p, so that C2 hoists the bounds checks out of the loop
        // (with separately incremented indices it checks every load: 77 instead of 97 GFLOP/s at 1024);
        // two steps of p per iteration: 105-112 -> 113-123 GFLOP/s; four: 26 (C2 spills the accumulators)
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, packedA[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, packedA[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, packedA[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, packedA[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector e0 = FloatVector.fromArray(SPECIES, packedB, bp + NR);
            FloatVector e1 = FloatVector.fromArray(SPECIES, packedB, bp + NR + LANES);
            FloatVector d0 = FloatVector.broadcast(SPECIES, packedA[ap + MR]);
            c00 = d0.fma(e0, c00);
            c01 = d0.fma(e1, c01);
            FloatVector d1 = FloatVector.broadcast(SPECIES, packedA[ap + MR + 1]);
            c10 = d1.fma(e0, c10);
            c11 = d1.fma(e1, c11);
            FloatVector d2 = FloatVector.broadcast(SPECIES, packedA[ap + MR + 2]);
            c20 = d2.fma(e0, c20);
            c21 = d2.fma(e1, c21);
            FloatVector d3 = FloatVector.broadcast(SPECIES, packedA[ap + MR + 3]);
            c30 = d3.fma(e0, c30);
            c31 = d3.fma(e1, c31);
        }
        for (; p < kc; p++) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, packedA[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, packedA[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, packedA[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, packedA[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        store(c00, c01, c, ci, !overwrite);
        store(c10, c11, c, ci + ldc, !overwrite);
        store(c20, c21, c, ci + 2 * ldc, !overwrite);
        store(c30, c31, c, ci + 3 * ldc, !overwrite);
    }

    private static void addInto(FloatVector left, FloatVector right, float[] c, int ci) {
        left.add(FloatVector.fromArray(SPECIES, c, ci)).intoArray(c, ci);
        right.add(FloatVector.fromArray(SPECIES, c, ci + LANES)).intoArray(c, ci + LANES);
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    @Override
    public boolean vectorApi() {
        return true;
    }

    @Override
    public String describe() {
        return "Vector API (" + LANES + " float lanes, " + SPECIES.vectorBitSize() + "-bit; micro-kernel "
                + MR + "x" + NR + "; " + threads + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public String toString() {
        return "VectorGemm[small<" + smallWork + ", parallel>=" + parallelWork + ", threads=" + threads + "]";
    }
}
