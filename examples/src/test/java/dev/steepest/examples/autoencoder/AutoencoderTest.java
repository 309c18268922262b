package dev.steepest.examples.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.examples.Launch;
import dev.steepest.examples.shared.DigitsData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autoencoder example: it learns more than the mean image, and its PCA baseline is a real PCA. */
class AutoencoderTest {
    @TempDir
    Path dir;

    private static double field(String line, String key) {
        return Double.parseDouble(line.replaceAll(".*\\b" + key + "=([0-9.]+).*", "$1"));
    }

    /** @return the test error of predicting every test image by the training set's mean image */
    private static double meanImageError() {
        DigitsData data = DigitsData.bundled(0);
        Tensor train = data.train().inputs().reshape(data.train().size(), 64);
        Tensor test = data.test().inputs().reshape(data.test().size(), 64);
        return test.sub(train.mean(0, true)).square().mean().item();
    }

    @Test
    void aShortRunReconstructsTestDigitsFarBetterThanTheMeanImage() throws Exception {
        Launch.Result r = Launch.inProcess(Map.of(), "autoencoder", "--latent", "8", "--epochs", "15", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        String summary = r.line("autoencoder: ");
        assertTrue(summary.startsWith("autoencoder: optimizer=adam seed=0 latent=8 variational=false test_mse="), summary);
        double error = field(summary, "test_mse");
        double mean = meanImageError();
        assertTrue(error < 0.5 * mean, "autoencoder " + error + " against the mean image's " + mean);
        assertTrue(Files.size(dir.resolve("autoencoder-reconstructions.png")) > 0);
        assertTrue(r.out().contains("PCA with 8 components: test error "), r.out());
    }

    @Test
    void theVariationalAutoencoderAlsoBeatsTheMeanImageAndDrawsFromThePrior() throws Exception {
        Launch.Result r = Launch.inProcess(Map.of(), "autoencoder", "--latent", "2", "--variational", "--epochs", "15",
                "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        double error = field(r.line("autoencoder: "), "test_mse");
        assertTrue(error < 0.8 * meanImageError(), "VAE " + error);
        assertTrue(Files.size(dir.resolve("autoencoder-vae-sweep.png")) > 0);
        assertTrue(Files.size(dir.resolve("autoencoder-vae-samples.png")) > 0);
    }

    @Test
    void pcaWithEveryComponentRebuildsTheImagesAndMoreComponentsNeverHurt() {
        DigitsData data = DigitsData.bundled(1);
        Tensor train = data.train().inputs().reshape(data.train().size(), 64);
        Tensor test = data.test().inputs().reshape(data.test().size(), 64);
        assertEquals(0.0, Autoencoder.mse(Pca.fit(train, 64).reconstruct(test), test), 1e-9);
        double previous = Double.POSITIVE_INFINITY;
        for (int k : new int[] {1, 2, 4, 8, 16, 32}) {
            double error = Autoencoder.mse(Pca.fit(train, k).reconstruct(train), train);
            assertTrue(error < previous, k + " components: " + error + " after " + previous);
            previous = error;
        }
    }

    @Test
    void pcaCodesAreUncorrelatedAndOrderedByVariance() {
        DigitsData data = DigitsData.bundled(2);
        Tensor train = data.train().inputs().reshape(data.train().size(), 64);
        float[] codes = Pca.fit(train, 3).encode(train).toArray();
        int n = train.size(0);
        double[][] covariance = new double[3][3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    covariance[a][b] += codes[i * 3 + a] * codes[i * 3 + b] / (n - 1);
                }
            }
        }
        assertTrue(covariance[0][0] > covariance[1][1] && covariance[1][1] > covariance[2][2]);
        assertEquals(0, covariance[0][1], 1e-4 * covariance[0][0]);
        assertEquals(0, covariance[1][2], 1e-4 * covariance[0][0]);
    }

    @Test
    void aLatentSizeThatDoesNotExistIsRefusedWithOneLine() {
        Launch.Result r = Launch.inProcess(Map.of(), "autoencoder", "--latent", "0", "--out", dir.toString());
        assertEquals(2, r.status());
        assertEquals("autoencoder: --latent must be an integer in [1, 64], got '0'.", r.err().strip());
        Launch.Result flag = Launch.inProcess(Map.of(), "autoencoder", "--variational=yes", "--out", dir.toString());
        assertEquals(2, flag.status());
        assertEquals("autoencoder: --variational is a switch: give --variational alone (or --variational=false), not 'yes'.",
                flag.err().strip());
    }
}
