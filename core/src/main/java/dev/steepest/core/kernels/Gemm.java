package dev.steepest.core.kernels;

/**
 * One implementation of the matrix multiply, with exactly the contract of
 * {@link ReferenceKernels#gemm}: {@code c = op(a) · op(b)}, or {@code c += …} when
 * {@code accumulate}. Only {@code c[cOff, cOff + m·n)} is written; {@code a} and {@code b} are read.
 * {@link JavaGemm} and {@link VectorGemm} implement it; {@link ConvKernels} is built on top of it.
 */
interface Gemm {

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** The same product with explicit row strides ({@code lda}, {@code ldb}, {@code ldc}) for sub-matrices. */
    interface Strided {
        void gemm(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float[] c, int cOff, int ldc, boolean accumulate);
    }

    /** Whether this gemm runs on the Vector API, so that {@link DirectConv} may be used beside it. */
    default boolean vectorApi() {
        return false;
    }

    /** A one-line description for the start-up log and for test names. */
    String describe();
}
