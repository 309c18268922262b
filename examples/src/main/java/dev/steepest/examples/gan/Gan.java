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
import dev.steepest.train.command.Command;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import dev.steepest.train.plot.AnimatedGif;
import dev.steepest.train.plot.DigitGrid;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.Plot;
import java.awt.image.BufferedImage;
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
 * with {@code lr 2e-4} and {@code beta1 0.5}), weights drawn from N(0, 0.02).
 *
 * <p>The result is measured, not eyeballed: the {@code digits} example's CNN, trained here first,
 * judges 1,000 generated digits with exp(E[KL(p(y|x) ‖ p(y))]) ({@link DigitsScore}; 10 at most)
 * and counts the digits it sees among them.
 */
public final class Gan implements Command {
    static final int Z = 32;
    static final int BATCH = 64;
    static final int SAMPLES = 1000;
    static final int WIDTH = Integer.getInteger("gan.width", 32);

    /** What a run gave: both losses at each step, the score along the way, the fixed batch's pictures. */
    record Result(List<Float> discriminatorLoss, List<Float> generatorLoss, List<Integer> scoredSteps,
                  List<DigitsScore.Score> scores, List<float[]> frames) {
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
        return List.of("--steps N", "--seed S");
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        int steps = run.args().integer("--steps", 6000, 1, 10_000_000);
        int seed = run.args().integer("--seed", 0, 0, Integer.MAX_VALUE);
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

        long start = System.nanoTime();
        Result result = train(data, steps, seed, chosen, judge, run.progress(name(), steps));
        double seconds = (System.nanoTime() - start) / 1e9;
        DigitsScore.Score score = result.last();
        out.printf(Locale.ROOT, "%d steps in %.1f s (%.1f ms a step, scoring included)%n", steps, seconds, 1000 * seconds / steps);
        out.println("  step  score  classes");
        for (int i = 0; i < result.scores().size(); i++) {
            out.printf(Locale.ROOT, "%6d  %5.2f  %7d%n", result.scoredSteps().get(i), result.scores().get(i).value(),
                    result.scores().get(i).classes());
        }
        out.printf(Locale.ROOT, "1,000 generated digits score %.2f with %d of 10 classes seen%n", score.value(), score.classes());

        run.output().write("gan-samples.gif", stream -> {
            try (AnimatedGif gif = new AnimatedGif(stream, 150, List.of())) {
                for (float[] frame : result.frames()) {
                    gif.add(DigitGrid.of(frame, 8, 8, 8, 5));
                }
            }
        });
        float[] last = result.frames().get(result.frames().size() - 1);
        run.output().write("gan-samples.png", stream -> Pictures.png(DigitGrid.of(last, 8, 8, 8, 5), stream));
        run.output().write("gan-losses.png", stream -> lossesPlot(result, chosen.name()).png(stream, 720, 420));
        out.printf(Locale.ROOT, "gan: optimizer=%s seed=%d steps=%d score=%.2f classes=%d real_score=%.2f noise_score=%.2f seconds=%.0f%n",
                chosen.name(), seed, steps, score.value(), score.classes(), real.value(), noise.value(), seconds);
    }

    /**
     * Trains the pair for a number of steps.
     *
     * @param data the digits; the training images are used, scaled to [−1, 1] as Tanh draws them
     * @param steps how many steps (one discriminator update and one generator update each)
     * @param seed seeds the weights, the noise and the shuffles
     * @param chosen both optimizers' choice
     * @param judge scores samples along the way
     * @param bar advanced one unit per step
     * @return losses, scores and the fixed noise batch's pictures
     */
    static Result train(DigitsData data, int steps, long seed, OptimizerChoice chosen, DigitsScore judge, ProgressBar bar) {
        TensorDataset images = new TensorDataset(data.train().inputs().mul(2f).sub(1f), data.train().targets());
        Generator random = new Generator(seed);

        // The two networks, weights from N(0, 0.02) (BatchNorm's scale from N(1, 0.02)), as DCGAN's weights_init.
        Sequential generator = generator(random);
        Sequential discriminator = discriminator(random);
        generator.apply(m -> dcganInit(m, random));
        discriminator.apply(m -> dcganInit(m, random));
        BceLoss criterion = new BceLoss();
        Optimizer optimizerD = chosen.create(discriminator.parameters());
        Optimizer optimizerG = chosen.create(generator.parameters());

        Tensor fixedNoise = Tensor.randn(random, BATCH, Z, 1, 1);
        Tensor ones = Tensor.ones(BATCH);
        Tensor zeros = Tensor.zeros(BATCH);
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int every = Math.max(1, steps / 40);
        int step = 0;
        for (int epoch = 1; step < steps; epoch++) {
            for (Batch batch : new DataLoader(images, BATCH, true, true, new Generator(seed * 1_000_003L + epoch))) {
                if (step == steps) {
                    break;
                }
                step++;
                // book:start game
                // (1) The discriminator: maximise log D(x) + log(1 − D(G(z))).
                optimizerD.zeroGrad();
                Tensor lossReal = criterion.forward(discriminator.forward(batch.inputs()).view(-1), ones);
                lossReal.backward();
                Tensor fake = generator.forward(Tensor.randn(random, BATCH, Z, 1, 1));
                Tensor lossFake = criterion.forward(discriminator.forward(fake.detach()).view(-1), zeros);
                lossFake.backward();
                optimizerD.step();

                // (2) The generator: maximise log D(G(z)), i.e. make D call its digits real.
                optimizerG.zeroGrad();
                Tensor lossG = criterion.forward(discriminator.forward(fake).view(-1), ones);
                lossG.backward();
                optimizerG.step();
                // book:end game

                float lossD = lossReal.item() + lossFake.item();
                result.discriminatorLoss().add(lossD);
                result.generatorLoss().add(lossG.item());
                if (step % every == 0 || step == steps) {
                    result.frames().add(sample(generator, fixedNoise).toArray());
                    if (step == steps || step % (every * 10) == 0) {
                        result.scoredSteps().add(step);
                        result.scores().add(judge.score(sample(generator, Tensor.randn(random, SAMPLES, Z, 1, 1))));
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

    /** The generator: z [n, 32, 1, 1] → [128, 4, 4] → [64, 8, 8] → one 8x8 image in [−1, 1]. */
    static Sequential generator(Generator random) {
        return new Sequential(
                new ConvTranspose2d(Z, 2 * WIDTH, 4, 1, 0, 0, false, random), new BatchNorm2d(2 * WIDTH), new ReLU(),
                new ConvTranspose2d(2 * WIDTH, WIDTH, 4, 2, 1, 0, false, random), new BatchNorm2d(WIDTH), new ReLU(),
                new ConvTranspose2d(WIDTH, 1, 3, 1, 1, 0, false, random), new Tanh());
    }

    /** The discriminator: an 8x8 image → [64, 4, 4] → [128, 2, 2] → the probability that it is real. */
    static Sequential discriminator(Generator random) {
        return new Sequential(
                new Conv2d(1, WIDTH, 4, 2, 1, false, random), new LeakyReLU(0.2f),
                new Conv2d(WIDTH, 2 * WIDTH, 4, 2, 1, false, random), new BatchNorm2d(2 * WIDTH), new LeakyReLU(0.2f),
                new Conv2d(2 * WIDTH, 1, 2, 1, 0, false, random), new Sigmoid());
    }

    /** DCGAN's weights_init: convolutions from N(0, 0.02); BatchNorm's scale from N(1, 0.02), its shift 0. */
    static void dcganInit(Module m, Generator random) {
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
