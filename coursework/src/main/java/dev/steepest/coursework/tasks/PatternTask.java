package dev.steepest.coursework.tasks;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.OptimizerChoice;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The graded pattern classifier, the seed's program: {@code Conv2d(1, 4, 4, bias=false)} learns
 * pattern A (two vertical bars) from pattern B (a frame), two epochs of one sample per step over
 * brightness 0..19, with CrossEntropyLoss; then pattern A of brightness 999999999 must come out as
 * class 0. Trained from many seeds, the share of correct runs is the grade's pattern figure.
 *
 * <p>The same program as the examples' {@code pattern} chapter, kept here as the grader's own; the
 * examples' tests check that both classify alike from the same seeds.
 */
public final class PatternTask {
    private PatternTask() {
    }

    /** @return -Doptimizer's choice over the seed's {@code SGD(lr=0.001, momentum=0.9)}: another optimizer keeps lr 0.001 */
    public static OptimizerChoice settings() {
        return OptimizerChoice.fromSystemProperties("sgd", Map.of("lr", 0.001, "momentum", 0.9));
    }

    /**
     * Trains the seed's net from one seed.
     *
     * @param seed the seed of the weights, as torch.manual_seed(seed)
     * @param chosen the optimizer
     * @return whether the trained net classifies the test input correctly (never when its scores are NaN)
     */
    public static boolean correct(int seed, OptimizerChoice chosen) {
        return correct(seed, chosen::create);
    }

    /**
     * The same with the optimizer made by {@code make} over the net's parameters (the grader's
     * optimizer, whose steps run in a submission's own JVM).
     */
    public static boolean correct(int seed, Function<List<Tensor>, Optimizer> make) {
        Conv2d conv = new Conv2d(1, 4, 4, 1, 0, false, new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer = make.apply(conv.parameters());
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int k = 0; k < 40; k++) {
                Tensor input = k < 20 ? patternA(k) : patternB(k - 20);
                Tensor label = Tensor.longs(k < 20 ? 0 : 1);
                optimizer.step(() -> {
                    optimizer.zeroGrad();
                    Tensor loss = criterion.forward(conv.forward(input).view(1, 4), label);
                    optimizer.backward(loss);
                    return loss;
                });
            }
        }
        try (var off = Autograd.noGrad()) {
            Tensor scores = conv.forward(patternA(999_999_999)).view(1, 4);
            for (float score : scores.toArray()) {
                if (!Float.isFinite(score)) {
                    return false;
                }
            }
            return scores.argmax(1, false).item() == 0f;
        }
    }

    private static Tensor patternA(float i) {
        return Tensor.of(new float[] {0, i, 0, i, 0, i, 0, i, 0, i, 0, i, 0, i, 0, i}, 1, 1, 4, 4);
    }

    private static Tensor patternB(float i) {
        return Tensor.of(new float[] {i, i, i, i, 0, i, 0, i, 0, i, 0, i, i, i, i, i}, 1, 1, 4, 4);
    }
}
