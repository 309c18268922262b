package dev.steepest.core.kernels;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
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
 * Tiles at the edges of {@code c} go through a small buffer; the first block of k overwrites
 * {@code c} unless accumulating. A transposed b, whose panels interleave rows, is packed by vector
 * gathers ({@link VectorPacking}), the rest by {@link Packing}; each packer reads its source forwards,
 * row by row (packing a 1024 x 1024 product's operands panel by panel took a fifth of its time).
 * This class also picks the path: small or skinny products (fewer than {@code 2·MR} rows or one vector
 * of columns), where packing and padding would dominate, go to {@link VectorSimpleGemm}; shallow ones
 * with b not transposed (a convolution's im2col products) to {@link VectorWideGemm}, which reads b in
 * place. Products of {@link #PARALLEL_WORK} multiply-adds a thread are split over threads by {@link GemmThreads}.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    static final int MR = 4;
    static final int NR = 2 * LANES;
    private static final int KC = 256;
    private static final int MC = 128;
    private static final int NC = 1024;

    /** Below this many multiply-adds ({@code m·n·k}) the simple loops win. */
    static final long SMALL_WORK = 24 * 24 * 24;
    /** The fewest multiply-adds ({@code m·n·k}) worth a slice of their own on another thread. */
    static final long PARALLEL_WORK = Parallel.COMPUTE_WORK;

    private final long smallWork;
    private final long parallelWork;
    private final int threads;

    /** The tuned thresholds and {@link Parallel#THREADS} threads. */
    VectorGemm() {
        this(SMALL_WORK, PARALLEL_WORK, Parallel.THREADS);
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
        int parts = Parallel.parts(threads, work, parallelWork);
        if (work >= smallWork && !transB && VectorWideGemm.applies(m, n, k)) {
            if (parts > 1) {
                Parallel.forRange(parts, m, MR, (from, to) -> VectorWideGemm.wide(transA, m, n, k, a, aOff, b, bOff,
                        c, cOff, accumulate, from, to));
            } else {
                VectorWideGemm.wide(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            }
            return;
        }
        if (work < smallWork || smallWork > 0 && (m < 2 * MR || n < LANES)) {
            VectorSimpleGemm.simple(parts, transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (parts > 1) {
            GemmThreads.split(VectorGemm::blocked, parts, MR, NR,
                    transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, n, accumulate);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, n, accumulate);
        }
    }

    /**
     * Writes {@code sum} into {@code c[ci…]}, or adds it when {@code accumulate}. Kernels pass their
     * accumulators here one vector at a time: this method stays under C2's 35-byte limit for
     * inlining a call regardless of how often it runs. A vector passed to a call that is not inlined
     * must be boxed, and on JDK 25 a boxed accumulator made the micro-kernel six times slower (the
     * mlp-step went from 1.0 to 6-7 ms); a two-vector version of this method was 43 bytes.
     */
    static void store(FloatVector sum, float[] c, int ci, boolean accumulate) {
        (accumulate ? sum.add(FloatVector.fromArray(SPECIES, c, ci)) : sum).intoArray(c, ci);
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
                    Packing.packA(transA, a, aOff, lda, ic, mc, pc, kc, MR, packedA);
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
        store(c00, c, ci, !overwrite);
        store(c01, c, ci + LANES, !overwrite);
        store(c10, c, ci + ldc, !overwrite);
        store(c11, c, ci + ldc + LANES, !overwrite);
        store(c20, c, ci + 2 * ldc, !overwrite);
        store(c21, c, ci + 2 * ldc + LANES, !overwrite);
        store(c30, c, ci + 3 * ldc, !overwrite);
        store(c31, c, ci + 3 * ldc + LANES, !overwrite);
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
