package dev.steepest.core.kernels;

/**
 * Splits one large gemm into independent slices of {@code c} on the shared {@link Parallel} pool.
 * The slices are cut along the longer side of {@code c} at multiples of the micro-kernel's tile, so
 * every thread runs the same single-threaded blocked code, over all of {@code k}, on its own rows or
 * columns: no two threads write the same element, and each element is summed in the same order as on
 * one thread.
 */
final class GemmThreads {

    private GemmThreads() {
    }

    /**
     * Runs {@code kernel} over {@code threads} slices of {@code c}, cut at multiples of
     * {@code rowTile} rows or {@code colTile} columns; runs it whole when {@code c} is too small to cut.
     */
    static void split(Gemm.Strided kernel, int threads, int rowTile, int colTile,
                      boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        boolean byRows = (long) m * colTile >= (long) n * rowTile;
        if (byRows) {
            Parallel.forRange(threads, m, rowTile, (from, to) -> kernel.gemm(transA, transB, to - from, n, k,
                    a, aOff + (transA ? from : from * lda), lda, b, bOff, ldb, c, cOff + from * ldc, ldc, accumulate));
        } else {
            Parallel.forRange(threads, n, colTile, (from, to) -> kernel.gemm(transA, transB, m, to - from, k,
                    a, aOff, lda, b, bOff + (transB ? from * ldb : from), ldb, c, cOff + from, ldc, accumulate));
        }
    }
}
