package dev.steepest.nn.data;

import dev.steepest.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The 1,797 handwritten digits (8x8) shipped with steepest: images [1797, 1, 8, 8] scaled from the
 * raw 0..16 counts to [0, 1], labels [1797] holding 0..9 as int64 (class indices, as CrossEntropyLoss takes them).
 *
 * <p>Source: the test set of "Optical Recognition of Handwritten Digits", E. Alpaydin and C.
 * Kaynak (1998), UCI Machine Learning Repository, CC BY 4.0 (see NOTICE).
 */
public final class Digits {

    static final String RESOURCE = "/dev/steepest/nn/data/digits.csv.gz";

    private Digits() {
    }

    /** Loads the data set from the jar. */
    public static TensorDataset load() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("Digits.load: resource " + RESOURCE + " is missing from the classpath");
            return parse(Csv.read(in, RESOURCE, 0), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TensorDataset parse(List<float[]> rows, String source) throws IOException {
        int n = rows.size();
        float[] images = new float[n * 64], labels = new float[n];
        for (int i = 0; i < n; i++) {
            float[] row = rows.get(i);
            if (row.length != 65) throw new IOException(source + ": row " + (i + 1) + " has " + row.length + " values, expected 64 pixels and a label");
            for (int p = 0; p < 64; p++) {
                if (row[p] < 0 || row[p] > 16) throw new IOException(source + ": row " + (i + 1) + " pixel " + p + " is " + row[p] + ", outside 0..16");
                images[i * 64 + p] = row[p] / 16f;
            }
            if (row[64] != Math.rint(row[64]) || row[64] < 0 || row[64] > 9) {
                throw new IOException(source + ": row " + (i + 1) + " has label " + row[64] + ", expected 0..9");
            }
            labels[i] = row[64];
        }
        return new TensorDataset(Tensor.of(images, n, 1, 8, 8), Tensor.of(labels, n).toLong());
    }
}
