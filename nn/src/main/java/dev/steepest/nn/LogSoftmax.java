package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** x − log Σ exp(x) along a dimension (numerically stable), as {@code torch.nn.LogSoftmax(dim)}. */
public class LogSoftmax extends Module {

    private final int dim;

    /** As {@code nn.LogSoftmax(dim)}. */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
