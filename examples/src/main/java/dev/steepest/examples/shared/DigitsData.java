package dev.steepest.examples.shared;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.data.Digits;
import dev.steepest.nn.data.Idx;
import dev.steepest.nn.data.TensorDataset;
import dev.steepest.train.command.BadInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code digits} example's data: the bundled 8x8 digits split 80/20 into training and test
 * sets by a seeded shuffle, or MNIST read from IDX files in a folder the user gives.
 *
 * @param train the training images [n, 1, side, side] in [0, 1] and labels [n]
 * @param test the test images and labels
 * @param side the images' height and width
 * @param source what was loaded, for the console
 */
public record DigitsData(TensorDataset train, TensorDataset test, int side, String source) {

    /** The bundled digits, 80 % for training and 20 % for testing, split by a shuffle seeded with {@code seed}. */
    public static DigitsData bundled(long seed) {
        TensorDataset all = Digits.load();
        int n = all.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Generator generator = new Generator(seed);
        for (int i = n - 1; i > 0; i--) {   // Fisher-Yates
            int j = generator.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int trainSize = n * 4 / 5;
        int[] trainRows = java.util.Arrays.copyOfRange(order, 0, trainSize);
        int[] testRows = java.util.Arrays.copyOfRange(order, trainSize, n);
        return new DigitsData(rows(all, trainRows), rows(all, testRows), 8,
                "bundled 8x8 digits (Alpaydin & Kaynak, UCI, CC BY 4.0): " + trainSize + " for training, " + (n - trainSize)
                        + " for testing, split with seed " + seed);
    }

    /**
     * MNIST from {@code folder}: train-images-idx3-ubyte, train-labels-idx1-ubyte,
     * t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each possibly gzipped (.gz).
     *
     * @throws BadInput when a file is missing or is not a valid IDX file
     */
    public static DigitsData mnist(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInput("digits: --data " + folder + " is not a folder; give the folder holding MNIST's IDX files "
                    + "(train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)");
        }
        try {
            TensorDataset train = Idx.mnist(find(folder, "train-images-idx3-ubyte"), find(folder, "train-labels-idx1-ubyte"));
            TensorDataset test = Idx.mnist(find(folder, "t10k-images-idx3-ubyte"), find(folder, "t10k-labels-idx1-ubyte"));
            Tensor trainImages = train.inputs(), trainLabels = train.targets();
            Tensor testImages = test.inputs(), testLabels = test.targets();
            int side = trainImages.size(2);
            if (trainImages.size(0) != trainLabels.size(0) || testImages.size(0) != testLabels.size(0)) {
                throw new BadInput("digits: MNIST in " + folder + " has " + trainImages.size(0) + " training images but "
                        + trainLabels.size(0) + " labels, or " + testImages.size(0) + " test images but " + testLabels.size(0)
                        + " labels; the files do not belong together");
            }
            if (side != trainImages.size(3) || side % 4 != 0 || testImages.size(2) != side || testImages.size(3) != side) {
                throw new BadInput("digits: MNIST images in " + folder + " must be square with a side that is a multiple of 4, "
                        + "the same for training and test; got " + java.util.Arrays.toString(trainImages.shape()) + " and "
                        + java.util.Arrays.toString(testImages.shape()));
            }
            return new DigitsData(train, test, side,
                    "MNIST from " + folder + ": " + trainImages.size(0) + " for training, " + testImages.size(0) + " for testing");
        } catch (IOException e) {
            throw new BadInput("digits: " + e.getMessage(), e);
        }
    }

    private static Path find(Path folder, String name) {
        for (String candidate : new String[] {name, name + ".gz", name.replace("-idx", ".idx"), name.replace("-idx", ".idx") + ".gz"}) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new BadInput("digits: " + folder + " has no " + name + " (or " + name + ".gz); --data needs MNIST's four IDX files "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte");
    }

    private static TensorDataset rows(TensorDataset all, int[] rows) {
        float[] images = all.inputs().toArray();
        float[] labels = all.targets().toArray();
        int[] shape = all.inputs().shape();
        int per = images.length / shape[0];
        float[] x = new float[rows.length * per];
        float[] y = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(images, rows[r] * per, x, r * per, per);
            y[r] = labels[rows[r]];
        }
        int[] newShape = shape.clone();
        newShape[0] = rows.length;
        return new TensorDataset(Tensor.of(x, newShape), Tensor.of(y, rows.length).toLong());
    }
}
