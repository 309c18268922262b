package dev.steepest.examples.names;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.nn.loss.Reduction;
import dev.steepest.optim.ClipGrad;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A character-level language model learns to make up first names ({@link NamesData}: 32,033
 * names, 1,000 of them held out). The model ({@link CharRnn}) is an embedding, a recurrent layer
 * chosen with {@code --cell rnn|lstm|gru} and a linear head; it is trained to predict each next
 * letter (and the end of the name) from the letters before it, with the cross-entropy in nats per
 * character. Its yardstick is the count-based {@link Bigram} model on the same split; the uniform
 * guess scores ln 27 = 3.296.
 *
 * <p>Default optimizer {@code adamw} with {@code lr 5e-4} and {@code weight_decay 0.01}, 32 names
 * a step, at a constant learning rate, as makemore trains its RNNs (annealing it to 0 over the
 * run with a cosine schedule ended higher: LSTM 2.031 instead of 2.013 after 30,000 steps, GRU
 * 2.026 instead of 2.024 after 50,000). Gradients are clipped to norm 1 before each step: a
 * recurrent layer multiplies by the same weights at every step, and a rare large gradient would
 * otherwise throw it far off. Each name is at most 16 steps long, so backpropagation goes through
 * the whole name; truncating it (cutting the graph every k steps) is for long streams of text, not
 * for names.
 *
 * <p>At the end it prints both test losses and 20 new names sampled letter by letter, each letter
 * drawn from the model's distribution divided by {@code --temperature} (below 1: safer, more
 * common names; above 1: wilder ones). Picture: train and test loss against step, with the bigram
 * baseline as a line.
 */
public final class NamesLanguageModel implements Command {
    static final int BATCH = 32;
    static final int TEST_NAMES = 1000;
    static final float CLIP = 1f;
    /**
     * Default steps per cell, sized so that each default run ends within 5 minutes on a 2-core
     * machine (a GRU step is cheaper than an LSTM step, so it gets more of them).
     */
    static final Map<String, Integer> STEPS = Map.of("rnn", 30_000, "lstm", 30_000, "gru", 60_000);

    /** The losses measured every {@code every} steps. */
    record Curve(List<Integer> steps, List<Double> train, List<Double> test) {
    }

    @Override
    public String name() {
        return "names";
    }

    @Override
    public String summary() {
        return "a character-level RNN/LSTM/GRU makes up first names, against a bigram baseline (default adamw)";
    }

    @Override
    public List<String> options() {
        return List.of("--cell rnn|lstm|gru", "--steps N", "--hidden N", "--embedding N", "--layers N", "--temperature T",
                "--seed S");
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        String cell = run.args().string("--cell").orElse("gru");
        if (!CharRnn.CELLS.contains(cell)) {
            throw new BadInput("names: unknown --cell '" + cell + "'." + dev.steepest.optim.Names.didYouMean(cell, CharRnn.CELLS)
                    + " Choose one of " + String.join(", ", CharRnn.CELLS) + ".");
        }
        int steps = run.args().integer("--steps", STEPS.get(cell), 1, 10_000_000);
        int hidden = run.args().integer("--hidden", 64, 1, 4096);
        int embedding = run.args().integer("--embedding", 64, 1, 4096);
        int layers = run.args().integer("--layers", 1, 1, 8);
        float temperature = positive(run.args().string("--temperature").orElse("1.0"));
        int seed = run.args().integer("--seed", 0, 0, Integer.MAX_VALUE);
        run.output();
        long start = System.nanoTime();

        // Data: the names split by the seed, and the bigram baseline counted on the training names.
        NamesData data = NamesData.load(TEST_NAMES, seed);
        double bigram = new Bigram(data.train()).loss(data.test());
        out.printf(Locale.ROOT, "%d training names, %d test names; bigram baseline test loss %.4f (uniform %.4f)%n",
                data.train().size(), data.test().size(), bigram, Math.log(NamesData.VOCABULARY));

        // Model, loss, optimizer.
        CharRnn model = new CharRnn(cell, embedding, hidden, layers, new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss(null, Reduction.MEAN, NamesData.IGNORE);
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adamw", Map.of("lr", 5e-4, "weight_decay", 0.01));
        Optimizer optimizer = chosen.create(model.parameters());

        Generator sampler = new Generator(seed + 1L);
        int every = Math.max(1, Math.min(500, steps / 10));
        Curve curve = new Curve(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        ProgressBar bar = run.progress("training " + cell, steps);
        double sum = 0;
        long trainNanos = 0;
        for (int step = 1; step <= steps; step++) {
            long t0 = System.nanoTime();
            Tensor[] batch = NamesData.batch(randomNames(data.train(), BATCH, sampler));
            // book:start step
            optimizer.zeroGrad();
            Tensor logits = model.forward(batch[0]);                           // [B · T, 27]
            Tensor loss = criterion.forward(logits, batch[1].reshape(-1));      // padding positions skipped
            loss.backward();
            ClipGrad.clipGradNorm_(model.parameters(), CLIP);
            optimizer.step();
            // book:end step
            trainNanos += System.nanoTime() - t0;
            sum += loss.item();
            if (step % every == 0 || step == steps) {
                int since = step % every == 0 ? every : step % every;
                curve.steps().add(step);
                curve.train().add(sum / since);
                curve.test().add(testLoss(model, data.test()));
                sum = 0;
                bar.advance(since, String.format(Locale.ROOT, "train %.4f test %.4f", curve.train().get(curve.train().size() - 1),
                        curve.test().get(curve.test().size() - 1)));
            }
        }
        bar.finish("");
        double test = curve.test().get(curve.test().size() - 1);
        double msPerStep = trainNanos / 1e6 / steps;
        out.printf(Locale.ROOT, "test loss: bigram %.4f, %s %.4f nats per character after %d steps (%.2f ms a step)%n",
                bigram, cell, test, steps, msPerStep);
        out.println("20 names sampled at temperature " + temperature + ":");
        Generator g = new Generator(seed + 2L);
        List<String> sampled = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sampled.add(sample(model, temperature, g));
        }
        out.println("  " + String.join(" ", sampled));
        NamesPictures.write(run.output(), curve, bigram, cell);
        out.printf(Locale.ROOT, "names: optimizer=%s seed=%d cell=%s steps=%d bigram_loss=%.4f test_loss=%.4f ms_per_step=%.2f time=%.0fs%n",
                chosen.name(), seed, cell, steps, bigram, test, msPerStep, (System.nanoTime() - start) / 1e9);
    }

    /** @return {@code count} names drawn at random, with replacement (makemore's endless sampler) */
    static List<String> randomNames(List<String> names, int count, Generator g) {
        List<String> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(names.get(g.nextInt(names.size())));
        }
        return batch;
    }

    /** @return the mean cross-entropy per predicted token over the names, in nats (no gradients recorded) */
    static double testLoss(CharRnn model, List<String> names) {
        CrossEntropyLoss summed = new CrossEntropyLoss(null, Reduction.SUM, NamesData.IGNORE);
        double total = 0;
        long count = 0;
        model.eval();
        try (var off = Autograd.noGrad()) {
            for (int from = 0; from < names.size(); from += 250) {
                List<String> part = names.subList(from, Math.min(names.size(), from + 250));
                Tensor[] batch = NamesData.batch(part);
                total += summed.forward(model.forward(batch[0]), batch[1].reshape(-1)).item();
                for (String name : part) {
                    count += name.length() + 1;
                }
            }
        }
        model.train();
        return total / count;
    }

    /**
     * Makes up one name: starting from '.', the model scores the next letter, the scores are divided
     * by the temperature, and a letter is drawn from their softmax, until '.' comes out again (at
     * most 30 letters).
     */
    static String sample(CharRnn model, float temperature, Generator g) {
        List<Float> tokens = new ArrayList<>(List.of(0f));
        StringBuilder name = new StringBuilder();
        model.eval();
        try (var off = Autograd.noGrad()) {
            while (name.length() < 30) {
                float[] prefix = new float[tokens.size()];
                for (int i = 0; i < prefix.length; i++) {
                    prefix[i] = tokens.get(i);
                }
                // book:start sample
                Tensor logits = model.forward(Tensor.of(prefix, 1, prefix.length));        // [T, 27]
                Tensor last = logits.select(0, prefix.length - 1).div(temperature);
                int next = (int) last.softmax(0).multinomial(1, false, g).item();
                // book:end sample
                if (next == 0) {
                    break;
                }
                name.append(NamesData.letter(next));
                tokens.add((float) next);
            }
        }
        model.train();
        return name.toString();
    }

    private static float positive(String text) {
        try {
            float t = Float.parseFloat(text.trim());
            if (t > 0 && Float.isFinite(t)) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInput("names: --temperature must be a positive number such as 0.8 or 1.0, got '" + text + "'.");
    }
}
