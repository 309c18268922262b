package dev.steepest.examples.gan;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.ExerciseCheck;

/**
 * Book page 6, a machine-checked exercise: the discriminator's loss, the binary cross-entropy of
 * its verdicts on real digits (label 1) plus that on generated ones (label 0), each averaged over
 * the batch: −mean log D(x) − mean log(1 − D(G(z))). In jshell:
 * <pre>{@code
 * System.out.println(DiscriminatorLossExercise.check((dReal, dFake) -> ...your scalar tensor...));
 * }</pre>
 */
public final class DiscriminatorLossExercise {

    /** A learner's answer. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param dReal D's probabilities that the real digits are real, [B], in (0, 1)
         * @param dFake D's probabilities that the generated digits are real, [B], in (0, 1)
         * @return the loss, a scalar; no argument modified
         */
        Tensor loss(Tensor dReal, Tensor dFake);
    }

    private DiscriminatorLossExercise() {
    }

    /** @return one line: right, or the first case that is wrong and how */
    public static String check(Answer answer) {
        ExerciseCheck check = new ExerciseCheck("gan discriminator loss");
        Generator g = new Generator(6);
        for (int b : new int[] {1, 4, 16, 64}) {
            float[] real = Tensor.rand(g, b).mul(0.9f).add(0.05f).toArray();
            float[] fake = Tensor.rand(g, b).mul(0.9f).add(0.05f).toArray();
            double sum = 0;
            for (int i = 0; i < b; i++) {
                sum -= Math.log(real[i]) / b + Math.log(1 - fake[i]) / b;
            }
            check.expect("batches of " + b, () -> answer.loss(Tensor.of(real, b), Tensor.of(fake, b)), new float[] {(float) sum});
        }
        return check.result();
    }
}
