package dev.steepest.nn.data;

import dev.steepest.core.Tensor;

/** One example of a {@link Dataset}: an input and its target (a label index held as a float, or any tensor). */
public record Sample(Tensor input, Tensor target) {
    public Sample {
        if (input == null || target == null) {
            throw new IllegalArgumentException("Sample: input and target must not be null");
        }
    }
}
