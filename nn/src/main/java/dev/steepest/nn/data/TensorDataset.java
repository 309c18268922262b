package dev.steepest.nn.data;

import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * Samples made of rows of two tensors with the same first dimension, as
 * {@code torch.utils.data.TensorDataset(inputs, targets)}: sample i is (inputs[i], targets[i]).
 */
public final class TensorDataset implements Dataset {

    private final Tensor inputs;
    private final Tensor targets;

    /** Pairs row i of {@code inputs} with row i of {@code targets}, as {@code TensorDataset(x, y)}. */
    public TensorDataset(Tensor inputs, Tensor targets) {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException("TensorDataset: inputs and targets must not be null");
        }
        if (inputs.dim() == 0 || targets.dim() == 0 || inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("TensorDataset: inputs " + Arrays.toString(inputs.shape()) + " and targets "
                    + Arrays.toString(targets.shape()) + " must have the same size in their first dimension");
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    /** All inputs, [size, …]. */
    public Tensor inputs() {
        return inputs;
    }

    /** All targets, [size, …]. */
    public Tensor targets() {
        return targets;
    }

    @Override
    public int size() {
        return inputs.size(0);
    }

    @Override
    public Sample get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("TensorDataset.get: index " + index + " is out of range for " + size() + " samples");
        }
        return new Sample(inputs.select(0, index), targets.select(0, index));
    }

    @Override
    public String toString() {
        return "TensorDataset(" + size() + " samples, inputs " + Arrays.toString(inputs.shape()) + ", targets " + Arrays.toString(targets.shape()) + ")";
    }
}
