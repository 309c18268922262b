package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** exp(x) / Σ exp(x) along a dimension, as {@code torch.nn.Softmax(dim)}. */
public class Softmax extends Module {

    private final int dim;

    /** As {@code nn.Softmax(dim)}. */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
