package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Mean squared error, (x − t)², as {@code torch.nn.MSELoss}; the seed's loss. Both arguments are
 * differentiated, so the target may come from the network too.
 */
public class MseLoss extends Loss {

    /** (x − t)², its slope 2(x − t) and curvature 2. */
    private static final Elementwise.Rule SQUARE = new Elementwise.Rule() {
        public float loss(float d) { return d * d; }
        public float slope(float d) { return 2 * d; }
        public float curvature(float d) { return 2; }
    };

    /** Averages over the elements, as {@code nn.MSELoss()}. */
    public MseLoss() {
        this(Reduction.MEAN);
    }

    /** As {@code nn.MSELoss(reduction=...)}. */
    public MseLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Elementwise.loss("MseLoss", "MseLossBackward", reduction, input, target, SQUARE);
    }
}
