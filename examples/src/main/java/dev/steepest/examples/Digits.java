package dev.steepest.examples;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.console.ConfusionMatrix;
import dev.steepest.examples.console.ProgressBar;
import dev.steepest.examples.plot.Colors;
import dev.steepest.examples.plot.HeatMap;
import dev.steepest.examples.plot.Plot;
import dev.steepest.examples.plot.Pictures;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.schedulers.CosineAnnealingLR;
import dev.steepest.optim.schedulers.LRScheduler;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
 * IDX files instead.
 */
public final class Digits implements Example {
    static final int BATCH = 32;

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
        return List.of("--epochs N", "--until N", "--seed S", "--checkpoint FILE", "--resume FILE", "--data DIR");
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        Optional<Checkpoint> resumed = run.args().path("--resume").map(Checkpoint::read);
        Map<String, String> saved = resumed.map(Checkpoint::run).orElse(Map.of());
        int epochs = run.args().integer("--epochs", intFact(saved, "epochs", 15), 1, 10_000);
        int until = run.args().integer("--until", epochs, 1, epochs);
        int seed = run.args().integer("--seed", intFact(saved, "seed", 0), 0, Integer.MAX_VALUE);
        if (resumed.isPresent() && seed != intFact(saved, "seed", 0)) {
            throw new BadInput("digits: the checkpoint was trained with --seed " + saved.get("seed") + ", not " + seed
                    + "; resume with the same seed (or leave --seed out)");
        }
        Optional<Path> checkpoint = run.args().path("--checkpoint");
        Optional<Path> dataFolder = run.args().path("--data");
        run.output();

        // Data: the bundled digits split by the seed, or MNIST from --data.
        DigitsData data = dataFolder.map(DigitsData::mnist).orElseGet(() -> DigitsData.bundled(seed));
        String dataName = dataFolder.map(Path::toString).orElse("bundled");
        if (resumed.isPresent() && !dataName.equals(saved.get("data"))) {
            throw new BadInput("digits: the checkpoint was trained on " + saved.get("data") + " data, not " + dataName
                    + "; resume with the same --data");
        }
        out.println(data.source());

        // Model, loss, optimizer and learning-rate schedule.
        DigitsNet model = new DigitsNet(data.side(), new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 0.003));
        Optimizer optimizer = chosen.create(model.parameters());
        LRScheduler scheduler = new CosineAnnealingLR(optimizer, epochs);

        int start = 0;
        History history = new History(new ArrayList<>(), new ArrayList<>());
        if (resumed.isPresent()) {
            Checkpoint c = resumed.get();
            if (!chosen.name().equals(saved.get("optimizer"))) {
                throw new BadInput("digits: the checkpoint was trained with optimizer " + saved.get("optimizer") + ", not "
                        + chosen.name() + "; resume with -Doptimizer=" + saved.get("optimizer"));
            }
            BadInput.check(() -> model.loadStateDict(c.model(), true));
            BadInput.check(() -> {
                optimizer.loadStateDict(c.optimizer());
                scheduler.loadStateDict(c.scheduler());
                return null;
            });
            start = intFact(saved, "epoch", 0);
            history.trainLoss().addAll(floats(saved.get("train_loss")));
            history.testAccuracy().addAll(floats(saved.get("test_accuracy")));
            if (start >= until) {
                throw new BadInput("digits: the checkpoint already has " + start + " epochs; ask for more with --epochs N (N > "
                        + start + ")");
            }
            out.println("resumed after epoch " + start + " of " + epochs);
        }

        for (int epoch = start + 1; epoch <= until; epoch++) {
            // Each epoch shuffles with its own generator, so a resumed run sees the same batches.
            DataLoader loader = new DataLoader(data.train(), BATCH, true, false, new Generator(seed * 1_000_003L + epoch));
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
            if (checkpoint.isPresent()) {
                Map<String, String> facts = new TreeMap<>();
                facts.put("epoch", Integer.toString(epoch));
                facts.put("epochs", Integer.toString(epochs));
                facts.put("seed", Integer.toString(seed));
                facts.put("optimizer", chosen.name());
                facts.put("data", dataName);
                facts.put("train_loss", join(history.trainLoss()));
                facts.put("test_accuracy", join(history.testAccuracy()));
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

    /** One training step on one batch, as PyTorch's {@code optimizer.step(closure)}: any optimizer, L-BFGS too. */
    private static float step(DigitsNet model, CrossEntropyLoss criterion, Optimizer optimizer, Batch batch) {
        return optimizer.step(() -> {
            optimizer.zeroGrad();
            Tensor outputs = model.forward(batch.inputs());
            Tensor loss = criterion.forward(outputs, batch.targets());
            loss.backward();
            return loss;
        });
    }

    /** @return the test set's confusion matrix (no gradients recorded) */
    static ConfusionMatrix evaluate(DigitsNet model, DigitsData data) {
        model.eval();
        ConfusionMatrix matrix = new ConfusionMatrix(10);
        try (var off = Autograd.noGrad()) {
            for (Batch batch : new DataLoader(data.test(), 500)) {
                float[] predicted = model.forward(batch.inputs()).argmax(1, false).toArray();
                float[] actual = batch.targets().toArray();
                for (int i = 0; i < actual.length; i++) {
                    matrix.add((int) actual[i], (int) predicted[i]);
                }
            }
        }
        model.train();
        return matrix;
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

    private static int intFact(Map<String, String> facts, String key, int fallback) {
        String v = facts.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInput("cannot resume: the checkpoint's " + key + " is '" + v + "', not a whole number; the file is corrupt");
        }
    }

    private static String join(List<Float> values) {
        StringBuilder s = new StringBuilder();
        for (float v : values) {
            s.append(s.length() == 0 ? "" : ",").append(Float.toString(v));
        }
        return s.toString();
    }

    private static List<Float> floats(String text) {
        List<Float> values = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String part : text.split(",")) {
            try {
                values.add(Float.parseFloat(part));
            } catch (NumberFormatException e) {
                throw new BadInput("cannot resume: the checkpoint's history holds '" + part + "', not a number; the file is corrupt");
            }
        }
        return values;
    }
}
