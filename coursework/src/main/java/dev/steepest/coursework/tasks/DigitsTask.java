package dev.steepest.coursework.tasks;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.Flatten;
import dev.steepest.nn.Linear;
import dev.steepest.nn.MaxPool2d;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.data.Digits;
import dev.steepest.nn.data.TensorDataset;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.OptimizerChoice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The graded digits run: the small CNN of the examples' {@code digits} chapter on the bundled 8x8
 * digits (80 % for training, 20 % for testing, split with seed 0), a fixed number of batches of
 * {@value #BATCH} with -Doptimizer's choice over {@code adam} lr 0.003, then the accuracy on the
 * test images.
 * <pre>
 * Conv2d(1, 32, 3, padding 1) - ReLU
 * Conv2d(32, 32, 3, padding 1) - ReLU - MaxPool2d(2)
 * Conv2d(32, 64, 3, padding 1) - ReLU - MaxPool2d(2)
 * Flatten - Linear(64 * 2 * 2, 10)
 * </pre>
 * Kept here as the grader's own; the examples' tests check that it scores as the chapter's net does.
 */
public final class DigitsTask {
    /** The batch size, as the digits chapter's. */
    public static final int BATCH = 32;

    private DigitsTask() {
    }

    /**
     * @param batches how many training batches
     * @return the test accuracy, in [0, 1]
     */
    public static double accuracy(int batches) {
        return accuracy(batches, OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 0.003))::create);
    }

    /**
     * The same with the optimizer made by {@code make} over the model's parameters (the grader's
     * optimizer, whose steps run in a submission's own JVM).
     */
    public static double accuracy(int batches, Function<List<Tensor>, Optimizer> make) {
        TensorDataset[] split = split(Digits.load(), new Generator(0));
        Generator weights = new Generator(0);
        Sequential model = new Sequential(
                new Conv2d(1, 32, 3, 1, 1, true, weights), new ReLU(),
                new Conv2d(32, 32, 3, 1, 1, true, weights), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1, true, weights), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 2 * 2, 10, true, weights));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer = make.apply(model.parameters());
        model.train();
        int done = 0;
        while (done < batches) {
            for (Batch batch : new DataLoader(split[0], BATCH, true, false, new Generator(done + 1))) {
                if (done == batches) break;
                optimizer.step(() -> {
                    optimizer.zeroGrad();
                    Tensor loss = criterion.forward(model.forward(batch.inputs()), batch.targets());
                    optimizer.backward(loss);
                    return loss;
                });
                done++;
            }
        }
        int correct = 0;
        try (var off = Autograd.noGrad()) {
            for (Batch batch : new DataLoader(split[1], 500)) {
                float[] predicted = model.forward(batch.inputs()).argmax(1, false).toArray();
                float[] actual = batch.targets().toArray();
                for (int i = 0; i < actual.length; i++) {
                    correct += predicted[i] == actual[i] ? 1 : 0;
                }
            }
        }
        return (double) correct / split[1].size();
    }

    /** @return {training, test}: 80 % and 20 % of the rows after a Fisher-Yates shuffle drawn from {@code generator} */
    private static TensorDataset[] split(TensorDataset all, Generator generator) {
        int n = all.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = generator.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int trainSize = n * 4 / 5;
        return new TensorDataset[] {rows(all, Arrays.copyOfRange(order, 0, trainSize)), rows(all, Arrays.copyOfRange(order, trainSize, n))};
    }

    private static TensorDataset rows(TensorDataset all, int[] rows) {
        int[] shape = all.inputs().shape().clone();
        int per = all.inputs().numel() / shape[0];
        float[] images = all.inputs().toArray();
        float[] labels = all.targets().toArray();
        float[] x = new float[rows.length * per];
        float[] y = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(images, rows[r] * per, x, r * per, per);
            y[r] = labels[rows[r]];
        }
        shape[0] = rows.length;
        return new TensorDataset(Tensor.of(x, shape), Tensor.of(y, rows.length).toLong());
    }
}
