package dev.steepest.coursework.exercise;

import dev.steepest.core.Tensor;

/**
 * An op assignment: a student writes one op of {@link Catalog#OPS} (softplus, logsumexp, max over points), its forward
 * and its backward rule together, recorded with {@link Tensor#record} under the name the catalog gives
 * ({@code SoftplusBackward}, …). The grader checks the values against PyTorch 1.13 and the rule with a gradient check
 * ({@link ExerciseCheck#op}). Registered with {@code @AutoService(OpExercise.class)}; {@code templates/op-exercise} is a
 * project to start from.
 *
 * <pre>{@code
 * public Tensor forward(Tensor... inputs) {
 *     Tensor x = inputs[0];
 *     Tensor y = ...;                                          // computed from x, not recorded
 *     return Tensor.record("SoftplusBackward", y, new Tensor[] {x}, new Tensor[] {x},
 *             g -> new Tensor[] {g.mul(x.sigmoid())});            // d softplus(x)/dx = sigmoid(x)
 * }
 * }</pre>
 */
public interface OpExercise {

    /** @return which op of {@link Catalog#OPS} this is, e.g. {@code "softplus"} */
    String op();

    /**
     * The op's forward; the result is recorded with {@link Tensor#record} so that {@code backward()} runs the rule
     * written here. The inputs are not modified.
     *
     * @param inputs the op's inputs, as many and shaped as the catalog says
     * @return a new tensor
     */
    Tensor forward(Tensor... inputs);
}
