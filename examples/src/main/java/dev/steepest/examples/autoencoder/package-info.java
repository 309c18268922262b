/**
 * An autoencoder (or, with {@code --variational}, a VAE) on the 8x8 digits:
 * {@link dev.steepest.examples.autoencoder.Autoencoder} (the chapter), {@code AutoencoderNet} (the model) and
 * {@code Pca} (the baseline with as many components).
 */
package dev.steepest.examples.autoencoder;
