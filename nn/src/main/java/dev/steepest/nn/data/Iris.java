package dev.steepest.nn.data;

import dev.steepest.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Fisher's iris flowers shipped with steepest: features [150, 4] (sepal length, sepal width, petal
 * length, petal width, in cm) and int64 labels [150] holding 0..2, for {@link #CLASS_NAMES}.
 *
 * <p>Source: R. A. Fisher (1936), UCI Machine Learning Repository, CC BY 4.0 (see NOTICE).
 */
public final class Iris {

    /** The class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("setosa", "versicolor", "virginica");

    static final String RESOURCE = "/dev/steepest/nn/data/iris.csv";

    private Iris() {
    }

    /** Loads the data set from the jar. */
    public static TensorDataset load() {
        try (InputStream header = open(); InputStream in = open()) {
            String first = Csv.firstLine(header, RESOURCE);
            if (!first.equals("150,4," + String.join(",", CLASS_NAMES))) {
                throw new IOException(RESOURCE + ": unexpected header '" + first + "'");
            }
            List<float[]> rows = Csv.read(in, RESOURCE, 1);
            if (rows.size() != 150) throw new IOException(RESOURCE + ": has " + rows.size() + " rows, expected 150");
            float[] features = new float[150 * 4], labels = new float[150];
            for (int i = 0; i < 150; i++) {
                float[] row = rows.get(i);
                if (row.length != 5 || row[4] < 0 || row[4] > 2 || row[4] != Math.rint(row[4])) {
                    throw new IOException(RESOURCE + ": row " + (i + 2) + " is " + Arrays.toString(row) + ", expected 4 features and a label 0..2");
                }
                System.arraycopy(row, 0, features, i * 4, 4);
                labels[i] = row[4];
            }
            return new TensorDataset(Tensor.of(features, 150, 4), Tensor.of(labels, 150).toLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open() {
        InputStream in = Iris.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException("Iris.load: resource " + RESOURCE + " is missing from the classpath");
        return in;
    }
}
