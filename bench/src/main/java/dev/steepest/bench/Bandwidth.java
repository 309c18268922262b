package dev.steepest.bench;

import dev.steepest.core.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code bandwidth}: the machine's memory bandwidth, the limit of every memory-bound pass
 * (Adam's update, BatchNorm, ReLU, elementwise ops) as {@link Peak} is the limit of dense work. A
 * STREAM triad, {@code a[i] = b[i] + s·c[i]}, over three arrays of {@link #SIZE} floats (64 MB each,
 * far larger than the caches), split over the kernels' threads ({@code -Dsteepest.kernels.threads})
 * in contiguous slices; bench/compare counts {@link #BYTES} per call (STREAM's convention: two
 * arrays read, one written) and turns the time into GB/s.
 */
public class Bandwidth extends OneThreadBenchmark {

    /** Floats per array: 2^24, 64 MB. */
    static final int SIZE = 1 << 24;
    /** Bytes moved per call, as STREAM counts them: 3 arrays of 4-byte floats. */
    public static final double BYTES = 3.0 * 4 * SIZE;
    /** The slices of the triad: 64 of them, shared out over the threads. */
    private static final int SLICES = 64;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        a = new float[SIZE];
        b = new float[SIZE];
        c = new float[SIZE];
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
    }

    @Benchmark
    public float[] triad() {
        float s = 3f;
        int slice = SIZE / SLICES;
        Kernels.parallelFor(SLICES, slice, part -> {
            for (int i = part * slice, end = i + slice; i < end; i++) {
                a[i] = b[i] + s * c[i];
            }
        });
        return a;
    }
}
