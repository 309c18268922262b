package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Linear;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.nn.recurrent.LSTM;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code lstm-step}: one training step of a 2-layer LSTM (input and hidden 128) over a
 * sequence of 32 steps with a batch of 32, a linear head on the last step's output, CrossEntropyLoss
 * over 10 classes and {@code adam} with lr 1e-3.
 */
public class LstmStep extends OneThreadBenchmark {

    static final int SEQ = 32;
    static final int BATCH = 32;
    static final int HIDDEN = 128;
    static final int CLASSES = 10;

    private LSTM lstm;
    private Linear head;
    private CrossEntropyLoss criterion;
    private Optimizer optimizer;
    private Tensor sequences;
    private Tensor labels;

    @Setup
    public void setUp() {
        Generator g = new Generator(0);
        lstm = new LSTM(HIDDEN, HIDDEN, 2, g);
        head = new Linear(HIDDEN, CLASSES, true, g);
        criterion = new CrossEntropyLoss();
        List<Tensor> params = new ArrayList<>(lstm.parameters());
        params.addAll(head.parameters());
        optimizer = Optimizers.create("adam", params, Options.of("lr", 1e-3));
        sequences = Settings.randn(1, SEQ, BATCH, HIDDEN);
        labels = Settings.labels(2, BATCH, CLASSES);
    }

    /** zeroGrad, forward, loss on the last step, backward through time, step. */
    @Benchmark
    public Tensor step() {
        optimizer.zeroGrad();
        Tensor output = lstm.forward(sequences);                              // [seq, batch, hidden]
        Tensor loss = criterion.forward(head.forward(output.select(0, SEQ - 1)), labels);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
