package dev.steepest.core;

/**
 * The backward rule of an op with several outputs (like {@code unbind}): given the gradient of the
 * loss with respect to each output, null for an output no gradient reached, returns the gradient
 * with respect to each input, as {@link Backward} does for an op with one output.
 */
@FunctionalInterface
interface MultiBackward {
    Tensor[] apply(Tensor[] gradOutputs);
}
