package dev.steepest.nn.data;

import dev.steepest.core.Generator;
import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a {@link Dataset} in batches, as {@code torch.utils.data.DataLoader}: each {@code for} loop
 * over it is one epoch. With {@code shuffle}, every epoch visits the samples in a new order drawn
 * from the seeded generator (Fisher–Yates; the order differs from PyTorch's randperm, but repeats
 * with the seed). With {@code dropLast}, a last batch smaller than batchSize is skipped.
 *
 * <pre>{@code
 * for (Batch b : new DataLoader(train, 32, true, false, new Generator(0))) { ... }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Generator generator;

    /** In order, keeping a short last batch. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, false, null);
    }

    /** @param generator draws the shuffled order; required when {@code shuffle} is true */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, Generator generator) {
        if (dataset == null) {
            throw new IllegalArgumentException("DataLoader: dataset is null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batchSize must be at least 1, got " + batchSize);
        }
        if (shuffle && generator == null) {
            throw new IllegalArgumentException("DataLoader: shuffling needs a Generator (new Generator(seed)), so that runs can be repeated");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.generator = generator;
    }

    /** The number of batches in one epoch. */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> iterator() {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = generator.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        int batches = size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has " + batches + " batches");
                int from = next++ * batchSize, to = Math.min(from + batchSize, n);
                return collate(order, from, to);
            }
        };
    }

    /** Stacks samples order[from..to) into one batch; every sample must have the shapes (and dtypes) of the first. */
    private Batch collate(int[] order, int from, int to) {
        Sample first = dataset.get(order[from]);
        int[] inShape = first.input().shape(), tShape = first.target().shape();
        int count = to - from;
        Tensor[] inputs = new Tensor[count], targets = new Tensor[count];
        for (int k = 0; k < count; k++) {
            Sample s = k == 0 ? first : dataset.get(order[from + k]);
            if (!Arrays.equals(s.input().shape(), inShape) || !Arrays.equals(s.target().shape(), tShape)
                    || s.input().dtype() != first.input().dtype() || s.target().dtype() != first.target().dtype()) {
                throw new IllegalStateException("DataLoader: sample " + order[from + k] + " has shapes " + Arrays.toString(s.input().shape())
                        + " and " + Arrays.toString(s.target().shape()) + " (" + s.input().dtype() + ", " + s.target().dtype() + "), but sample "
                        + order[from] + " has " + Arrays.toString(inShape) + " and " + Arrays.toString(tShape) + " (" + first.input().dtype()
                        + ", " + first.target().dtype() + "); samples in a batch must match");
            }
            inputs[k] = s.input();
            targets[k] = s.target();
        }
        return new Batch(stacked(inputs, prepend(count, inShape)), stacked(targets, prepend(count, tShape)));
    }

    /** The samples' values one after another in {@code shape}, keeping their dtype (int64 class targets stay int64). */
    private static Tensor stacked(Tensor[] samples, int[] shape) {
        int size = samples[0].numel();
        if (samples[0].dtype() == DType.FLOAT32) {
            float[] out = new float[samples.length * size];
            for (int k = 0; k < samples.length; k++) System.arraycopy(samples[k].contiguous().rawData(), 0, out, k * size, size);
            return Tensor.of(out, shape);
        }
        long[] out = new long[samples.length * size];
        for (int k = 0; k < samples.length; k++) System.arraycopy(samples[k].toLongArray(), 0, out, k * size, size);
        return Tensor.of(out, shape).to(samples[0].dtype());
    }

    private static int[] prepend(int n, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
