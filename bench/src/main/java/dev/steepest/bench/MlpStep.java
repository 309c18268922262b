package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Linear;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code mlp-step}: one training step of a 784-256-10 perceptron with a ReLU on a batch
 * of 64, CrossEntropyLoss and {@code sgd} with lr 0.01 and momentum 0.9.
 */
public class MlpStep extends OneThreadBenchmark {

    static final int BATCH = 64;

    private Sequential net;
    private CrossEntropyLoss criterion;
    private Optimizer optimizer;
    private Tensor images;
    private Tensor labels;

    /** The model of this workload, 784-256-10 with ReLU, its weights drawn from {@code g} (hvp-mlp takes its curvature). */
    static Sequential model(Generator g) {
        return new Sequential(new Linear(784, 256, true, g), new ReLU(), new Linear(256, 10, true, g));
    }

    @Setup
    public void setUp() {
        Generator g = new Generator(0);
        net = model(g);
        criterion = new CrossEntropyLoss();
        optimizer = Optimizers.create("sgd", net.parameters(), Options.of("lr", 0.01, "momentum", 0.9));
        images = Settings.randn(1, BATCH, 784);
        labels = Settings.labels(2, BATCH, 10);
    }

    /** zeroGrad, forward, loss, backward, step. */
    @Benchmark
    public Tensor step() {
        optimizer.zeroGrad();
        Tensor loss = criterion.forward(net.forward(images), labels);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
