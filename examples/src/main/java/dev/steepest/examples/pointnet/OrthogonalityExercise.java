package dev.steepest.examples.pointnet;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.ExerciseCheck;

/**
 * Book page 3, a machine-checked exercise: the regulariser that keeps the T-Net's 3x3 transform A
 * close to a rotation, ‖I − A·Aᵀ‖² (the squared Frobenius norm: the sum of the squares of all
 * nine entries), averaged over the batch. In jshell:
 * <pre>{@code
 * System.out.println(OrthogonalityExercise.check(transform -> ...your scalar tensor...));
 * }</pre>
 */
public final class OrthogonalityExercise {

    /** A learner's answer. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param transform A, [B, 3, 3]
         * @return the loss, a scalar; no argument modified
         */
        Tensor loss(Tensor transform);
    }

    private OrthogonalityExercise() {
    }

    /** @return one line: right, or the first case that is wrong and how */
    public static String check(Answer answer) {
        ExerciseCheck check = new ExerciseCheck("pointnet orthogonality");
        Generator g = new Generator(3);
        float c = (float) Math.cos(0.3), s = (float) Math.sin(0.3);
        float[] rotation = {c, -s, 0, s, c, 0, 0, 0, 1};
        for (int b : new int[] {1, 2, 5}) {
            float[] a = b == 1 ? rotation : Tensor.randn(g, b, 3, 3).toArray();   // case 1: a rotation, loss 0
            double total = 0;
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double product = 0;                                          // (A·Aᵀ)ᵢⱼ = Σₖ Aᵢₖ Aⱼₖ
                        for (int k = 0; k < 3; k++) product += a[9 * n + 3 * i + k] * a[9 * n + 3 * j + k];
                        double d = (i == j ? 1 : 0) - product;
                        total += d * d;
                    }
                }
            }
            float right = (float) (total / b);
            check.expect(b == 1 ? "one rotation about z" : b + " random transforms", () -> answer.loss(Tensor.of(a, b, 3, 3)),
                    new float[] {right});
        }
        return check.result();
    }
}
