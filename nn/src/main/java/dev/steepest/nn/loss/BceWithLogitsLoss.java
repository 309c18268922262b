package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Binary cross-entropy of logits, BCE(sigmoid(x), t) computed stably as
 * (1 − t)·x + log(1 + exp(−x)), as {@code torch.nn.BCEWithLogitsLoss} (without weight or pos_weight).
 */
public class BceWithLogitsLoss extends Loss {

    /** Averages over the elements, as {@code nn.BCEWithLogitsLoss()}. */
    public BceWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** As {@code nn.BCEWithLogitsLoss(reduction=...)}. */
    public BceWithLogitsLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkSameShape("BceWithLogitsLoss", input, target);
        float[] x = input.contiguous().rawData(), t = target.contiguous().rawData(), l = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double m = Math.max(-x[i], 0);   // PyTorch's max_val keeps exp from overflowing
            l[i] = (float) ((1 - t[i]) * x[i] + m + Math.log(Math.exp(-m) + Math.exp(-x[i] - m)));
        }
        Tensor out = reduction.reduce(l, input.shape(), x.length);
        // dBCE(sigmoid(x), t)/dx = sigmoid(x) − t
        return Tensor.record("BinaryCrossEntropyWithLogitsBackward", out, new Tensor[] {input}, new Tensor[] {input, target}, g -> {
            float[] dx = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = (float) ((1 / (1 + Math.exp(-x[i])) - t[i]) * reduction.upstream(g.rawData(), i, x.length));
            }
            return new Tensor[] {Tensor.of(dx, input.shape())};
        }, g -> new Tensor[] {input.sigmoid().sub(target).mul(reduction.upstream(g, x.length))});   // the same in recorded ops
    }
}
