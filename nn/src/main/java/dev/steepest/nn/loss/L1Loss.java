package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Mean absolute error, |x − t|, as {@code torch.nn.L1Loss}. Both arguments are differentiated; the
 * slope is sign(x − t), 0 where x = t.
 */
public class L1Loss extends Loss {

    private static final Elementwise.Rule ABSOLUTE = new Elementwise.Rule() {
        public float loss(float d) { return Math.abs(d); }
        public float slope(float d) { return Math.signum(d); }
        public float curvature(float d) { return 0; }
    };

    /** Averages over the elements, as {@code nn.L1Loss()}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** As {@code nn.L1Loss(reduction=...)}. */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Elementwise.loss("L1Loss", "L1LossBackward", reduction, input, target, ABSOLUTE);
    }
}
