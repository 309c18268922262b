package dev.steepest.core.kernels;

import java.util.Arrays;

/**
 * The matrix multiply for small operands, where packing would cost more than it saves (the
 * framework runs many tiny products such as {@code 1x16 @ 16x4}). Plain loops in the order that
 * reads memory contiguously: an axpy over rows of {@code b} when {@code b} is not transposed (the
 * JIT vectorizes it), a dot product along rows of {@code b} when it is.
 */
final class SmallGemm {

    private SmallGemm() {
    }

    /** Same contract as {@link ReferenceKernels#gemm}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (!transB) {
            // c[i, :] (+)= Σ_p a(i, p) · b[p, :]
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                if (!accumulate) {
                    Arrays.fill(c, ci, ci + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        } else {
            // c[i, j] (+)= Σ_p a(i, p) · b[j, p], with b's row j contiguous
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * k;
                    float sum;
                    if (transA) {
                        sum = 0f;
                        for (int p = 0; p < k; p++) {
                            sum += a[aOff + p * m + i] * b[bj + p];
                        }
                    } else {
                        sum = dot(a, aOff + i * k, b, bj, k);
                    }
                    int ci = cOff + i * n + j;
                    c[ci] = accumulate ? c[ci] + sum : sum;
                }
            }
        }
    }

    /** Σ_p x[xi + p] · y[yi + p] with four partial sums, so the additions overlap. */
    private static float dot(float[] x, int xi, float[] y, int yi, int len) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int p = 0;
        for (; p + 3 < len; p += 4) {
            s0 += x[xi + p] * y[yi + p];
            s1 += x[xi + p + 1] * y[yi + p + 1];
            s2 += x[xi + p + 2] * y[yi + p + 2];
            s3 += x[xi + p + 3] * y[yi + p + 3];
        }
        for (; p < len; p++) {
            s0 += x[xi + p] * y[yi + p];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
