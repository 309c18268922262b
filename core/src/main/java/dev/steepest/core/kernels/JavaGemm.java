package dev.steepest.core.kernels;

import java.util.Arrays;

/**
 * The fast matrix multiply in plain Java, used when the Vector API is not available. Small products
 * go to {@link SmallGemm}. Larger ones are cache-blocked: a block of op(b) of {@code KC} rows and
 * {@code NC} columns is packed one array per row (transposing if needed) so it stays in cache, and
 * each row of {@code c} is updated with four rows of that block at a time,
 * {@code c[i, j] += a(i,p)·b(p,j) + … + a(i,p+3)·b(p+3,j)}, a loop the JIT turns into SIMD code.
 * Products of {@link #PARALLEL_WORK} multiply-adds a thread are split over threads by {@link GemmThreads}.
 */
final class JavaGemm implements Gemm {

    /** Below this many multiply-adds ({@code m·n·k}) the simple loops win. */
    static final long SMALL_WORK = 8 * 8 * 8;
    /** The fewest multiply-adds ({@code m·n·k}) worth a slice of their own on another thread. */
    static final long PARALLEL_WORK = Parallel.COMPUTE_WORK;

    private static final int KC = 128;
    private static final int NC = 512;

    private final long smallWork;
    private final long parallelWork;
    private final int threads;

    /** The tuned thresholds and {@link Parallel#THREADS} threads. */
    JavaGemm() {
        this(SMALL_WORK, PARALLEL_WORK, Parallel.THREADS);
    }

    /** Explicit thresholds, so that tests can force each path on any shape. */
    JavaGemm(long smallWork, long parallelWork, int threads) {
        this.smallWork = smallWork;
        this.parallelWork = parallelWork;
        this.threads = threads;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        long work = (long) m * n * k;
        if (work < smallWork) {
            SmallGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        int parts = Parallel.parts(threads, work, parallelWork);
        if (parts > 1) {
            GemmThreads.split(JavaGemm::blocked, parts, 1, 64,
                    transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, n, accumulate);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, n, accumulate);
        }
    }

    /** The blocked product on one thread, with row strides; see {@link Gemm.Strided}. */
    static void blocked(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        Panel panel = PANEL.get();
        float[][] rows = panel.rows;
        float[] sum = panel.sum;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packRows(transB, b, bOff, ldb, pc, kc, jc, nc, rows);
                for (int i = 0; i < m; i++) {
                    int ci = cOff + i * ldc + jc;
                    System.arraycopy(c, ci, sum, 0, nc);
                    updateRow(transA, a, aOff, lda, i, pc, kc, rows, nc, sum);
                    System.arraycopy(sum, 0, c, ci, nc);
                }
            }
        }
    }

    /**
     * Per-thread packed block of op(b), one array per row, and one row of c. Every array in the inner
     * loop starts at index 0: with differing offsets, the JIT (JDK 17) does not vectorize the loop.
     */
    private static final class Panel {
        final float[][] rows = new float[KC][NC];
        final float[] sum = new float[NC];
    }

    private static final ThreadLocal<Panel> PANEL = ThreadLocal.withInitial(Panel::new);

    /** rows[p][j] = op(b)(p0 + p, j0 + j) for p < kc, j < nc. */
    private static void packRows(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                                 float[][] rows) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, rows[p], 0, nc);
            }
        } else {
            for (int j = 0; j < nc; j++) {
                int src = bOff + (j0 + j) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    rows[p][j] = b[src + p];
                }
            }
        }
    }

    /** sum[j] += Σ_{p < kc} a(i, pc + p) · rows[p][j] for j < nc, four rows of b per pass over sum. */
    private static void updateRow(boolean transA, float[] a, int aOff, int lda, int i, int pc, int kc,
                                  float[][] rows, int nc, float[] sum) {
        int aStep = transA ? lda : 1;
        int ai = transA ? aOff + pc * lda + i : aOff + i * lda + pc;
        int p = 0;
        for (; p + 3 < kc; p += 4, ai += 4 * aStep) {
            float a0 = a[ai], a1 = a[ai + aStep], a2 = a[ai + 2 * aStep], a3 = a[ai + 3 * aStep];
            float[] b0 = rows[p], b1 = rows[p + 1], b2 = rows[p + 2], b3 = rows[p + 3];
            for (int j = 0; j < nc; j++) {
                sum[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; p < kc; p++, ai += aStep) {
            float a0 = a[ai];
            float[] b0 = rows[p];
            for (int j = 0; j < nc; j++) {
                sum[j] += a0 * b0[j];
            }
        }
    }

    @Override
    public String describe() {
        return "plain Java (blocked " + KC + "x" + NC + ", " + threads + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public String toString() {
        return "JavaGemm[small<" + smallWork + ", parallel>=" + parallelWork + ", threads=" + threads + "]";
    }
}
