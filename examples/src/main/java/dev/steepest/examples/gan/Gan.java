package dev.steepest.examples.gan;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.DigitsData;
import dev.steepest.examples.shared.DigitsScore;
import dev.steepest.nn.BatchNorm;
import dev.steepest.nn.BatchNorm2d;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.ConvTranspose2d;
import dev.steepest.nn.LeakyReLU;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.Sigmoid;
import dev.steepest.nn.Tanh;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.data.TensorDataset;
import dev.steepest.nn.init.Init;
import dev.steepest.nn.loss.BceLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.Args;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import dev.steepest.train.plot.DigitGrid;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.Plot;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DCGAN learns to draw 8x8 digits, as PyTorch's DCGAN tutorial does it at a smaller size: a
 * generator turns 32 random numbers into a digit (ConvTranspose2d + BatchNorm + ReLU, ending in
 * Tanh), a discriminator tells real digits from generated ones (Conv2d + LeakyReLU(0.2), ending in
 * a sigmoid), both trained with binary cross-entropy by their own optimizer (default {@code adam}
 * with {@code lr 2e-4} and {@code beta1 0.5}), weights drawn from N(0, 0.02). The noise size and
 * both networks' widths are options ({@code help gan}).
 *
 * <p>The result is measured, not eyeballed: the {@code digits} example's CNN, trained here first,
 * judges 1,000 generated digits with exp(E[KL(p(y|x) ‖ p(y))]) ({@link DigitsScore}; 10 at most)
 * and counts the digits it sees among them.
 */
public final class Gan implements Command {
    static final int BATCH = 64;
    static final int SAMPLES = 1000;

    /**
     * The knobs of a run, each an option of {@code gan}; {@link #REFERENCE} holds the defaults.
     *
     * @param steps training steps, one discriminator update and one generator update each
     * @param seed seeds the weights, the noise and the shuffles
     * @param z how many random numbers the generator turns into a digit (nz in PyTorch's tutorial)
     * @param generatorWidth the generator's channels: 2 × this, then this (ngf)
     * @param discriminatorWidth the discriminator's channels: this, then 2 × this (ndf)
     */
    public record Settings(int steps, int seed, int z, int generatorWidth, int discriminatorWidth) {
        /** The settings of the README's figures: 6,000 steps from seed 0, z of 32, both widths 32. */
        public static final Settings REFERENCE = new Settings(6000, 0, 32, 32, 32);

        /** The options that set them, each declared once with the reference's value as its default. */
        static final Option STEPS = Option.integer("--steps", "N", REFERENCE.steps, 1, 10_000_000,
                "training steps, one update of each network per step");
        static final Option SEED = Option.integer("--seed", "S", REFERENCE.seed, 0, Integer.MAX_VALUE,
                "seeds the weights, the noise and the shuffles");
        static final Option Z = Option.integer("--z", "N", REFERENCE.z, 1, 4096,
                "how many random numbers the generator turns into a digit, PyTorch's nz");
        static final Option G_WIDTH = Option.integer("--g-width", "N", REFERENCE.generatorWidth, 1, 1024,
                "the generator's channels, 2N then N, PyTorch's ngf");
        static final Option D_WIDTH = Option.integer("--d-width", "N", REFERENCE.discriminatorWidth, 1, 1024,
                "the discriminator's channels, N then 2N, PyTorch's ndf");
        static final List<Option> OPTIONS = List.of(STEPS, SEED, Z, G_WIDTH, D_WIDTH);

        /** @return the settings the command line gives, the reference's where it gives none */
        static Settings from(Args args) {
            return new Settings(args.integer(STEPS), args.integer(SEED), args.integer(Z), args.integer(G_WIDTH), args.integer(D_WIDTH));
        }
    }

    /** One picture of the GIF: the fixed noise batch's digits after a step, and how the judge scores those 64. */
    record Frame(int step, float[] pixels, DigitsScore.Score score) {
    }

    /** What a run gave: both losses at each step, the score along the way, the fixed batch's pictures. */
    record Result(List<Float> discriminatorLoss, List<Float> generatorLoss, List<Integer> scoredSteps,
                  List<DigitsScore.Score> scores, List<Frame> frames) {
        DigitsScore.Score last() {
            return scores.get(scores.size() - 1);
        }
    }

    @Override
    public String name() {
        return "gan";
    }

    @Override
    public String summary() {
        return "a DCGAN draws 8x8 digits, scored by the digits CNN (default adam lr 2e-4 beta1 0.5)";
    }

    @Override
    public List<String> options() {
        return Settings.OPTIONS.stream().map(Option::declared).toList();
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        Settings settings = Settings.from(run.args());
        int steps = settings.steps();
        int seed = settings.seed();
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 2e-4, "beta1", 0.5));
        run.output();

        // Data, and the judge: the digits CNN trained briefly on the same training images.
        DigitsData data = DigitsData.bundled(seed);
        out.println(data.source());
        DigitsScore judge = DigitsScore.train(data, 8, seed);
        DigitsScore.Score real = judge.score(data.test().inputs());
        DigitsScore.Score noise = judge.score(Tensor.rand(new Generator(seed + 7), SAMPLES, 1, 8, 8));
        out.printf(Locale.ROOT, "the judge: %.2f %% test accuracy; real test digits score %.2f (%d classes), uniform noise %.2f (%d)%n",
                100 * judge.accuracy(), real.value(), real.classes(), noise.value(), noise.classes());

        out.println("generator:     " + shapes(generator(settings.z(), settings.generatorWidth(), new Generator(seed)),
                Tensor.zeros(1, settings.z(), 1, 1)));
        out.println("discriminator: " + shapes(discriminator(settings.discriminatorWidth(), new Generator(seed)),
                Tensor.zeros(1, 1, 8, 8)));

        long start = System.nanoTime();
        Result result = train(data, settings, chosen, judge, run.progress(name(), steps));
        double seconds = (System.nanoTime() - start) / 1e9;
        DigitsScore.Score score = result.last();
        out.printf(Locale.ROOT, "%d steps in %.1f s (%.1f ms a step, scoring included)%n", steps, seconds, 1000 * seconds / steps);
        out.println("  step  score  classes");
        for (int i = 0; i < result.scores().size(); i++) {
            out.printf(Locale.ROOT, "%6d  %5.2f  %7d%n", result.scoredSteps().get(i), result.scores().get(i).value(),
                    result.scores().get(i).classes());
        }
        out.printf(Locale.ROOT, "1,000 generated digits score %.2f with %d of 10 classes seen%n", score.value(), score.classes());

        run.output().gif("gan-samples.gif", 150, List.of(), gif -> {          // and gan-samples.png, its last frame
            for (Frame frame : result.frames()) {
                String[] caption = caption(frame, steps, chosen.name());
                gif.add(Pictures.captioned(DigitGrid.of(frame.pixels(), 8, 8, 8, 5), caption), String.join("; ", caption));
            }
        });
        run.output().write("gan-losses.png", stream -> lossesPlot(result, chosen.name()).png(stream, 720, 420));
        out.printf(Locale.ROOT, "gan: optimizer=%s seed=%d steps=%d z=%d g_width=%d d_width=%d score=%.2f classes=%d real_score=%.2f "
                + "noise_score=%.2f seconds=%.0f%n", chosen.name(), seed, steps, settings.z(), settings.generatorWidth(),
                settings.discriminatorWidth(), score.value(), score.classes(), real.value(), noise.value(), seconds);
    }

    /** @return a frame's caption: the step, then how the judge scores the 64 digits shown */
    static String[] caption(Frame frame, int steps, String optimizer) {
        return new String[] {
            String.format(Locale.ROOT, "DCGAN (%s), step %,d of %,d", optimizer, frame.step(), steps),
            String.format(Locale.ROOT, "these 64 score %.2f, %d classes", frame.score().value(), frame.score().classes())};
    }

    /**
     * Trains the pair for a number of steps.
     *
     * @param data the digits; the training images are used, scaled to [−1, 1] as Tanh draws them
     * @param settings the steps (one discriminator update and one generator update each), the seed of the
     *     weights, the noise and the shuffles, the noise size and the widths
     * @param chosen both optimizers' choice
     * @param judge scores samples along the way
     * @param bar advanced one unit per step
     * @return losses, scores and the fixed noise batch's pictures
     */
    static Result train(DigitsData data, Settings settings, OptimizerChoice chosen, DigitsScore judge, ProgressBar bar) {
        int steps = settings.steps();
        long seed = settings.seed();
        int z = settings.z();
        TensorDataset images = new TensorDataset(data.train().inputs().mul(2f).sub(1f), data.train().targets());
        Generator random = new Generator(seed);

        // The two networks, weights from N(0, 0.02) (BatchNorm's scale from N(1, 0.02)), as DCGAN's weights_init.
        Sequential generator = generator(z, settings.generatorWidth(), random);
        Sequential discriminator = discriminator(settings.discriminatorWidth(), random);
        generator.apply(m -> dcganInit(m, random));
        discriminator.apply(m -> dcganInit(m, random));
        BceLoss criterion = new BceLoss();
        Optimizer optimizerD = chosen.create(discriminator.parameters());
        Optimizer optimizerG = chosen.create(generator.parameters());

        Tensor fixedNoise = Tensor.randn(random, BATCH, z, 1, 1);
        Tensor ones = Tensor.ones(BATCH);
        Tensor zeros = Tensor.zeros(BATCH);
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int every = Math.max(1, steps / 40);
        int step = 0;
        for (int epoch = 1; step < steps; epoch++) {
            DataLoader loader = new DataLoader(images, BATCH, /* shuffle */ true, /* dropLast */ true, new Generator(seed * 1_000_003L + epoch));
            for (Batch batch : loader) {
                if (step == steps) {
                    break;
                }
                step++;
                // book:start game
                // (1) The discriminator: maximise log D(x) + log(1 − D(G(z))).
                optimizerD.zeroGrad();
                Tensor lossReal = criterion.forward(discriminator.forward(batch.inputs()).view(-1), ones);
                optimizerD.backward(lossReal);
                Tensor fake = generator.forward(Tensor.randn(random, BATCH, z, 1, 1));
                Tensor lossFake = criterion.forward(discriminator.forward(fake.detach()).view(-1), zeros);
                optimizerD.backward(lossFake);
                optimizerD.step();

                // (2) The generator: maximise log D(G(z)), i.e. make D call its digits real.
                optimizerG.zeroGrad();
                Tensor lossG = criterion.forward(discriminator.forward(fake).view(-1), ones);
                optimizerG.backward(lossG);
                optimizerG.step();
                // book:end game

                float lossD = lossReal.item() + lossFake.item();
                result.discriminatorLoss().add(lossD);
                result.generatorLoss().add(lossG.item());
                if (step % every == 0 || step == steps) {
                    Tensor shown = sample(generator, fixedNoise);
                    result.frames().add(new Frame(step, shown.toArray(), judge.score(shown)));
                    if (step == steps || step % (every * 10) == 0) {
                        result.scoredSteps().add(step);
                        result.scores().add(judge.score(sample(generator, Tensor.randn(random, SAMPLES, z, 1, 1))));
                    }
                }
                bar.advance(1, String.format(Locale.ROOT, "loss_D %.3f loss_G %.3f", lossD, lossG.item()));
            }
        }
        DigitsScore.Score last = result.last();
        bar.finish(String.format(Locale.ROOT, "score %.2f, %d classes", last.value(), last.classes()));
        return result;
    }

    /** @return both losses against step, each averaged over a window of steps so that the trend shows */
    static Plot lossesPlot(Result result, String optimizer) {
        int n = result.discriminatorLoss().size();
        int window = Math.max(1, n / 200);
        int points = n / window;
        double[] step = new double[points];
        double[] d = new double[points];
        double[] g = new double[points];
        for (int p = 0; p < points; p++) {
            for (int i = p * window; i < (p + 1) * window; i++) {
                d[p] += result.discriminatorLoss().get(i) / window;
                g[p] += result.generatorLoss().get(i) / window;
            }
            step[p] = (p + 1) * window;
        }
        String title = "DCGAN losses (" + optimizer + (window > 1 ? ", mean of every " + window + " steps)" : ")");
        return new Plot(title, "step", "binary cross-entropy")
                .line("discriminator", step, d)
                .line("generator", step, g);
    }

    /**
     * The generator: noise [n, z, 1, 1] → [n, 2w, 4, 4] → [n, w, 8, 8] → [n, 1, 8, 8], one 8x8 image in
     * [−1, 1] per noise vector. With the defaults (z 32, w 32): [n, 32, 1, 1] → [n, 64, 4, 4] →
     * [n, 32, 8, 8] → [n, 1, 8, 8]. In jshell: {@code Gan.generator(32, 32, new Generator(0))}.
     *
     * @param z the noise size (nz in PyTorch's DCGAN tutorial)
     * @param width w, the generator's width (ngf)
     * @param random draws the initial weights (PyTorch's default initialisation; {@link #dcganInit} redraws them as DCGAN does)
     * @return the untrained generator
     */
    public static Sequential generator(int z, int width, Generator random) {
        return new Sequential(
                new ConvTranspose2d(z, 2 * width, /* kernel */ 4, /* stride */ 1, /* padding */ 0, /* outputPadding */ 0,
                        /* bias */ false, random), new BatchNorm2d(2 * width), new ReLU(),
                new ConvTranspose2d(2 * width, width, /* kernel */ 4, /* stride */ 2, /* padding */ 1, /* outputPadding */ 0,
                        /* bias */ false, random), new BatchNorm2d(width), new ReLU(),
                new ConvTranspose2d(width, 1, /* kernel */ 3, /* stride */ 1, /* padding */ 1, /* outputPadding */ 0,
                        /* bias */ false, random), new Tanh());
    }

    /**
     * The discriminator: an image [n, 1, 8, 8] → [n, w, 4, 4] → [n, 2w, 2, 2] → [n, 1, 1, 1], the
     * probability that the image is real. With the default w of 32: [n, 1, 8, 8] → [n, 32, 4, 4] →
     * [n, 64, 2, 2] → [n, 1, 1, 1]. In jshell: {@code Gan.discriminator(32, new Generator(0))}.
     *
     * @param width w, the discriminator's width (ndf)
     * @param random draws the initial weights (PyTorch's default initialisation; {@link #dcganInit} redraws them as DCGAN does)
     * @return the untrained discriminator
     */
    public static Sequential discriminator(int width, Generator random) {
        return new Sequential(
                new Conv2d(1, width, /* kernel */ 4, /* stride */ 2, /* padding */ 1, /* bias */ false, random),
                new LeakyReLU(/* negativeSlope */ 0.2f),
                new Conv2d(width, 2 * width, /* kernel */ 4, /* stride */ 2, /* padding */ 1, /* bias */ false, random),
                new BatchNorm2d(2 * width), new LeakyReLU(/* negativeSlope */ 0.2f),
                new Conv2d(2 * width, 1, /* kernel */ 2, /* stride */ 1, /* padding */ 0, /* bias */ false, random), new Sigmoid());
    }

    /**
     * @param network a stack of layers
     * @param input one input
     * @return the shapes from the input through each layer that changes the shape, with n for the batch:
     *     {@code "[n, 32, 1, 1] → [n, 64, 4, 4] → [n, 32, 8, 8] → [n, 1, 8, 8]"}
     */
    static String shapes(Sequential network, Tensor input) {
        StringBuilder text = new StringBuilder(shape(input));
        try (var off = Autograd.noGrad()) {
            network.eval();
            Tensor x = input;
            for (int i = 0; i < network.size(); i++) {
                Tensor y = network.get(i).forward(x);
                if (!java.util.Arrays.equals(y.shape(), x.shape())) {
                    text.append(" → ").append(shape(y));
                }
                x = y;
            }
        }
        return text.toString();
    }

    private static String shape(Tensor t) {
        int[] shape = t.shape();
        StringBuilder s = new StringBuilder("[n");
        for (int d = 1; d < shape.length; d++) {
            s.append(", ").append(shape[d]);
        }
        return s.append(']').toString();
    }

    /**
     * DCGAN's weights_init, for {@code network.apply(m -> Gan.dcganInit(m, random))}: convolutions from
     * N(0, 0.02); BatchNorm's scale from N(1, 0.02), its shift 0.
     *
     * @param m a layer (modified in place when it is a convolution or a BatchNorm)
     * @param random draws the weights
     */
    public static void dcganInit(Module m, Generator random) {
        if (m instanceof Conv2d c) {
            Init.normal_(c.weight(), 0, 0.02, random);
        } else if (m instanceof ConvTranspose2d c) {
            Init.normal_(c.weight(), 0, 0.02, random);
        } else if (m instanceof BatchNorm b) {
            Init.normal_(b.weight(), 1, 0.02, random);
            Init.zeros_(b.bias());
        }
    }

    /** @return the generator's digits for the noise, [n, 1, 8, 8] in [0, 1] (no gradients) */
    static Tensor sample(Sequential generator, Tensor noise) {
        try (var off = Autograd.noGrad()) {
            return generator.forward(noise).add(1f).mul(0.5f);
        }
    }
}
