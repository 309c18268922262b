package dev.steepest.nn.data;

import dev.steepest.core.Tensor;

/** A batch from a {@link DataLoader}: inputs [batch, …] and targets [batch, …], stacked along a new first dimension. */
public record Batch(Tensor inputs, Tensor targets) {

    /** How many samples the batch holds. */
    public int size() {
        return inputs.size(0);
    }
}
