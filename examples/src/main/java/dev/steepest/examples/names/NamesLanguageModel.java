package dev.steepest.examples.names;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Module;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.nn.loss.Reduction;
import dev.steepest.optim.ClipGrad;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.schedulers.CosineAnnealingLR;
import dev.steepest.optim.schedulers.LRScheduler;
import dev.steepest.optim.schedulers.LinearLR;
import dev.steepest.optim.schedulers.SequentialLR;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A character-level language model learns to make up first names ({@link NamesData}: 32,033
 * names, 1,000 of them held out). The model is either recurrent ({@link CharRnn}: an embedding, a
 * recurrent layer chosen with {@code --cell rnn|lstm|gru} and a linear head) or, with
 * {@code --model transformer}, a small GPT ({@link NamesTransformer}: 4 pre-LN blocks of causal
 * self-attention with 4 heads over learned token and position vectors). It is trained to predict each next
 * letter (and the end of the name) from the letters before it, with the cross-entropy in nats per
 * character. Its yardstick is the count-based {@link Bigram} model on the same split; the uniform
 * guess scores ln 27 = 3.296.
 *
 * <p>Default optimizer {@code adamw} with {@code lr 5e-4} and {@code weight_decay 0.01}, 32 names
 * a step, at a constant learning rate for the recurrent models, as makemore trains its RNNs (annealing it to 0 over the
 * run with a cosine schedule ended higher: LSTM 2.031 instead of 2.013 after 30,000 steps, GRU
 * 2.026 instead of 2.024 after 50,000). Gradients are clipped to norm 1 before each step: a
 * recurrent layer multiplies by the same weights at every step, and a rare large gradient would
 * otherwise throw it far off. Each name is at most 16 steps long, so backpropagation goes through
 * the whole name; truncating it (cutting the graph every k steps) is for long streams of text, not
 * for names. The transformer is not clipped (as makemore trains it): attention does not multiply
 * by the same weights over and over, and its LayerNorms keep the scale. The transformer takes a
 * higher rate, {@code lr 3e-3}, warmed up over 200 steps and annealed to 0 with a cosine: at 2,500
 * steps that ended at 2.027 against 2.103 at a constant 5e-4 (1e-3: 2.067, 2e-3: 2.039, 5e-3: 2.035,
 * 3e-3 down to a tenth instead of 0: 2.028, weight decay 0.1: 2.039).
 *
 * <p>At the end it prints both test losses and 20 new names sampled letter by letter, each letter
 * drawn from the model's distribution divided by {@code --temperature} (below 1: safer, more
 * common names; above 1: wilder ones). Pictures: train and test loss against step, with the bigram
 * baseline as a line; each run also writes its test curve to {@code names-<model>-curve.csv}, and
 * the transformer draws its curve beside every other curve in the output folder (run
 * {@code --cell gru} into the same folder first to compare), and the attention of each head and
 * layer over the letters of a sampled name.
 */
public final class NamesLanguageModel implements Command {
    static final int BATCH = 32;
    static final int TEST_NAMES = 1000;
    static final float CLIP = 1f;
    /**
     * Default steps per cell, sized so that each default run ends within 5 minutes on a 2-core
     * machine (a GRU step is cheaper than an LSTM step, so it gets more of them).
     */
    static final Map<String, Integer> STEPS = Map.of("rnn", 30_000, "lstm", 30_000, "gru", 60_000, "transformer", 12_000);
    /** The transformer's warm-up steps (at most a tenth of the run). */
    static final int WARM_UP = 200;
    /**
     * The smallest {@code --temperature}: the scores are divided by it, and below 0.01 every letter is the
     * most likely one anyway, while a temperature such as 1e-45 turns the scores into infinities that
     * cannot be sampled (so it is refused before training, not after).
     */
    static final double MIN_TEMPERATURE = 0.01;
    /** The largest {@code --temperature}: at 100 the letters are already drawn almost uniformly. */
    static final double MAX_TEMPERATURE = 100;
    /** The models a learner can choose with {@code --model}. */
    static final List<String> MODELS = List.of("rnn", "transformer");

    /** The losses measured every {@code every} steps, and the training time (seconds) up to each. */
    record Curve(List<Integer> steps, List<Double> seconds, List<Double> train, List<Double> test) {
    }

    @Override
    public String name() {
        return "names";
    }

    @Override
    public String summary() {
        return "a character-level RNN/LSTM/GRU or transformer makes up first names, against a bigram baseline (default adamw)";
    }

    private static final Option HIDDEN = Option.integer("--hidden", "N", 64, 1, 4096, "the recurrent layer's hidden size");
    private static final Option EMBEDDING = Option.integer("--embedding", "N", 64, 1, 4096, "each letter's vector; the transformer's width");
    private static final Option HEADS = Option.integer("--heads", "N", 4, 1, 64, "the transformer's attention heads; they split --embedding");
    private static final Option SEED = Option.integer("--seed", "S", 0, 0, Integer.MAX_VALUE, "seeds the split, the weights and the batches");

    @Override
    public List<String> options() {
        return List.of("--model rnn|transformer  a recurrent network or a small transformer (default rnn)",
                "--cell rnn|lstm|gru  the recurrent layer of --model rnn (default gru)",
                "--steps N  training steps of 32 names (default: gru 60000, rnn and lstm 30000, transformer 12000)",
                HIDDEN.declared(),
                EMBEDDING.declared(),
                "--layers N  stacked recurrent layers or transformer blocks (default: 1, transformer 4)",
                HEADS.declared(),
                "--temperature T  divides the scores before each letter is drawn, 0.01 to 100: below 1 safer names, above 1 wilder (default 1.0)",
                SEED.declared());
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        String model = choice("--model", run.args().string("--model").orElse("rnn"), MODELS);
        boolean transformer = model.equals("transformer");
        if (transformer && run.args().string("--cell").isPresent()) {
            throw new BadInput("names: --cell chooses the recurrent layer of --model rnn; leave it out with --model transformer.");
        }
        String cell = transformer ? model : choice("--cell", run.args().string("--cell").orElse("gru"), CharRnn.CELLS);
        int steps = run.args().integer("--steps", STEPS.get(cell), 1, 10_000_000);
        int hidden = run.args().integer(HIDDEN);
        int embedding = run.args().integer(EMBEDDING);
        int layers = run.args().integer("--layers", transformer ? 4 : 1, 1, 8);
        int heads = run.args().integer(HEADS);
        if (transformer && embedding % heads != 0) {
            throw new BadInput("names: --embedding " + embedding + " must be a multiple of --heads " + heads
                    + " (each head gets embedding / heads features), e.g. --embedding 64 --heads 4.");
        }
        float temperature = (float) run.args().number("--temperature", 1.0, MIN_TEMPERATURE, MAX_TEMPERATURE);
        int seed = run.args().integer(SEED);
        run.output();
        long start = System.nanoTime();

        // Data: the names split by the seed, and the bigram baseline counted on the training names.
        NamesData data = NamesData.load(TEST_NAMES, seed);
        double bigram = new Bigram(data.train()).loss(data.test());
        out.printf(Locale.ROOT, "%d training names, %d test names; bigram baseline test loss %.4f (uniform %.4f)%n",
                data.train().size(), data.test().size(), bigram, Math.log(NamesData.VOCABULARY));

        // Model, loss, optimizer.
        Module net = transformer ? new NamesTransformer(embedding, heads, layers, new Generator(seed))
                                 : new CharRnn(cell, embedding, hidden, layers, new Generator(seed));
        int context = transformer ? NamesTransformer.CONTEXT : Integer.MAX_VALUE;
        CrossEntropyLoss criterion = new CrossEntropyLoss(null, Reduction.MEAN, NamesData.IGNORE);
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adamw", Map.of("lr", transformer ? 3e-3 : 5e-4, "weight_decay", 0.01));
        Optimizer optimizer = chosen.create(net.parameters());
        LRScheduler schedule = transformer ? warmUpThenCosine(optimizer, steps) : null;

        Generator sampler = new Generator(seed + 1L);
        int every = Math.max(1, Math.min(500, steps / 10));
        Curve curve = new Curve(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        ProgressBar bar = run.progress("training " + cell, steps);
        double sum = 0;
        long trainNanos = 0;
        for (int step = 1; step <= steps; step++) {
            long t0 = System.nanoTime();
            Tensor[] batch = NamesData.batch(randomNames(data.train(), BATCH, sampler));
            // book:start step
            optimizer.zeroGrad();
            Tensor logits = net.forward(batch[0]);                             // [B · T, 27]
            Tensor loss = criterion.forward(logits, batch[1].reshape(-1));      // padding positions skipped
            optimizer.backward(loss);                                          // loss.backward(), with the graph if the optimizer needs it
            if (!transformer) ClipGrad.clipGradNorm_(net.parameters(), CLIP);
            optimizer.step();
            // book:end step
            if (schedule != null) schedule.step();                             // the transformer's learning rate
            trainNanos += System.nanoTime() - t0;
            sum += loss.item();
            if (step % every == 0 || step == steps) {
                int since = step % every == 0 ? every : step % every;
                curve.steps().add(step);
                curve.seconds().add(trainNanos / 1e9);
                curve.train().add(sum / since);
                curve.test().add(testLoss(net, data.test()));
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
            sampled.add(sample(net, context, temperature, g));
        }
        out.println("  " + String.join(" ", sampled));
        NamesPictures.write(run.output(), curve, bigram, cell);
        if (net instanceof NamesTransformer gpt) {
            String name = sampled.stream().filter(n -> n.length() >= 4 && n.length() < NamesTransformer.CONTEXT).findFirst().orElse("emma");
            NamesPictures.attention(run.output(), gpt, name);
            List<String> others = NamesPictures.compare(run.output(), bigram);
            out.println("pictures: names-attention.png (each head and layer over '" + name + "'), names-compare.png (test loss against"
                    + " training time" + (others.size() > 1 ? " of " + String.join(", ", others) : "; run names --cell gru with the same --out"
                    + " first to see the GRU's curve beside it") + ")");
        }
        out.printf(Locale.ROOT, "names: optimizer=%s seed=%d %s=%s steps=%d bigram_loss=%.4f test_loss=%.4f ms_per_step=%.2f time=%.0fs%n",
                chosen.name(), seed, transformer ? "model" : "cell", cell, steps, bigram, test, msPerStep, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The transformer's learning rate: a linear warm-up over the first {@value #WARM_UP} steps (from
     * 1/{@value #WARM_UP} of the rate), then a cosine from the full rate down to 0 at the last step
     * (PyTorch's SequentialLR of LinearLR and CosineAnnealingLR, stepped once per step).
     */
    static LRScheduler warmUpThenCosine(Optimizer optimizer, int steps) {
        int warmUp = Math.max(1, Math.min(WARM_UP, steps / 10));
        return new SequentialLR(optimizer, List.of(new LinearLR(optimizer, 1.0 / warmUp, 1.0, warmUp),
                new CosineAnnealingLR(optimizer, Math.max(1, steps - warmUp), 0.0)), new int[] {warmUp});
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
    static double testLoss(Module model, List<String> names) {
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
     * most 30 letters). A model that reads at most {@code context} tokens sees the last ones.
     */
    static String sample(Module model, int context, float temperature, Generator g) {
        List<Long> tokens = new ArrayList<>(List.of(0L));
        StringBuilder name = new StringBuilder();
        model.eval();
        try (var off = Autograd.noGrad()) {
            while (name.length() < 30) {
                int from = Math.max(0, tokens.size() - context);
                long[] prefix = new long[tokens.size() - from];
                for (int i = 0; i < prefix.length; i++) {
                    prefix[i] = tokens.get(from + i);
                }
                // book:start sample
                Tensor logits = model.forward(Tensor.of(prefix, 1, prefix.length));        // [T, 27]
                Tensor last = logits.select(0, prefix.length - 1).div(temperature);
                int next = (int) last.softmax(0).multinomial(1, /* replacement */ false, g).item();
                // book:end sample
                if (next == 0) {
                    break;
                }
                name.append(NamesData.letter(next));
                tokens.add((long) next);
            }
        }
        model.train();
        return name.toString();
    }

    /** @return value if it is one of {@code choices}, else BadInput naming them (and the nearest) */
    private static String choice(String option, String value, List<String> choices) {
        if (!choices.contains(value)) {
            throw new BadInput("names: unknown " + option + " '" + value + "'." + dev.steepest.optim.Names.didYouMean(value, choices)
                    + " Choose one of " + String.join(", ", choices) + ".");
        }
        return value;
    }
}
