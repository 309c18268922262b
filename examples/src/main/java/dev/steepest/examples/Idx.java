package dev.steepest.examples;

import dev.steepest.core.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST's IDX files (http://yann.lecun.com/exdb/mnist/): a big-endian header, a magic
 * number giving the element type and the number of dimensions, the sizes, then unsigned bytes.
 * Every size is checked before anything is allocated; gzipped files (.gz) are read as they are.
 */
final class Idx {
    private static final int IMAGES = 0x00000803;
    private static final int LABELS = 0x00000801;
    private static final long MAX_ELEMENTS = 200_000_000L;

    private Idx() {
    }

    /** @return the images as [n, 1, rows, cols] floats in [0, 1] */
    static Tensor images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES) {
                throw new IOException(file + " is not an IDX image file: magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x803 (unsigned bytes, 3 dimensions)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            long count = (long) n * rows * cols;
            if (n <= 0 || rows <= 0 || cols <= 0 || count > MAX_ELEMENTS) {
                throw new IOException(file + ": implausible image sizes " + n + " x " + rows + " x " + cols);
            }
            checkSize(file, 16 + count);
            float[] data = read(in, (int) count, file);
            for (int i = 0; i < data.length; i++) {
                data[i] /= 255f;
            }
            return Tensor.of(data, n, 1, rows, cols);
        }
    }

    /** @return the labels as [n] floats */
    static Tensor labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS) {
                throw new IOException(file + " is not an IDX label file: magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x801 (unsigned bytes, 1 dimension)");
            }
            int n = in.readInt();
            if (n <= 0 || n > MAX_ELEMENTS) {
                throw new IOException(file + ": implausible label count " + n);
            }
            checkSize(file, 8L + n);
            float[] labels = read(in, n, file);
            for (int i = 0; i < n; i++) {
                if (labels[i] > 9) {
                    throw new IOException(file + ": label " + i + " is " + (int) labels[i] + ", expected 0..9");
                }
            }
            return Tensor.of(labels, n);
        }
    }

    /** An uncompressed file must be as long as its header says, checked before allocating. */
    private static void checkSize(Path file, long expected) throws IOException {
        if (!file.toString().endsWith(".gz") && Files.size(file) < expected) {
            throw new IOException(file + " is truncated: its header promises " + expected + " bytes, the file has " + Files.size(file));
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    private static float[] read(DataInputStream in, int count, Path file) throws IOException {
        byte[] bytes = new byte[count];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: its header promises " + count + " values", e);
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }
}
