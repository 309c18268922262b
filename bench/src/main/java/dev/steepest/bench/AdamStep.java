package dev.steepest.bench;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload {@code adam-1m}: one {@code adam} step (PyTorch's defaults: lr 0.001, betas 0.9 and
 * 0.999, eps 1e-8) on one parameter of 2^20 elements whose gradient stays fixed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dsteepest.kernels.threads=1", "-Xmx1g"})
public class AdamStep {

    static final int SIZE = 1 << 20;

    private Tensor parameter;
    private Optimizer optimizer;

    @Setup
    public void setUp() {
        parameter = Settings.randn(1, SIZE).requiresGrad(true);
        parameter.setGrad(Settings.randn(2, SIZE));
        optimizer = Optimizers.create("adam", List.of(parameter), Options.empty());
    }

    @Benchmark
    public Tensor step() {
        optimizer.step();
        return parameter;
    }
}
