package dev.steepest.nn.data;

import dev.steepest.core.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format MNIST ships in (plain or .gz): a 4-byte magic number (two zero bytes,
 * a type code, the number of dimensions), one big-endian int per dimension, then the values
 * big-endian, row-major. Every field is checked against what the file really holds, and a header
 * that claims more values than the heap can hold is refused before anything is read (a small
 * gzip file can decompress to gigabytes).
 *
 * <pre>{@code
 * TensorDataset train = Idx.mnist(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class Idx {

    private Idx() {
    }

    /** The values of an IDX file as floats, in the file's shape (unsigned bytes become 0..255). */
    public static Tensor read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("Idx.read: file is null");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, file.toString());
        }
    }

    /** Reads from a stream (not closed), gzip-compressed or not; {@code source} names it in messages. */
    public static Tensor read(InputStream raw, String source) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) in = new GZIPInputStream(in);
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) throw new IOException(source + ": has " + magic.length + " bytes, too few for the IDX magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IOException(source + ": does not start with the IDX magic number (two zero bytes), got "
                    + String.format("%02x %02x", magic[0], magic[1]) + "; is it an IDX (MNIST) file?");
        }
        int type = magic[2] & 0xff, rank = magic[3] & 0xff;
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new IOException(source + ": unknown IDX type code 0x" + Integer.toHexString(type)
                    + "; expected 08 (unsigned byte), 09 (byte), 0b (short), 0c (int), 0d (float) or 0e (double)");
        };
        if (rank < 1 || rank > 8) throw new IOException(source + ": has " + rank + " dimensions; expected 1 to 8");
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) throw new IOException(source + ": ends inside its list of " + rank + " dimension sizes");
        int[] shape = new int[rank];
        long count = 1;
        ByteBuffer dims = ByteBuffer.wrap(dimBytes);   // big-endian
        for (int i = 0; i < rank; i++) {
            shape[i] = dims.getInt();
            if (shape[i] < 0) throw new IOException(source + ": dimension " + i + " has negative size " + shape[i]);
            count *= shape[i];
            if (count * width > Integer.MAX_VALUE - 8) {
                throw new IOException(source + ": shape " + Arrays.toString(Arrays.copyOf(shape, i + 1)) + "... is absurdly large");
            }
        }
        checkHeap(source, shape, count);
        // Values go straight into the tensor's array through a small buffer: what a (decompressed) file
        // claims is bounded by the heap above, and what it really holds is read as it comes.
        float[] out = new float[(int) count];
        byte[] chunk = new byte[(1 << 16) / 8 * 8];
        ByteBuffer values = ByteBuffer.wrap(chunk);   // big-endian
        int filled = 0;
        while (filled < out.length) {
            int want = (int) Math.min(chunk.length, (long) (out.length - filled) * width);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new IOException(source + ": shape " + Arrays.toString(shape) + " needs " + count * width + " bytes of data, but the file holds only "
                        + ((long) filled * width + got) + " (truncated?)");
            }
            values.clear();
            for (int end = filled + want / width; filled < end; filled++) {
                out[filled] = switch (type) {
                    case 0x08 -> values.get() & 0xff;
                    case 0x09 -> values.get();
                    case 0x0B -> values.getShort();
                    case 0x0C -> values.getInt();
                    case 0x0D -> values.getFloat();
                    default -> (float) values.getDouble();
                };
            }
        }
        if (in.read() != -1) {
            throw new IOException(source + ": has bytes after the " + count * width + " bytes that shape " + Arrays.toString(shape) + " needs");
        }
        return Tensor.of(out, shape);
    }

    /**
     * Refuses a header that claims more values than the heap can hold, before reading any: a small
     * gzip file can decompress to gigabytes (a "gzip bomb"), and its header says how much up front.
     */
    private static void checkHeap(String source, int[] shape, long count) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long needed = 2 * 4 * count;   // the float array, and the tensor's copy of it
        if (needed > free) {
            throw new IOException(source + ": its header claims shape " + Arrays.toString(shape) + ", " + count + " values that need "
                    + needed / (1 << 20) + " MB as float32, more than the heap can hold (" + free / (1 << 20) + " MB free of "
                    + runtime.maxMemory() / (1 << 20) + " MB); give Java more memory (-Xmx) or use a smaller file");
        }
    }

    /**
     * MNIST-style images and labels: images [N, 1, rows, cols] scaled from 0..255 to [0, 1], labels
     * [N] holding int64 class indices.
     */
    public static TensorDataset mnist(Path images, Path labels) throws IOException {
        Tensor x = read(images), y = read(labels);
        if (x.dim() != 3) {
            throw new IOException(images + ": images must have 3 dimensions [count, rows, cols], got " + Arrays.toString(x.shape()));
        }
        if (y.dim() != 1) {
            throw new IOException(labels + ": labels must have 1 dimension [count], got " + Arrays.toString(y.shape()));
        }
        if (x.size(0) != y.size(0)) {
            throw new IOException(images + " has " + x.size(0) + " images but " + labels + " has " + y.size(0) + " labels");
        }
        return new TensorDataset(x.div(255f).reshape(x.size(0), 1, x.size(1), x.size(2)), y.toLong());
    }
}
