package dev.steepest.core.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits one large gemm into independent slices of {@code c} and runs them on a small static pool
 * of daemon threads, the calling thread taking the first slice. The slices are cut along the
 * longer side of {@code c} at multiples of the micro-kernel's tile, so every thread runs the same
 * single-threaded blocked code on its own rows or columns and no two threads write the same element.
 *
 * <p>The number of threads is {@code min(availableProcessors, 4)}, or the system property
 * {@code steepest.kernels.threads}; with one thread nothing is ever handed off.
 */
final class GemmThreads {

    /** How many threads a large gemm uses, counting the caller. */
    static final int THREADS = threads();

    private GemmThreads() {
    }

    private static int threads() {
        String property = System.getProperty("steepest.kernels.threads");
        int wanted = Math.min(Runtime.getRuntime().availableProcessors(), 4);
        if (property != null) {
            try {
                wanted = Integer.parseInt(property.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("steepest.kernels.threads must be a whole number >= 1, got '"
                        + property + "'", e);
            }
            if (wanted < 1) {
                throw new IllegalArgumentException("steepest.kernels.threads must be >= 1, got " + wanted);
            }
        }
        return wanted;
    }

    /** Created on first use, so a program of tiny products never starts a thread. */
    private static final class Pool {
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), runnable -> {
            Thread thread = new Thread(runnable, "steepest-gemm-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        int tile = byRows ? rowTile : colTile;
        int tiles = ((byRows ? m : n) + tile - 1) / tile;
        int parts = Math.min(threads, tiles);
        if (parts <= 1) {
            kernel.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int size = byRows ? m : n;
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int part = parts - 1; part >= 0; part--) {
            int from = Math.min(size, (int) ((long) tiles * part / parts) * tile);
            int to = Math.min(size, (int) ((long) tiles * (part + 1) / parts) * tile);
            Runnable slice;
            if (byRows) {
                int sliceA = aOff + (transA ? from : from * lda);
                slice = () -> kernel.gemm(transA, transB, to - from, n, k, a, sliceA, lda, b, bOff, ldb,
                        c, cOff + from * ldc, ldc, accumulate);
            } else {
                int sliceB = bOff + (transB ? from * ldb : from);
                slice = () -> kernel.gemm(transA, transB, m, to - from, k, a, aOff, lda, b, sliceB, ldb,
                        c, cOff + from, ldc, accumulate);
            }
            if (part > 0) {
                futures[part - 1] = Pool.EXECUTOR.submit(slice);
            } else {
                slice.run();
            }
        }
        awaitAll(futures);
    }

    /** Waits for every slice, even when interrupted or when one fails: c must be complete before the caller reads it. */
    private static void awaitAll(Future<?>[] futures) {
        boolean interrupted = false;
        Throwable failure = null;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("a gemm slice failed: " + failure, failure);
        }
    }
}
