package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Smooth L1 loss, as {@code torch.nn.SmoothL1Loss} (Girshick, Fast R-CNN, 2015; the DQN tutorial's
 * loss): with d = x − t,
 *
 * <pre>
 * ℓ(d) = 0.5·d²/beta      if |d| &lt; beta
 *        |d| − 0.5·beta   otherwise
 * </pre>
 *
 * quadratic near zero, linear beyond, so a large error does not blow the gradient up. beta defaults
 * to 1; beta = 0 is the L1 loss. Both arguments are differentiated. See also {@link HuberLoss}, the
 * same curve scaled by beta.
 */
public class SmoothL1Loss extends Loss {

    private final float beta;
    private final Elementwise.Rule rule;

    /** Mean over elements, beta 1: PyTorch's defaults. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1f);
    }

    /** As {@code nn.SmoothL1Loss(reduction=..., beta=...)}. */
    public SmoothL1Loss(Reduction reduction, float beta) {
        super(reduction);
        if (!(beta >= 0) || !Float.isFinite(beta)) {
            throw new IllegalArgumentException("SmoothL1Loss: beta must be a finite number >= 0, got " + beta);
        }
        this.beta = beta;
        this.rule = new Elementwise.Rule() {
            public float loss(float d) {
                float z = Math.abs(d);
                return z < beta ? 0.5f * z * z / beta : z - 0.5f * beta;
            }

            public float slope(float d) {   // d/beta inside, sign(d) outside (0 at d = 0 when beta = 0)
                return beta > 0 && Math.abs(d) <= beta ? d / beta : Math.signum(d);
            }

            public float curvature(float d) {   // 1/beta inside, 0 outside
                return beta > 0 && Math.abs(d) <= beta ? 1 / beta : 0;
            }
        };
    }

    /** @return where the loss turns from quadratic to linear */
    public float beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Elementwise.loss("SmoothL1Loss", "SmoothL1LossBackward", reduction, input, target, rule);
    }
}
