package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * A criterion, as PyTorch's {@code nn.MSELoss()} and friends: {@code forward(output, target)}
 * returns the loss (a scalar unless the reduction is {@link Reduction#NONE}), recorded as one fused
 * operation that prints like {@code tensor(0.4581, grad_fn=<MseLossBackward>)}. Neither argument is
 * modified. The regression losses (MSE, L1, smooth L1, Huber) and KLDivLoss differentiate both
 * arguments, as PyTorch does; the others send gradients to the output (the first argument) only, and
 * their target must not require grad.
 */
public abstract class Loss {

    /** How the per-element losses become the result. */
    protected final Reduction reduction;

    /** @param reduction how the per-element losses become the result */
    protected Loss(Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": reduction is null; use Reduction.MEAN, SUM or NONE");
        }
        if (reduction == Reduction.BATCH_MEAN && !(this instanceof KLDivLoss)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": reduction batchmean is only for KLDivLoss (as in PyTorch);"
                    + " use Reduction.MEAN, SUM or NONE");
        }
        this.reduction = reduction;
    }

    /** The loss of {@code input} (the model's output) against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** @return how the per-element losses become the result */
    public final Reduction reduction() {
        return reduction;
    }

    /** Checks that input and target are present, of one shape, and that the target needs no gradient. */
    static void checkSameShape(String op, Tensor input, Tensor target) {
        checkSameShape(op, input, target, false);
    }

    /** Checks that input and target are present and of one shape; {@code targetGradient}: the target may require grad. */
    static void checkSameShape(String op, Tensor input, Tensor target, boolean targetGradient) {
        if (targetGradient) {
            checkNotNull(op, input, target);
        } else {
            checkPresent(op, input, target);
        }
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": input shape " + Arrays.toString(input.shape()) + " and target shape "
                    + Arrays.toString(target.shape()) + " differ; they must be equal");
        }
    }

    static void checkPresent(String op, Tensor input, Tensor target) {
        checkNotNull(op, input, target);
        if (target.requiresGrad()) {
            throw new IllegalArgumentException(op + ": gradients with respect to the target are not supported; pass target.detach()");
        }
    }

    private static void checkNotNull(String op, Tensor input, Tensor target) {
        if (input == null || target == null) {
            throw new IllegalArgumentException(op + ": input and target must not be null, got " + (input == null ? "null input" : "null target"));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (reduction == Reduction.MEAN ? "" : "reduction=" + reduction) + ")";
    }
}
