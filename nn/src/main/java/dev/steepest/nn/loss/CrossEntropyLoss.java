package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * Cross-entropy of logits [batch, classes] against class indices, as {@code torch.nn.CrossEntropyLoss}:
 * logSoftmax over the classes followed by {@link NllLoss}, so the graph ends in
 * {@code NllLossBackward} after {@code LogSoftmaxBackward}, as in PyTorch. Takes the same class
 * weights, reductions and ignore index as NllLoss.
 */
public class CrossEntropyLoss extends NllLoss {

    /** Averages over the batch, as {@code nn.CrossEntropyLoss()}. */
    public CrossEntropyLoss() {
        super();
    }

    /** As {@code nn.CrossEntropyLoss(reduction=...)}. */
    public CrossEntropyLoss(Reduction reduction) {
        super(reduction);
    }

    /** @param weight one weight per class, or null for all ones */
    public CrossEntropyLoss(Tensor weight, Reduction reduction) {
        super(weight, reduction);
    }

    /** As {@code nn.CrossEntropyLoss(weight, reduction=..., ignore_index=...)}; weight may be null. */
    public CrossEntropyLoss(Tensor weight, Reduction reduction, int ignoreIndex) {
        super(weight, reduction, ignoreIndex);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        if (input != null && input.dim() != 2) {
            return nll("CrossEntropyLoss", input, target);   // reports the shape problem
        }
        return nll("CrossEntropyLoss", input == null ? null : input.logSoftmax(1), target);
    }
}
