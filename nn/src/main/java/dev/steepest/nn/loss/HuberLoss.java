package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Huber loss (Huber, 1964), as {@code torch.nn.HuberLoss}: with d = x − t,
 *
 * <pre>
 * ℓ(d) = 0.5·d²                  if |d| &lt; delta
 *        delta·(|d| − 0.5·delta)   otherwise
 * </pre>
 *
 * that is, delta times {@link SmoothL1Loss} with beta = delta. delta defaults to 1 and must be
 * positive. Both arguments are differentiated.
 */
public class HuberLoss extends Loss {

    private final float delta;
    private final Elementwise.Rule rule;

    /** Mean over elements, delta 1: PyTorch's defaults. */
    public HuberLoss() {
        this(Reduction.MEAN, 1f);
    }

    /** As {@code nn.HuberLoss(reduction=..., delta=...)}. */
    public HuberLoss(Reduction reduction, float delta) {
        super(reduction);
        if (!(delta > 0) || !Float.isFinite(delta)) {
            throw new IllegalArgumentException("HuberLoss: delta must be a finite number > 0, got " + delta);
        }
        this.delta = delta;
        this.rule = new Elementwise.Rule() {
            public float loss(float d) {
                float z = Math.abs(d);
                return z < delta ? 0.5f * z * z : delta * (z - 0.5f * delta);
            }

            public float slope(float d) {   // d inside, ±delta outside
                return d < -delta ? -delta : d > delta ? delta : d;
            }

            public float curvature(float d) {   // 1 inside (where the slope is d), 0 outside
                return d < -delta || d > delta ? 0 : 1;
            }
        };
    }

    /** @return where the loss turns from quadratic to linear */
    public float delta() {
        return delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Elementwise.loss("HuberLoss", "HuberLossBackward", reduction, input, target, rule);
    }
}
