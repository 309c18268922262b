package dev.steepest.nn.loss;

import dev.steepest.core.GradCheck;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The losses that differentiate both arguments, against central differences ({@link GradCheck}):
 * the gradients to input and target together. Differences are kept away from the kinks (0 for L1,
 * ±beta and ±delta for smooth L1 and Huber) by more than GradCheck's eps.
 */
class LossGradCheckTest {

    private final Generator gen = new Generator(161803);

    /** Pairs whose differences have a magnitude in [0.1, 0.4], [0.6, 0.9], [1.2, 1.5] or [1.8, 2.1]: clear of the kinks at 0, 0.5, 1 and 2.5. */
    private Tensor[] pair(int... shape) {
        Tensor x = Tensor.randn(gen, shape), t = Tensor.zeros(shape);
        float[] xd = x.rawData(), td = t.rawData();
        for (int i = 0; i < xd.length; i++) {
            float magnitude = i % 2 == 0 ? gen.uniform(0.1f, 0.4f) : gen.uniform(0.6f, 0.9f) + (i % 3) * 0.6f;
            td[i] = xd[i] - (gen.nextFloat() < 0.5f ? -magnitude : magnitude);
        }
        return new Tensor[] {x.requiresGrad(true), t.requiresGrad(true)};
    }

    private static DynamicTest check(String name, Loss loss, Tensor[] inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertGradients(x -> loss.forward(x[0], x[1]), inputs));
    }

    @TestFactory
    Stream<DynamicTest> regressionLossesDifferentiateInputAndTarget() {
        return Stream.of(
                check("mse mean", new MseLoss(), pair(3, 4)),
                check("l1 sum", new L1Loss(Reduction.SUM), pair(3, 4)),
                check("smooth l1 mean, beta 1", new SmoothL1Loss(), pair(3, 4)),
                check("smooth l1 sum, beta 0.5", new SmoothL1Loss(Reduction.SUM, 0.5f), pair(2, 5)),
                check("huber mean, delta 1", new HuberLoss(), pair(3, 4)),
                check("huber sum, delta 2.5", new HuberLoss(Reduction.SUM, 2.5f), pair(2, 5)));
    }

    @TestFactory
    Stream<DynamicTest> klDivergenceDifferentiatesInputAndTarget() {
        Tensor logp = Tensor.randn(gen, 3, 5).logSoftmax(1).detach().requiresGrad(true);
        Tensor p = Tensor.randn(gen, 3, 5).softmax(1).detach().requiresGrad(true);
        Tensor logq = Tensor.randn(gen, 3, 5).logSoftmax(1).detach().requiresGrad(true);
        return Stream.of(
                check("kl_div batchmean", new KLDivLoss(Reduction.BATCH_MEAN, false), new Tensor[] {logp, p}),
                check("kl_div sum", new KLDivLoss(Reduction.SUM, false), new Tensor[] {logp, p}),
                check("kl_div mean, log target", new KLDivLoss(Reduction.MEAN, true), new Tensor[] {logp, logq}));
    }
}
