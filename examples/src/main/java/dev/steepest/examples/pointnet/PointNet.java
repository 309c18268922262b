package dev.steepest.examples.pointnet;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.Evaluate;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.data.TensorDataset;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.schedulers.CosineAnnealingLR;
import dev.steepest.optim.schedulers.LRScheduler;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ConfusionMatrix;
import dev.steepest.train.console.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PointNet learns to tell eight 3-D shapes apart from clouds of points sampled on their surfaces
 * ({@link PointClouds}, generated from the seed: 500 training clouds per shape, 100 held-out test
 * clouds per shape, 512 points each, the reference's number, unless {@code --points N}). The model is
 * PointNet's classifier ({@link PointNetModel}): an input T-Net with its orthogonality regulariser, a shared
 * per-point MLP 64-128-256 ({@code --width 1024} for the paper's 64-128-1024), a max pool over the
 * points, a fully connected head with dropout. Default optimizer {@code adam} with {@code lr 0.001}
 * (the paper's), batches of 32, a cosine learning-rate schedule over the epochs so that the last
 * epochs settle instead of swinging.
 *
 * <p>Pictures: one cloud of each shape; the critical points (those whose features win the max
 * pool) of a few test clouds; the test set's confusion matrix.
 */
public final class PointNet implements Command {
    static final int BATCH = 32;
    static final int TRAIN_PER_CLASS = 500;
    static final int TEST_PER_CLASS = 100;
    /** Points per cloud: the reference's 512 (8 epochs take about 4.6 minutes on two cores; see README). */
    static final int POINTS = 512;
    static final int EPOCHS = 8;
    private static final Option EPOCHS_OPTION = Option.integer("--epochs", "N", EPOCHS, 1, 1000, "passes over the training clouds");
    private static final Option POINTS_OPTION = Option.integer("--points", "N", POINTS, 16, 4096, "points sampled on each shape");
    private static final Option WIDTH = Option.integer("--width", "N", 256, 16, 4096,
            "the per-point MLP's last width, a multiple of 4 (1024 in the paper)");
    private static final Option PER_CLASS = Option.integer("--train-per-class", "N", TRAIN_PER_CLASS, 4, 100_000,
            "training clouds of each shape");
    private static final Option SEED = Option.integer("--seed", "S", 0, 0, Integer.MAX_VALUE, "seeds the clouds, the weights and the shuffles");

    @Override
    public String name() {
        return "pointnet";
    }

    @Override
    public String summary() {
        return "PointNet classifies generated 3-D point clouds of 8 shapes: critical points, confusion matrix (default adam)";
    }

    @Override
    public List<String> options() {
        return Stream.of(EPOCHS_OPTION, POINTS_OPTION, WIDTH, PER_CLASS, SEED).map(Option::declared).toList();
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        int epochs = run.args().integer(EPOCHS_OPTION);
        int pointCount = run.args().integer(POINTS_OPTION);
        int width = run.args().integer(WIDTH);
        int perClass = run.args().integer(PER_CLASS);
        int seed = run.args().integer(SEED);
        if (width % 4 != 0) {
            throw new BadInput("pointnet: --width must be a multiple of 4 (the head narrows it to a half and a quarter), got " + width);
        }
        run.output();
        long start = System.nanoTime();

        // Data: clouds generated from the seed; the test clouds from a generator of their own.
        PointClouds.Clouds train = PointClouds.generate(perClass, pointCount, new Generator(seed));
        PointClouds.Clouds test = PointClouds.generate(TEST_PER_CLASS, pointCount, new Generator(seed + 1_000_003L));
        out.printf(Locale.ROOT, "%d training and %d test clouds of %d points; classes: %s%n", train.size(), test.size(),
                pointCount, String.join(", ", PointClouds.CLASSES));

        // Model, loss, optimizer and learning-rate schedule.
        PointNetModel model = new PointNetModel(PointClouds.CLASSES.size(), width, new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 0.001));
        Optimizer optimizer = chosen.create(model.parameters());
        LRScheduler scheduler = new CosineAnnealingLR(optimizer, epochs);

        TensorDataset dataset = new TensorDataset(train.points(), train.labels());
        int firstAbove95 = 0;
        ConfusionMatrix matrix = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            DataLoader loader = new DataLoader(dataset, BATCH, /* shuffle */ true, /* dropLast */ true, new Generator(seed * 1_000_003L + epoch));
            ProgressBar bar = run.progress(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), loader.size());
            model.train();
            double sum = 0;
            int count = 0;
            for (Batch batch : loader) {
                optimizer.zeroGrad();
                PointNetModel.Result result = model.run(batch.inputs());
                Tensor loss = criterion.forward(result.logits(), batch.targets())
                        .add(PointNetModel.orthogonalityLoss(result.transform()).mul(PointNetModel.REGULARISER_WEIGHT));
                optimizer.backward(loss);
                optimizer.step();
                sum += loss.item() * batch.size();
                count += batch.size();
                bar.advance(1, String.format(Locale.ROOT, "loss %.4f", sum / count));
            }
            scheduler.step();
            matrix = evaluate(model, test);
            bar.finish(String.format(Locale.ROOT, "loss %.4f", sum / count));
            if (firstAbove95 == 0 && matrix.accuracy() >= 0.95) {
                firstAbove95 = epoch;
            }
            out.printf(Locale.ROOT, "epoch %d/%d train_loss=%.4f test_accuracy=%.2f %% lr=%.6g time=%.0fs%n", epoch, epochs,
                    sum / count, 100 * matrix.accuracy(), optimizer.paramGroups().get(0).lr(), seconds(start));
        }

        out.println("confusion matrix on the " + matrix.total() + " test clouds (" + legend() + "):");
        out.print(matrix);
        PointNetPictures.write(run.output(), model, train, test, matrix);
        out.printf(Locale.ROOT, "pointnet: optimizer=%s seed=%d epochs=%d points=%d width=%d test_accuracy=%.2f %% first_95=%s time=%.0fs%n",
                chosen.name(), seed, epochs, pointCount, width, 100 * matrix.accuracy(),
                firstAbove95 == 0 ? "never" : "epoch " + firstAbove95, seconds(start));
    }

    /** @return the test set's confusion matrix, in evaluation mode and without recording gradients */
    static ConfusionMatrix evaluate(PointNetModel model, PointClouds.Clouds test) {
        return Evaluate.confusion(model, new TensorDataset(test.points(), test.labels()), PointClouds.CLASSES.size(), 100);
    }

    private static String legend() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < PointClouds.CLASSES.size(); i++) {
            parts.add(i + " " + PointClouds.CLASSES.get(i));
        }
        return String.join(", ", parts);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
