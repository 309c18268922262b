package dev.steepest.core.kernels;

import java.util.Arrays;

/**
 * Copies blocks of the gemm's operands into contiguous panels, which is where the transposes are
 * handled: after packing, a micro-kernel reads both operands strictly forwards.
 *
 * <p>A packed block of {@code a} is a sequence of panels of {@code mr} rows; panel {@code q}
 * starts at {@code q·mr·kc} and holds, for each {@code p}, the {@code mr} values
 * {@code a(i, p)} side by side. A packed block of {@code b} is a sequence of panels of
 * {@code nr} columns holding, for each {@code p}, the {@code nr} values {@code b(p, j)}. Panels at
 * the edge are padded with zeros. With {@code mr = 1} or {@code nr = nc} this is plain row-major.
 */
final class Packing {

    private Packing() {
    }

    /** Packs rows {@code [i0, i0 + mc)} and columns {@code [p0, p0 + kc)} of op(a) into {@code dst}. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr, float[] dst) {
        packA(transA, a, aOff, lda, i0, mc, p0, kc, mr, dst, 0);
    }

    /** {@link #packA(boolean, float[], int, int, int, int, int, int, int, float[])} into {@code dst} from {@code dstOff} on. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr,
                      float[] dst, int dstOff) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = dstOff + ir * kc;
            if (transA) {
                // a is stored [k, m]: the mr values for one p are contiguous
                if (rows == 4 && mr == 4) {
                    // the micro-kernel's panel height, unrolled (a loop of four with a variable bound ran
                    // at a tenth of a transformer step)
                    for (int p = 0, src = aOff + p0 * lda + i0 + ir, d = base; p < kc; p++, src += lda, d += 4) {
                        dst[d] = a[src];
                        dst[d + 1] = a[src + 1];
                        dst[d + 2] = a[src + 2];
                        dst[d + 3] = a[src + 3];
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int d = base + p * mr;
                    for (int ii = 0; ii < rows; ii++) {
                        dst[d + ii] = a[src + ii];
                    }
                    for (int ii = rows; ii < mr; ii++) {
                        dst[d + ii] = 0f;
                    }
                }
            } else if (rows == 4 && mr == 4) {
                // the micro-kernel's panel height: four rows read side by side, each forwards, and each
                // p's four values written together (0.5-0.7 ms for a 1024 x 1024 a, where a vector
                // gather of four steps of four rows took 0.9-1.8 ms)
                int src = aOff + (i0 + ir) * lda + p0;
                for (int p = 0, d = base; p < kc; p++, d += 4) {
                    dst[d] = a[src + p];
                    dst[d + 1] = a[src + lda + p];
                    dst[d + 2] = a[src + 2 * lda + p];
                    dst[d + 3] = a[src + 3 * lda + p];
                }
            } else {
                for (int ii = 0; ii < rows; ii++) {
                    int src = aOff + (i0 + ir + ii) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + ii] = a[src + p];
                    }
                }
                for (int ii = rows; ii < mr; ii++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + ii] = 0f;
                    }
                }
            }
        }
    }

    /** Packs rows {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of op(b) into {@code dst}. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr, float[] dst) {
        if (!transB) {
            // b is stored [k, n]: each row p is read once, forwards, and cut into the panels' rows (panel
            // by panel, 256 rows of 128 bytes 4 KB apart, a 1024 x 1024 b took 0.5-1.3 ms; row by row 0.3)
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * ldb + j0;
                for (int jr = 0; jr < nc; jr += nr) {
                    int cols = Math.min(nr, nc - jr);
                    int d = jr * kc + p * nr;
                    System.arraycopy(b, src + jr, dst, d, cols);
                    if (cols < nr) {
                        Arrays.fill(dst, d + cols, d + nr, 0f);
                    }
                }
            }
            return;
        }
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (cols == nr) {
                // b is stored [n, k]: read nr rows side by side, each forwards, and write each p's nr values
                int src = bOff + (j0 + jr) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * nr;
                    for (int jj = 0, s = src + p; jj < nr; jj++, s += ldb) {
                        dst[d + jj] = b[s];
                    }
                }
            } else {
                for (int jj = 0; jj < cols; jj++) {
                    int src = bOff + (j0 + jr + jj) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * nr + jj] = b[src + p];
                    }
                }
                for (int jj = cols; jj < nr; jj++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * nr + jj] = 0f;
                    }
                }
            }
        }
    }
}
