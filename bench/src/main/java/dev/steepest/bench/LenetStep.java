package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.Flatten;
import dev.steepest.nn.Linear;
import dev.steepest.nn.MaxPool2d;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code lenet-step}: one training step of LeNet-5 on a batch of 64 1x28x28 images
 * (conv 6@5x5 padding 2, ReLU, max-pool 2, conv 16@5x5, ReLU, max-pool 2, 400-120-84-10 with
 * ReLUs, CrossEntropyLoss, {@code sgd} with lr 0.01 and momentum 0.9). bench/compare reports
 * images per second, {@code 64 / time}.
 */
public class LenetStep extends OneThreadBenchmark {

    static final int BATCH = 64;

    private Sequential net;
    private CrossEntropyLoss criterion;
    private Optimizer optimizer;
    private Tensor images;
    private Tensor labels;

    /** LeNet-5 as in the PyTorch tutorials, initialised from one seeded generator. */
    static Sequential lenet(Generator g) {
        return new Sequential(
                new Conv2d(1, 6, 5, 1, 2, true, g), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5, 1, 0, true, g), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(400, 120, true, g), new ReLU(),
                new Linear(120, 84, true, g), new ReLU(),
                new Linear(84, 10, true, g));
    }

    @Setup
    public void setUp() {
        net = lenet(new Generator(0));
        criterion = new CrossEntropyLoss();
        optimizer = Optimizers.create("sgd", net.parameters(), Options.of("lr", 0.01, "momentum", 0.9));
        images = Settings.randn(1, BATCH, 1, 28, 28);
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
