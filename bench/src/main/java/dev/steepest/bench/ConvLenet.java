package dev.steepest.bench;

import dev.steepest.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code conv-lenet}: {@code Tensor.conv2d} forward and backward at LeNet-5's two
 * convolutions for a batch of 64: 1→6 channels, 5x5, padding 2 on 28x28 (the input needs no
 * gradient, as a network's input), and 6→16 channels, 5x5 on 14x14 (the input needs one, as a
 * hidden layer's). Both have a bias. Backward starts from a fixed random output gradient.
 */
public class ConvLenet extends OneThreadBenchmark {

    static final int BATCH = 64;

    private Tensor x1;
    private Tensor w1;
    private Tensor b1;
    private Tensor g1;
    private Tensor x2;
    private Tensor w2;
    private Tensor b2;
    private Tensor g2;

    @Setup
    public void setUp() {
        x1 = Settings.randn(1, BATCH, 1, 28, 28);
        w1 = Settings.randn(2, 6, 1, 5, 5).mul(0.2f).requiresGrad(true);
        b1 = Settings.randn(3, 6).requiresGrad(true);
        g1 = Settings.randn(4, BATCH, 6, 28, 28);
        x2 = Settings.randn(5, BATCH, 6, 14, 14).requiresGrad(true);
        w2 = Settings.randn(6, 16, 6, 5, 5).mul(0.1f).requiresGrad(true);
        b2 = Settings.randn(7, 16).requiresGrad(true);
        g2 = Settings.randn(8, BATCH, 16, 10, 10);
    }

    /** Both convolutions forward, then each backward; gradients are cleared first so none accumulate. */
    @Benchmark
    public Tensor forwardBackward() {
        w1.setGrad(null);
        b1.setGrad(null);
        x2.setGrad(null);
        w2.setGrad(null);
        b2.setGrad(null);
        Tensor y1 = x1.conv2d(w1, b1, 1, 2);
        y1.backward(g1);
        Tensor y2 = x2.conv2d(w2, b2, 1, 0);
        y2.backward(g2);
        return x2.grad();
    }
}
