package dev.steepest.examples.dqn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.shared.ExerciseCheck;

/**
 * Book page 7, a machine-checked exercise: the target of the Q-learning update, r + γ·max over a′
 * of Q′(s′, a′), with no future value after the last step of an episode. In jshell:
 * <pre>{@code
 * System.out.println(TargetExercise.check((rewards, nextQ, notTerminal, gamma) -> ...your tensor...));
 * }</pre>
 * The cases are seeded batches; each answer is compared with the formula worked out in plain Java.
 */
public final class TargetExercise {

    /** A learner's answer. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param rewards r, [B]
         * @param nextQ the target network's Q′(s′, ·), [B, 2]
         * @param notTerminal a bool mask, true where the episode goes on after the step, false where it ended, [B]
         * @param gamma the discount γ
         * @return the targets, [B]; no argument modified
         */
        Tensor target(Tensor rewards, Tensor nextQ, Tensor notTerminal, float gamma);
    }

    private TargetExercise() {
    }

    /** @return one line: right, or the first case that is wrong and how */
    public static String check(Answer answer) {
        ExerciseCheck check = new ExerciseCheck("dqn target");
        Generator g = new Generator(7);
        float[] gammas = {0.99f, 0.5f, 0f, 0.9f};
        for (int c = 0; c < gammas.length; c++) {
            int b = 2 + 3 * c;
            float gamma = gammas[c];
            float[] r = Tensor.rand(g, b).toArray();
            float[] q = Tensor.randn(g, b, 2).toArray();
            boolean[] alive = new boolean[b];
            float[] right = new float[b];
            for (int i = 0; i < b; i++) {
                alive[i] = i % 2 == 0;
                right[i] = r[i] + (alive[i] ? gamma * Math.max(q[2 * i], q[2 * i + 1]) : 0f);
            }
            check.expect("batch of " + b + ", gamma " + gamma + ", every second transition the last of its episode",
                    () -> answer.target(Tensor.of(r, b), Tensor.of(q, b, 2), Tensor.of(alive, b), gamma), right, b);
        }
        return check.result();
    }
}
