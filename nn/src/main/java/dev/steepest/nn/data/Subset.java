package dev.steepest.nn.data;

import java.util.Arrays;

/**
 * The samples of another data set at the given indices, in that order, as
 * {@code torch.utils.data.Subset}; {@link RandomSplit} makes them. Nothing is copied: {@code get(i)}
 * reads sample {@code indices[i]} of the underlying data set.
 */
public final class Subset implements Dataset {

    private final Dataset dataset;
    private final int[] indices;

    /** A view of {@code dataset} at {@code indices} (copied), each in [0, dataset.size()). */
    public Subset(Dataset dataset, int[] indices) {
        if (dataset == null || indices == null) {
            throw new IllegalArgumentException("Subset: dataset and indices must not be null");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= dataset.size()) {
                throw new IndexOutOfBoundsException("Subset: index " + indices[i] + " at position " + i + " is out of range for a data set of "
                        + dataset.size() + " samples");
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    /** The data set this is a part of. */
    public Dataset dataset() {
        return dataset;
    }

    /** Which samples of the underlying data set this holds, in order (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample get(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IndexOutOfBoundsException("Subset.get: index " + index + " is out of range for " + indices.length + " samples");
        }
        return dataset.get(indices[index]);
    }

    @Override
    public String toString() {
        return "Subset(" + indices.length + " of " + dataset.size() + " samples"
                + (indices.length <= 8 ? ", indices " + Arrays.toString(indices) : "") + ")";
    }
}
