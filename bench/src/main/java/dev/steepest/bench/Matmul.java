package dev.steepest.bench;

import dev.steepest.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workloads {@code matmul-256}, {@code matmul-512} and {@code matmul-1024}: {@code a.matmul(b)} of
 * two square float32 matrices, through the tensor API (so the output's allocation counts, as in
 * {@code torch.mm}). bench/compare turns the time into GFLOP/s as {@code 2·n³ / time}.
 */
public class Matmul extends OneThreadBenchmark {

    @Param({"256", "512", "1024"})
    public int n;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        a = Settings.randn(1, n, n);
        b = Settings.randn(2, n, n);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }
}
