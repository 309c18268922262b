package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.Module;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code pattern-step}: one training step of the seed's classifier, a
 * {@code Conv2d(1, 4, 4, bias=false)} on one 1x1x4x4 image viewed as [1, 4] scores,
 * CrossEntropyLoss and {@code sgd} with lr 0.001 and momentum 0.9. The steps walk through the
 * seed's 40 samples (patterns A and B with brightness 0 … 19) as its training loop does.
 */
public class PatternStep extends OneThreadBenchmark {

    /** The seed's Test_Conv. */
    static final class TestConv extends Module {
        private final Conv2d conv;

        TestConv(Generator generator) {
            conv = registerModule("conv", new Conv2d(1, 4, 4, 1, 0, false, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            return conv.forward(x).view(1, 4);
        }
    }

    private final Tensor[] inputs = new Tensor[40];
    private final Tensor[] labels = new Tensor[40];
    private TestConv net;
    private CrossEntropyLoss criterion;
    private Optimizer optimizer;
    private int sample;

    @Setup
    public void setUp() {
        for (int i = 0; i < 20; i++) {
            float a = i;
            inputs[i] = Tensor.of(new float[] {0, a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, a}, 1, 1, 4, 4);
            labels[i] = Tensor.longs(0);
            inputs[20 + i] = Tensor.of(new float[] {a, a, a, a, 0, a, 0, a, 0, a, 0, a, a, a, a, a}, 1, 1, 4, 4);
            labels[20 + i] = Tensor.longs(1);
        }
        net = new TestConv(new Generator(0));
        criterion = new CrossEntropyLoss();
        optimizer = Optimizers.create("sgd", net.parameters(), Options.of("lr", 0.001, "momentum", 0.9));
    }

    /** zeroGrad, forward, loss, backward, step. */
    @Benchmark
    public Tensor step() {
        int k = sample;
        sample = k == 39 ? 0 : k + 1;
        optimizer.zeroGrad();
        Tensor outputs = net.forward(inputs[k]);
        Tensor loss = criterion.forward(outputs, labels[k]);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
