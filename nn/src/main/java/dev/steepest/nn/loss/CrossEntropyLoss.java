package dev.steepest.nn.loss;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy of logits [batch, classes], as {@code torch.nn.CrossEntropyLoss}, against either
 * <ul>
 *   <li>class indices [batch]: logSoftmax over the classes followed by {@link NllLoss}, so the graph
 *       ends in {@code NllLossBackward} after {@code LogSoftmaxBackward}, as in PyTorch; with the
 *       same class weights, reductions and ignore index as NllLoss; or</li>
 *   <li>class probabilities [batch, classes] (the input's shape, each row summing to 1, e.g. soft
 *       labels or mixup): ℓᵢ = −Σ_c w_c·p_ic·log softmax(x)_ic; the mean divides by the batch size
 *       (not by the weights), and the ignore index does not apply, both as in PyTorch.</li>
 * </ul>
 * With {@code labelSmoothing} ε (PyTorch's {@code label_smoothing}), the target becomes
 * (1 − ε)·target + ε/C: for probabilities the target is mixed so; for indices the loss is PyTorch
 * 1.13's (1 − ε)·nll + ε/C·smooth, where smooth_i = −Σ_c w_c·log softmax(x)_ic (zero for an ignored
 * target) and its mean divides by the same Σ w[yᵢ] as the nll's. Only the logits get a gradient.
 */
public class CrossEntropyLoss extends NllLoss {

    private final Tensor weight;
    private final int ignoreIndex;
    private final float labelSmoothing;

    /** Averages over the batch, as {@code nn.CrossEntropyLoss()}. */
    public CrossEntropyLoss() {
        this(null, Reduction.MEAN);
    }

    /** As {@code nn.CrossEntropyLoss(reduction=...)}. */
    public CrossEntropyLoss(Reduction reduction) {
        this(null, reduction);
    }

    /** @param weight one weight per class, or null for all ones */
    public CrossEntropyLoss(Tensor weight, Reduction reduction) {
        this(weight, reduction, DEFAULT_IGNORE_INDEX);
    }

    /** As {@code nn.CrossEntropyLoss(weight, reduction=..., ignore_index=...)}; weight may be null. */
    public CrossEntropyLoss(Tensor weight, Reduction reduction, int ignoreIndex) {
        this(weight, reduction, ignoreIndex, 0f);
    }

    /** As {@code nn.CrossEntropyLoss(label_smoothing=...)}: averages over the batch, no weights. */
    public CrossEntropyLoss(float labelSmoothing) {
        this(null, Reduction.MEAN, DEFAULT_IGNORE_INDEX, labelSmoothing);
    }

    /**
     * As {@code nn.CrossEntropyLoss(weight, reduction=..., ignore_index=..., label_smoothing=...)};
     * weight may be null, labelSmoothing is in [0, 1] (0: none).
     */
    public CrossEntropyLoss(Tensor weight, Reduction reduction, int ignoreIndex, float labelSmoothing) {
        super(weight, reduction, ignoreIndex);
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("CrossEntropyLoss: labelSmoothing must be in [0, 1] (0 for none), got " + labelSmoothing);
        }
        this.weight = weight == null ? null : weight.detach();
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    /** @return PyTorch's label_smoothing: the share ε of the target spread evenly over the classes */
    public float labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        if (input == null || input.dim() != 2) {
            return nll("CrossEntropyLoss", input, target);   // reports the problem
        }
        if (target != null && target.dtype() == DType.FLOAT32 && target.dim() == 2) {
            return probabilities(input, target);   // a float target holds probabilities, as PyTorch reads it
        }
        Tensor logp = input.logSoftmax(1);
        Tensor nll = nll("CrossEntropyLoss", logp, target);
        return labelSmoothing == 0f ? nll : nll.mul(1 - labelSmoothing).add(smoothing(logp, target).mul(labelSmoothing / input.size(1)));
    }

    /** ℓᵢ = −Σ_c w_c·p_ic·log softmax(x)_ic, the target p mixed with the uniform distribution by ε. */
    private Tensor probabilities(Tensor input, Tensor target) {
        checkPresent("CrossEntropyLoss", input, target);
        int n = input.size(0), c = input.size(1);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("CrossEntropyLoss: a target of class probabilities must have the input's shape "
                    + Arrays.toString(input.shape()) + ", got " + Arrays.toString(target.shape()) + "; for class indices pass a 1-D target of "
                    + n + " values");
        }
        if (weight != null && weight.numel() != c) {
            throw new IllegalArgumentException("CrossEntropyLoss: weight has " + weight.numel() + " values but the input has " + c + " classes");
        }
        Tensor p = labelSmoothing == 0f ? target : target.mul(1 - labelSmoothing).add(labelSmoothing / c);
        Tensor weighted = weight == null ? p : p.mul(weight.view(1, c));
        Tensor perSample = input.logSoftmax(1).mul(weighted).sum(1).neg();    // ℓᵢ = −Σ_c w_c p_ic log q_ic
        switch (reduction) {
            case NONE: return perSample;
            case SUM: return perSample.sum();
            default: return perSample.sum().div(n);                            // PyTorch: over the batch size, weights or not
        }
    }

    /** smooth_i = −Σ_c w_c·log q_ic, 0 where the target is ignored; reduced as the nll is. */
    private Tensor smoothing(Tensor logp, Tensor target) {
        int n = logp.size(0), c = logp.size(1);
        long[] t = target.toLongArray();
        float[] kept = new float[n];
        double divisor = 0;
        for (int i = 0; i < n; i++) {
            if ((int) t[i] == ignoreIndex) continue;
            kept[i] = 1f;
            divisor += weight == null ? 1 : weight.contiguous().rawData()[(int) t[i]];   // nll() has checked the index
        }
        Tensor perClass = weight == null ? logp : logp.mul(weight.view(1, c));
        Tensor perSample = perClass.sum(1).neg().mul(Tensor.of(kept, n));
        switch (reduction) {
            case NONE: return perSample;
            case SUM: return perSample.sum();
            default: return perSample.sum().div((float) divisor);
        }
    }

    @Override
    public String toString() {
        String base = super.toString();
        return labelSmoothing == 0f ? base
                : base.substring(0, base.length() - 1) + (base.endsWith("()") ? "" : ", ") + "label_smoothing="
                        + dev.steepest.core.PythonRepr.of(Double.parseDouble(Float.toString(labelSmoothing))) + ")";
    }
}
