package dev.steepest.examples.tutorial;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.io.AtomicFile;
import dev.steepest.examples.shared.DigitsData;
import dev.steepest.examples.shared.DigitsNet;
import dev.steepest.examples.shared.Evaluate;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.schedulers.CosineAnnealingLR;
import dev.steepest.optim.schedulers.LRScheduler;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Diverged;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ConfusionMatrix;
import dev.steepest.train.console.ProgressBar;
import dev.steepest.train.plot.Colors;
import dev.steepest.train.plot.HeatMap;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.Plot;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small CNN ({@link DigitsNet}) learns the real 8x8 handwritten digits shipped with steepest,
 * split 80/20 by a seeded shuffle: a progress bar per epoch, loss and accuracy curves as PNG, the
 * confusion matrix on the test set. Default optimizer {@code adam} with {@code lr 0.003}, a cosine
 * learning-rate schedule over the epochs, batches of 32.
 *
 * <p>{@code --checkpoint FILE} saves weights, optimizer state and scheduler state after every
 * epoch; {@code --resume FILE} continues exactly where that run stopped (the same losses as an
 * uninterrupted run, because each epoch's shuffle comes from its own seeded generator);
 * {@code --until N} stops after epoch N, to be resumed later. {@code --data DIR} trains on MNIST's
 * IDX files instead. What a checkpoint holds and how a resumed run is checked against the command
 * line is {@link Resume}'s; this class is the run.
 */
public final class Digits implements Command {
    static final int BATCH = DigitsNet.BATCH;

    /** What a run measured, epoch by epoch. */
    record History(List<Float> trainLoss, List<Float> testAccuracy) {
    }

    @Override
    public String name() {
        return "digits";
    }

    @Override
    public String summary() {
        return "a small CNN on real 8x8 handwritten digits: curves, confusion matrix, checkpoints (default adam)";
    }

    @Override
    public List<String> options() {
        return List.of("--epochs N  epochs the cosine learning-rate schedule runs over (default 15, or the checkpoint's)",
                "--until N  stops after epoch N of them, to resume later (default: all)",
                "--seed S  seeds the split, the weights and the shuffles (default 0, or the checkpoint's)",
                "--checkpoint FILE  saves the weights, the optimizer and the run after each epoch",
                "--resume FILE  continues the run a --checkpoint file saved",
                "--data DIR  trains on MNIST from DIR (the four idx files) instead of the bundled 8x8 digits");
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        Resume resume = Resume.of(run.args());             // --resume FILE: the checkpoint, checked against the options below
        int epochs = resume.epochs(run.args());
        int until = run.args().integer("--until", epochs, 1, epochs);
        int seed = resume.seed(run.args());
        Optional<Path> checkpoint = run.args().path("--checkpoint");
        Optional<Path> dataFolder = run.args().path("--data");
        run.output();

        // Data: the bundled digits split by the seed, or MNIST from --data.
        DigitsData data = dataFolder.map(DigitsData::mnist).orElseGet(() -> DigitsData.bundled(seed));
        String dataName = dataFolder.map(Path::toString).orElse("bundled");
        resume.checkData(dataName);
        out.println(data.source());

        // Model, loss, optimizer and learning-rate schedule.
        DigitsNet model = new DigitsNet(data.side(), new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 0.003));
        Optimizer optimizer = chosen.create(model.parameters());
        LRScheduler scheduler = new CosineAnnealingLR(optimizer, epochs);
        checkpoint.ifPresent(file -> checkWritable(file, model));

        History history = new History(new ArrayList<>(), new ArrayList<>());
        int start = resume.restore(chosen, model, optimizer, scheduler, history, epochs, until);
        if (resume.resumed()) {
            out.println("resumed after epoch " + start + " of " + epochs + " with the checkpoint's optimizer settings ("
                    + OptimizerChoice.settings(optimizer) + "); a resumed run keeps them, -Doptimizer.KEY may only repeat them");
        }

        for (int epoch = start + 1; epoch <= until; epoch++) {
            // Each epoch shuffles with its own generator, so a resumed run sees the same batches.
            DataLoader loader = new DataLoader(data.train(), BATCH, /* shuffle */ true, /* dropLast */ false, new Generator(seed * 1_000_003L + epoch));
            ProgressBar bar = run.progress(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), loader.size());
            model.train();
            double sum = 0;
            int count = 0;
            for (Batch batch : loader) {
                float loss = step(model, criterion, optimizer, batch);
                sum += loss * batch.size();
                count += batch.size();
                bar.advance(1, String.format(Locale.ROOT, "loss %.4f", sum / count));
            }
            scheduler.step();
            float trainLoss = (float) (sum / count);
            ConfusionMatrix matrix = evaluate(model, data);
            bar.finish(String.format(Locale.ROOT, "loss %.4f", trainLoss));
            history.trainLoss().add(trainLoss);
            history.testAccuracy().add((float) (100 * matrix.accuracy()));
            out.printf(Locale.ROOT, "epoch %d/%d train_loss=%s test_accuracy=%.2f %% lr=%.6g%n", epoch, epochs,
                    Pattern.pythonFloat(trainLoss), 100 * matrix.accuracy(), optimizer.paramGroups().get(0).lr());
            if (!Float.isFinite(trainLoss)) {
                out.printf(Locale.ROOT, "digits: optimizer=%s epochs=%d diverged at epoch %d (train_loss=%s)%n", chosen.name(), epoch,
                        epoch, Pattern.pythonFloat(trainLoss));
                throw new Diverged("digits: the run diverged: the training loss became " + Pattern.pythonFloat(trainLoss) + " in epoch "
                        + epoch + (checkpoint.isPresent() ? "; the checkpoint of the last good epoch is kept" : "")
                        + "; try a smaller learning rate (-Doptimizer.lr)");
            }
            if (checkpoint.isPresent()) {
                Map<String, String> facts = Resume.facts(epoch, epochs, seed, chosen.name(), dataName, history);
                Checkpoint.save(checkpoint.get(), model, optimizer, scheduler, facts);
                out.println("wrote " + checkpoint.get());
            }
        }

        ConfusionMatrix matrix = evaluate(model, data);
        out.println("confusion matrix on the " + matrix.total() + " test images:");
        out.print(matrix);
        run.output().write("digits-curves.png", stream -> Pictures.png(curves(history, chosen.name()), stream));
        run.output().write("digits-confusion.png", stream -> confusion(matrix).png(stream, 560, 540));
        out.printf(Locale.ROOT, "digits: optimizer=%s epochs=%d test_accuracy=%.2f %%%n", chosen.name(), until,
                100 * matrix.accuracy());
    }

    /** --checkpoint's file must be writable before the first epoch trains, not after it (room for weights and two moments). */
    private static void checkWritable(Path file, DigitsNet model) {
        long numbers = 0;
        for (Tensor p : model.parameters()) {
            numbers += p.numel();
        }
        try {
            AtomicFile.checkWritable(file, 3 * 4 * numbers + 65_536);
        } catch (java.io.IOException e) {
            throw new BadInput("digits: --checkpoint " + e.getMessage() + "; choose another file with --checkpoint FILE", e);
        }
    }

    /** One training step on one batch, as PyTorch's {@code optimizer.step(closure)}: any optimizer, L-BFGS too. */
    static float step(DigitsNet model, CrossEntropyLoss criterion, Optimizer optimizer, Batch batch) {
        return optimizer.step(() -> {
            optimizer.zeroGrad();
            Tensor outputs = model.forward(batch.inputs());
            Tensor loss = criterion.forward(outputs, batch.targets());
            optimizer.backward(loss);       // loss.backward(), keeping the graph for an optimizer that reads curvature
            return loss;
        });
    }

    /** @return the test set's confusion matrix (no gradients recorded) */
    static ConfusionMatrix evaluate(DigitsNet model, DigitsData data) {
        return Evaluate.confusion(model, data.test(), 10, 500);
    }

    private static BufferedImage curves(History history, String optimizer) {
        int n = history.trainLoss().size();
        double[] epochs = new double[n];
        double[] loss = new double[n];
        double[] accuracy = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
            loss[i] = history.trainLoss().get(i);
            accuracy[i] = history.testAccuracy().get(i);
        }
        // One series each: the titles name them, so no legend can cover the curves' ends.
        return Pictures.beside(
                new Plot("training loss (" + optimizer + ")", "epoch", "cross-entropy").logY().line(null, epochs, loss).image(500, 380),
                new Plot("test accuracy (%)", "epoch", "%").line(null, Colors.series(2), 2f, epochs, accuracy).image(500, 380));
    }

    /** @return the confusion matrix as a picture: rows the true digit, columns the predicted one */
    static HeatMap confusion(ConfusionMatrix matrix) {
        int[][] counts = new int[10][10];
        List<String> labels = new ArrayList<>();
        for (int actual = 0; actual < 10; actual++) {
            labels.add(Integer.toString(actual));
            for (int predicted = 0; predicted < 10; predicted++) {
                counts[actual][predicted] = matrix.count(actual, predicted);
            }
        }
        return HeatMap.confusion(String.format(Locale.ROOT, "confusion matrix: %d test images, %.2f %% right",
                matrix.total(), 100 * matrix.accuracy()), labels, counts);
    }
}
