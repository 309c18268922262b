package dev.steepest.examples.autoencoder;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.DigitsData;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.data.TensorDataset;
import dev.steepest.nn.loss.BceLoss;
import dev.steepest.nn.loss.MseLoss;
import dev.steepest.nn.loss.Reduction;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import dev.steepest.train.plot.Colors;
import dev.steepest.train.plot.DigitGrid;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.Plot;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An autoencoder squeezes the 8x8 digits through a code of {@code --latent N} numbers
 * ({@link AutoencoderNet}, 64-128-64-k and back) and is compared with the classical answer, PCA
 * with as many components, fitted on the same training images. Both are scored by the mean squared
 * error per pixel on the test images. Training stops early: 10 % of the training images are held
 * out, and the weights with the lowest error on them are kept (patience {@code --patience} epochs).
 * Default optimizer {@code adam} with {@code lr 1e-3}, batches of 32.
 *
 * <p>{@code --variational} trains a variational autoencoder instead: the encoder gives a Gaussian
 * per image, a code is drawn from it with the reparameterisation z = μ + σ·ε, and the loss adds the
 * KL divergence from the prior N(0, I) to the reconstruction's binary cross-entropy; new digits
 * are decoded from codes drawn from the prior.
 */
public final class Autoencoder implements Command {
    static final int BATCH = 32;

    private static final Option LATENT = Option.integer("--latent", "N", 2, 1, 64, "size of the code the 64 pixels are squeezed into");
    private static final Option EPOCHS = Option.integer("--epochs", "N", 1000, 1, 100_000, "the most epochs to train");
    private static final Option PATIENCE = Option.integer("--patience", "N", 30, 1, 100_000,
            "stop after this many epochs without a lower validation error");
    private static final Option SEED = Option.integer("--seed", "S", 0, 0, Integer.MAX_VALUE, "seeds the split, the weights and the shuffles");

    /** What training gave: the best weights' validation error, and how many epochs ran. */
    record Result(float validationError, int bestEpoch, int epochs) {
    }

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public String summary() {
        return "an autoencoder (or --variational VAE) on 8x8 digits against PCA with as many components (default adam lr 1e-3)";
    }

    @Override
    public List<String> options() {
        return List.of(LATENT.declared(), "--variational  a VAE: the code is a sampled Gaussian, its KL term added to the loss",
                EPOCHS.declared(), PATIENCE.declared(), SEED.declared());
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        int latent = run.args().integer(LATENT);
        boolean variational = run.args().flag("--variational");
        int epochs = run.args().integer(EPOCHS);
        int patience = run.args().integer(PATIENCE);
        int seed = run.args().integer(SEED);
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adam", Map.of("lr", 1e-3));
        run.output();

        // Data: the digits as rows of 64 pixels; 10 % of the training rows are held out for early stopping.
        DigitsData data = DigitsData.bundled(seed);
        out.println(data.source());
        Tensor all = flat(data.train().inputs());
        int validationSize = all.size(0) / 10;
        Tensor train = all.narrow(0, 0, all.size(0) - validationSize);
        Tensor validation = all.narrow(0, all.size(0) - validationSize, validationSize);
        Tensor test = flat(data.test().inputs());

        // The baseline: PCA with as many components as the code has numbers.
        Pca pca = Pca.fit(train, latent);
        float pcaError = mse(pca.reconstruct(test), test);
        out.printf(Locale.ROOT, "PCA with %d components: test error %.4f per pixel%n", latent, pcaError);

        // Model and optimizer.
        AutoencoderNet net = new AutoencoderNet(latent, variational, new Generator(seed));
        Optimizer optimizer = chosen.create(net.parameters());
        Result result = train(net, optimizer, train, validation, epochs, patience, seed, run.progress(name(), epochs));
        out.printf(Locale.ROOT, "stopped after epoch %d; the best validation error was at epoch %d%n", result.epochs(), result.bestEpoch());

        float error;
        try (var off = Autograd.noGrad()) {
            error = mse(net.forward(test), test);
        }
        out.printf(Locale.ROOT, "%s with a code of %d: test error %.4f per pixel, %.2f x PCA's%n",
                variational ? "variational autoencoder" : "autoencoder", latent, error, error / pcaError);
        writePictures(run, net, pca, data.test(), test, seed);
        out.printf(Locale.ROOT, "autoencoder: optimizer=%s seed=%d latent=%d variational=%s test_mse=%.4f pca_mse=%.4f ratio=%.2f%n",
                chosen.name(), seed, latent, variational, error, pcaError, error / pcaError);
    }

    /**
     * Trains until the validation error has not improved for {@code patience} epochs, then puts the
     * best weights back.
     */
    static Result train(AutoencoderNet net, Optimizer optimizer, Tensor train, Tensor validation, int epochs, int patience,
                        long seed, ProgressBar bar) {
        MseLoss mse = new MseLoss();
        BceLoss bce = new BceLoss(Reduction.SUM);
        Generator noise = new Generator(seed + 1);
        Map<String, Tensor> best = net.stateDict();
        float bestError = Float.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < epochs && epoch - bestEpoch < patience) {
            epoch++;
            DataLoader loader = new DataLoader(new TensorDataset(train, train), BATCH, /* shuffle */ true, /* dropLast */ false,
                    new Generator(seed * 1_000_003L + epoch));
            for (Batch batch : loader) {
                Tensor x = batch.inputs();
                Tensor loss;
                if (!net.variational) {
                    loss = mse.forward(net.forward(x), x);                           // ‖x̂ − x‖² per pixel
                } else {
                    // book:start vae
                    Tensor h = net.encoder.forward(x);
                    Tensor mu = h.narrow(1, 0, net.latent);
                    Tensor logVar = h.narrow(1, net.latent, net.latent);
                    Tensor epsilon = Tensor.randn(noise, mu.shape());
                    Tensor z = mu.add(logVar.mul(0.5f).exp().mul(epsilon));           // z = μ + σ·ε
                    Tensor reconstruction = bce.forward(net.decode(z), x);
                    Tensor kl = logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum().mul(-0.5f);   // KL(N(μ, σ²) ‖ N(0, 1))
                    loss = reconstruction.add(kl).div(x.size(0));                     // per image
                }
                    // book:end vae
                optimizer.zeroGrad();
                optimizer.backward(loss);
                optimizer.step();
            }
            float error;
            try (var off = Autograd.noGrad()) {
                error = mse(net.forward(validation), validation);
            }
            if (error < bestError) {
                bestError = error;
                bestEpoch = epoch;
                best = copy(net.stateDict());
            }
            bar.advance(1, String.format(Locale.ROOT, "validation %.4f (best %.4f at epoch %d)", error, bestError, bestEpoch));
        }
        bar.finish(String.format(Locale.ROOT, "best validation %.4f at epoch %d", bestError, bestEpoch));
        net.loadStateDict(best, true);
        return new Result(bestError, bestEpoch, epoch);
    }

    /** @return the mean squared error per pixel between two [n, 64] tensors */
    static float mse(Tensor reconstruction, Tensor images) {
        return reconstruction.sub(images).square().mean().item();
    }

    private static Tensor flat(Tensor images) {
        return images.reshape(images.size(0), images.numel() / images.size(0));
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> copy = new java.util.LinkedHashMap<>();
        state.forEach((k, v) -> copy.put(k, Tensor.zerosLike(v).copy_(v)));   // each in its own dtype
        return copy;
    }

    private static void writePictures(Run run, AutoencoderNet net, Pca pca, TensorDataset testSet, Tensor test, long seed)
            throws java.io.IOException {
        // Originals beside reconstructions: the first test image of each digit.
        float[] labels = testSet.targets().toArray();
        int[] rows = new int[10];
        java.util.Arrays.fill(rows, -1);
        for (int i = 0; i < labels.length; i++) {
            int digit = (int) labels[i];
            if (rows[digit] < 0) {
                rows[digit] = i;
            }
        }
        float[] originals = new float[10 * 64];
        float[] x = test.toArray();
        for (int d = 0; d < 10; d++) {
            System.arraycopy(x, Math.max(0, rows[d]) * 64, originals, d * 64, 64);
        }
        Tensor chosen = Tensor.of(originals, 10, 64);
        float[] grid = new float[30 * 64];
        System.arraycopy(originals, 0, grid, 0, 640);
        try (var off = Autograd.noGrad()) {
            System.arraycopy(net.forward(chosen).toArray(), 0, grid, 640, 640);
        }
        System.arraycopy(pca.reconstruct(chosen).toArray(), 0, grid, 1280, 640);
        BufferedImage digits = DigitGrid.of(grid, 8, 3, 10, 6);
        BufferedImage image = Pictures.blank(digits.getWidth() + 130, digits.getHeight());
        Graphics2D g = Pictures.graphics(image);
        g.drawImage(digits, 130, 0, null);
        g.setColor(Color.BLACK);
        String[] names = {"original", net.variational ? "VAE" : "autoencoder", "PCA"};
        for (int r = 0; r < 3; r++) {
            g.drawString(names[r], 8, 6 + r * 54 + 30);
        }
        g.dispose();
        run.output().write("autoencoder-reconstructions.png", stream -> Pictures.png(image, stream));

        if (net.latent == 2) {
            Plot latent = new Plot((net.variational ? "VAE" : "autoencoder") + ": the test digits' codes", "z1", "z2");
            float[] codes;
            try (var off = Autograd.noGrad()) {
                codes = net.encode(test).toArray();
            }
            for (int digit = 0; digit < 10; digit++) {
                List<Double> zx = new java.util.ArrayList<>();
                List<Double> zy = new java.util.ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if ((int) labels[i] == digit) {
                        zx.add((double) codes[2 * i]);
                        zy.add((double) codes[2 * i + 1]);
                    }
                }
                latent.points(Integer.toString(digit), Colors.series(digit), Colors.marker(digit),
                        zx.stream().mapToDouble(Double::doubleValue).toArray(), zy.stream().mapToDouble(Double::doubleValue).toArray());
            }
            run.output().write("autoencoder-latent.png", stream -> latent.png(stream, 620, 560));
        }
        if (net.variational) {
            // Decoded from a sweep of the first two code numbers over the prior's 5 %..95 % quantiles (the rest 0).
            int side = 15;
            float[] codes = new float[side * side * net.latent];
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    codes[(i * side + j) * net.latent] = (float) normalQuantile(0.05 + 0.9 * j / (side - 1));
                    if (net.latent > 1) {
                        codes[(i * side + j) * net.latent + 1] = (float) normalQuantile(0.95 - 0.9 * i / (side - 1));
                    }
                }
            }
            float[] sweep;
            float[] samples;
            try (var off = Autograd.noGrad()) {
                sweep = net.decode(Tensor.of(codes, side * side, net.latent)).toArray();
                samples = net.decode(Tensor.randn(new Generator(seed + 2), 100, net.latent)).toArray();   // z ~ N(0, I)
            }
            run.output().write("autoencoder-vae-sweep.png", stream -> Pictures.png(DigitGrid.of(sweep, 8, side, side, 4), stream));
            run.output().write("autoencoder-vae-samples.png", stream -> Pictures.png(DigitGrid.of(samples, 8, 10, 10, 4), stream));
        }
    }

    /** @return the standard normal's quantile at p (Acklam's rational approximation, relative error below 1.2e-9) */
    static double normalQuantile(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
