package dev.steepest.examples.autoencoder;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.ExerciseCheck;

/**
 * Book page 5, a machine-checked exercise: the VAE's KL term, how far the encoder's
 * N(μ, σ²) is from N(0, 1), summed over the batch and the latent numbers:
 * KL = −½ Σ (1 + log σ² − μ² − σ²). In jshell:
 * <pre>{@code
 * System.out.println(KlExercise.check((mu, logVar) -> ...your scalar tensor...));
 * }</pre>
 */
public final class KlExercise {

    /** A learner's answer. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param mu μ, [B, L]
         * @param logVar log σ², [B, L]
         * @return the KL divergence, a scalar; no argument modified
         */
        Tensor kl(Tensor mu, Tensor logVar);
    }

    private KlExercise() {
    }

    /** @return one line: right, or the first case that is wrong and how */
    public static String check(Answer answer) {
        ExerciseCheck check = new ExerciseCheck("vae kl");
        Generator g = new Generator(5);
        int[][] shapes = {{1, 2}, {3, 2}, {8, 8}};
        for (int c = 0; c <= shapes.length; c++) {
            int b = c == 0 ? 2 : shapes[c - 1][0], l = c == 0 ? 2 : shapes[c - 1][1];
            float[] mu = c == 0 ? new float[b * l] : Tensor.randn(g, b, l).toArray();      // case 1: N(0, 1) itself, KL 0
            float[] logVar = c == 0 ? new float[b * l] : Tensor.randn(g, b, l).mul(0.5f).toArray();
            double kl = 0;
            for (int i = 0; i < b * l; i++) {
                kl -= 0.5 * (1 + logVar[i] - mu[i] * mu[i] - Math.exp(logVar[i]));
            }
            check.expect(c == 0 ? "mu 0 and log variance 0, [2, 2]" : "[" + b + ", " + l + "]",
                    () -> answer.kl(Tensor.of(mu, b, l), Tensor.of(logVar, b, l)), new float[] {(float) kl});
        }
        return check.result();
    }
}
