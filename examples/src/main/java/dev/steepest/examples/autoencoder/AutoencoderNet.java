package dev.steepest.examples.autoencoder;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.Sigmoid;

/**
 * The {@code autoencoder} example's network for 8x8 digits flattened to 64 pixels: an encoder
 * 64 → 128 → 64 → k and a mirrored decoder k → 64 → 128 → 64 ending in a sigmoid (pixels are in
 * [0, 1]). As a variational autoencoder the encoder gives 2k numbers, the mean μ and the log-variance
 * log σ² of the code's Gaussian. In jshell: {@code new AutoencoderNet(2, false, new Generator(0)).encode(Tensor.zeros(1, 64))}
 * gives a code of [1, 2].
 */
public final class AutoencoderNet extends Module {
    final int latent;
    final boolean variational;
    final Sequential encoder;
    final Sequential decoder;

    /**
     * @param latent k, the code's size
     * @param variational whether the encoder gives a mean and a log-variance per code number
     * @param generator draws the initial weights
     */
    public AutoencoderNet(int latent, boolean variational, Generator generator) {
        this.latent = latent;
        this.variational = variational;
        encoder = registerModule("encoder", new Sequential(
                new Linear(64, 128, /* bias */ true, generator), new ReLU(),
                new Linear(128, 64, /* bias */ true, generator), new ReLU(),
                new Linear(64, variational ? 2 * latent : latent, /* bias */ true, generator)));
        decoder = registerModule("decoder", new Sequential(
                new Linear(latent, 64, /* bias */ true, generator), new ReLU(),
                new Linear(64, 128, /* bias */ true, generator), new ReLU(),
                new Linear(128, 64, /* bias */ true, generator), new Sigmoid()));
    }

    /** @return the code of each image, [n, k]: the mean μ for a variational autoencoder */
    public Tensor encode(Tensor images) {
        Tensor h = encoder.forward(images);
        return variational ? h.narrow(1, 0, latent) : h;
    }

    /** @return images decoded from codes, [n, 64] */
    public Tensor decode(Tensor codes) {
        return decoder.forward(codes);
    }

    /** @return the reconstruction of each image through its code (the mean code for a variational autoencoder) */
    @Override
    public Tensor forward(Tensor images) {
        return decode(encode(images));
    }
}
