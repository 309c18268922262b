package dev.steepest.bench;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code adam-1m}: one {@code adam} step (PyTorch's defaults: lr 0.001, betas 0.9 and
 * 0.999, eps 1e-8) on one parameter of 2^20 elements whose gradient stays fixed.
 */
public class AdamStep extends OneThreadBenchmark {

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
