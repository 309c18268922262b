package dev.steepest.bench;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code parabola-step}: the seed's descent on {@code y = x[0]²} from {@code x = [1]} with
 * {@code simplegd} at lr 0.1. One invocation is the seed's whole run of 50 steps (x is reset to 1
 * first, so it never reaches the subnormal range); the score is per step.
 */
public class ParabolaStep extends OneThreadBenchmark {

    static final int STEPS = 50;

    private Tensor x;
    private Optimizer optimizer;

    @Setup
    public void setUp() {
        x = Tensor.vector(1f).requiresGrad(true);
        optimizer = Optimizers.create("simplegd", List.of(x), Options.of("lr", 0.1));
    }

    /** 50 steps of zeroGrad, y = x[0]², backward, step. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Tensor steps() {
        try (Autograd.Scope off = Autograd.noGrad()) {
            x.fill_(1f);
        }
        Tensor y = null;
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            y = x.select(0, 0).pow(2f);
            y.backward();
            optimizer.step();
        }
        return y;
    }
}
