package dev.steepest.core;

/**
 * The backward rule of one operation: given the gradient of the loss with respect to the
 * operation's output, returns the gradient with respect to each input, in the order the inputs
 * were given to {@link Tensor#record}. An entry may be {@code null} for an input that needs no
 * gradient. The returned tensors must have the inputs' shapes; the engine adds them into the
 * inputs' gradients, so a rule never accumulates by itself.
 */
@FunctionalInterface
public interface Backward {
    /** @return the gradients of the inputs, given the gradient of the output */
    Tensor[] apply(Tensor gradOutput);
}
