package dev.steepest.optim;

import dev.steepest.core.Tensor;

/**
 * Re-evaluates the model and returns the loss, for {@link Optimizer#step(Closure)}: it clears the
 * gradients, computes the loss, calls {@code backward()} and returns the loss. Optimizers such as
 * L-BFGS call it several times per step (PyTorch's {@code closure}). It computes the gradients
 * with {@code optimizer.backward(l)}, which is {@code l.backward()} but keeps the graph for an
 * optimizer that reads curvature ({@link Optimizer#needsGraph()}), so one closure serves every optimizer.
 *
 * <pre>{@code
 * float loss = optimizer.step(() -> {
 *     optimizer.zeroGrad();
 *     Tensor l = f(x);
 *     optimizer.backward(l);
 *     return l;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Closure {

    /** Computes the loss (a one-element tensor) and its gradients; called with recording on. */
    Tensor evaluate();
}
