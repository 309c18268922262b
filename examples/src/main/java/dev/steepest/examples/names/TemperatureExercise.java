package dev.steepest.examples.names;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.ExerciseCheck;

/**
 * Book page 4, a machine-checked exercise: the probabilities the next letter is drawn from, the
 * softmax of the scores divided by the temperature T, pᵢ = exp(sᵢ / T) / Σⱼ exp(sⱼ / T). In jshell:
 * <pre>{@code
 * System.out.println(TemperatureExercise.check((scores, t) -> ...your tensor...));
 * }</pre>
 */
public final class TemperatureExercise {

    /** A learner's answer. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param scores the model's scores of the 27 tokens, [27]
         * @param temperature T, positive
         * @return the probabilities, [27], summing to 1; no argument modified
         */
        Tensor probabilities(Tensor scores, float temperature);
    }

    private TemperatureExercise() {
    }

    /** @return one line: right, or the first case that is wrong and how */
    public static String check(Answer answer) {
        ExerciseCheck check = new ExerciseCheck("names temperature");
        Generator g = new Generator(4);
        for (float t : new float[] {1f, 0.5f, 2f, 0.1f}) {
            float[] scores = Tensor.randn(g, NamesData.VOCABULARY).mul(3f).toArray();
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (float s : scores) max = Math.max(max, s / t);
            double[] e = new double[scores.length];
            for (int i = 0; i < scores.length; i++) sum += e[i] = Math.exp(scores[i] / t - max);
            float[] right = new float[scores.length];
            for (int i = 0; i < scores.length; i++) right[i] = (float) (e[i] / sum);
            check.expect("27 scores, temperature " + t, () -> answer.probabilities(Tensor.of(scores, scores.length), t), right,
                    NamesData.VOCABULARY);
        }
        return check.result();
    }
}
