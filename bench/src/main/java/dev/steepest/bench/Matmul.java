package dev.steepest.bench;

import dev.steepest.core.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workloads {@code matmul-256}, {@code matmul-512} and {@code matmul-1024}: {@code a.matmul(b)} of
 * two square float32 matrices, through the tensor API (so the output's allocation counts, as in
 * {@code torch.mm}). bench/compare turns the time into GFLOP/s as {@code 2·n³ / time}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dsteepest.kernels.threads=1", "-Xmx1g"})
public class Matmul {

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
