package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** Joins dimensions startDim..endDim into one, as {@code torch.nn.Flatten} (by default all but the batch dimension). */
public class Flatten extends Module {

    private final int startDim;
    private final int endDim;

    /** Flattens dimensions 1..-1, as {@code nn.Flatten()}. */
    public Flatten() {
        this(1, -1);
    }

    /** As {@code nn.Flatten(start_dim, end_dim)}. */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
