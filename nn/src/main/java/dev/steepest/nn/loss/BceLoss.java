package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Binary cross-entropy of probabilities, −(t·log p + (1 − t)·log(1 − p)), as {@code torch.nn.BCELoss}.
 * Like PyTorch, each log is clamped at −100 so that p = 0 or 1 gives a finite loss. The input must
 * hold probabilities (apply sigmoid first, or use {@link BceWithLogitsLoss}).
 */
public class BceLoss extends Loss {

    /** PyTorch's floor under (1 − p)·p in the gradient. */
    private static final double EPSILON = 1e-12;

    /** Averages over the elements, as {@code nn.BCELoss()}. */
    public BceLoss() {
        this(Reduction.MEAN);
    }

    /** As {@code nn.BCELoss(reduction=...)}. */
    public BceLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkSameShape("BceLoss", input, target);
        float[] p = input.contiguous().rawData(), t = target.contiguous().rawData(), l = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("BceLoss: all elements of input should be between 0 and 1, got " + p[i]
                        + " at position " + i + "; apply sigmoid() first or use BceWithLogitsLoss");
            }
            double logP = Math.max(Math.log(p[i]), -100), log1mP = Math.max(Math.log1p(-p[i]), -100);
            l[i] = (float) -(t[i] * logP + (1 - t[i]) * log1mP);
        }
        Tensor out = reduction.reduce(l, input.shape(), p.length);
        // dBCE/dp = (p − t) / ((1 − p)·p)
        return Tensor.record("BinaryCrossEntropyBackward", out, new Tensor[] {input}, new Tensor[] {input, target}, g -> {
            float[] dx = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                dx[i] = (float) (reduction.upstream(g.rawData(), i, p.length) * (p[i] - t[i]) / Math.max((1.0 - p[i]) * p[i], EPSILON));
            }
            return new Tensor[] {Tensor.of(dx, input.shape())};
        }, g -> {
            // the same in recorded ops: (p − t) / max((1 − p)·p, ε)
            Tensor slope = input.sub(target).div(input.neg().add(1f).mul(input).clamp((float) EPSILON, Float.POSITIVE_INFINITY));
            return new Tensor[] {slope.mul(reduction.upstream(g, p.length))};
        });
    }
}
