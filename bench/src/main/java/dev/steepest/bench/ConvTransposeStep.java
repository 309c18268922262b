package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.BatchNorm2d;
import dev.steepest.nn.ConvTranspose2d;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.Tanh;
import dev.steepest.nn.loss.MseLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code convtranspose-step}: one training step of the gan example's DCGAN generator for
 * 8x8 digits on a batch of 64: z [64, 32, 1, 1] → ConvTranspose2d(32, 64, 4) + BatchNorm2d + ReLU
 * (4x4) → ConvTranspose2d(64, 32, 4, stride 2, padding 1) + BatchNorm2d + ReLU (8x8) →
 * ConvTranspose2d(32, 1, 3, padding 1) + Tanh (1x8x8), no biases; MseLoss to fixed images and
 * {@code adam} with lr 2e-4, beta1 0.5 (the discriminator's half of a GAN step is conv-lenet's
 * business).
 */
public class ConvTransposeStep extends OneThreadBenchmark {

    static final int BATCH = 64;
    static final int Z = 32;
    static final int WIDTH = 32;

    private Sequential generator;
    private MseLoss criterion;
    private Optimizer optimizer;
    private Tensor noise;
    private Tensor images;

    @Setup
    public void setUp() {
        Generator g = new Generator(0);
        generator = new Sequential(
                new ConvTranspose2d(Z, 2 * WIDTH, 4, 1, 0, 0, false, g), new BatchNorm2d(2 * WIDTH), new ReLU(),
                new ConvTranspose2d(2 * WIDTH, WIDTH, 4, 2, 1, 0, false, g), new BatchNorm2d(WIDTH), new ReLU(),
                new ConvTranspose2d(WIDTH, 1, 3, 1, 1, 0, false, g), new Tanh());
        criterion = new MseLoss();
        optimizer = Optimizers.create("adam", generator.parameters(), Options.of("lr", 2e-4, "beta1", 0.5));
        noise = Settings.randn(1, BATCH, Z, 1, 1);
        images = Settings.randn(2, BATCH, 1, 8, 8).tanh();
    }

    /** zeroGrad, forward, loss, backward, step. */
    @Benchmark
    public Tensor step() {
        optimizer.zeroGrad();
        Tensor loss = criterion.forward(generator.forward(noise), images);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
