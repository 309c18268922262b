package dev.steepest.nn.loss;

import dev.steepest.core.Generator;
import dev.steepest.core.GradCheck;
import dev.steepest.core.Tensor;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Second derivatives of the losses (issue 22), checked as torch.autograd.gradgradcheck does
 * ({@link GradCheck#checkSecondOrder}): MSE, Huber and smooth L1 in each reduction and with a target
 * that requires grad, BCE, BCE with logits, NLL, cross-entropy with indices and with probabilities, KL
 * divergence (a target as probabilities or log-probabilities, differentiated too), and an MLP under
 * cross-entropy. Their values against PyTorch are in core's SecondOrderParityTest and here in
 * SecondOrderModelsParityTest.
 */
class SecondOrderLossesTest {

    private final Generator gen = new Generator(1618);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    private Tensor probabilities(int... shape) {
        return Tensor.rand(gen, shape).mul(0.8f).add(0.1f).detach().requiresGrad(true);
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertSecondOrder(f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> losses() {
        Tensor classes = Tensor.longs(2, 0, 1);
        Tensor soft = Tensor.rand(gen, 3, 4).softmax(1);
        Tensor bits = Tensor.rand(gen, 2, 3).gt(0.5f).toFloat();   // a comparison gives bool; BCE takes float targets, as in PyTorch
        Tensor target4 = Tensor.randn(gen, 4), target5 = Tensor.randn(gen, 5);
        return Stream.of(
                check("MSE of a square (mean)", x -> new MseLoss().forward(x[0].pow(2f), x[1]), randn(2, 3), randn(2, 3)),
                check("MSE sum, tanh input", x -> new MseLoss(Reduction.SUM).forward(x[0].tanh(), target4), randn(4)),
                check("MSE none", x -> new MseLoss(Reduction.NONE).forward(x[0].pow(3f), x[1]), randn(3), randn(3)),
                check("Huber (both pieces) of a product", x -> new HuberLoss(Reduction.MEAN, 0.5f).forward(x[0].mul(x[1]), x[1]),
                        randn(6), randn(6)),
                check("smooth L1 sum of a square", x -> new SmoothL1Loss(Reduction.SUM, 1f).forward(x[0].pow(2f), target5), randn(5)),
                check("BCE of sigmoid", x -> new BceLoss().forward(x[0].sigmoid(), bits), randn(2, 3)),
                check("BCE of probabilities (sum)", x -> new BceLoss(Reduction.SUM).forward(x[0], bits), probabilities(2, 3)),
                check("NLL of logSoftmax of a product", x -> new NllLoss().forward(x[0].mul(x[1]).logSoftmax(1), classes),
                        randn(3, 4), randn(3, 4)),
                check("cross-entropy with indices", x -> new CrossEntropyLoss().forward(x[0], classes), randn(3, 4)),
                check("cross-entropy with indices, none", x -> new CrossEntropyLoss(Reduction.NONE).forward(x[0].pow(2f), classes), randn(3, 4)),
                check("cross-entropy with probabilities", x -> new CrossEntropyLoss().forward(x[0], soft), randn(3, 4)),
                check("an MLP under cross-entropy", x -> new CrossEntropyLoss().forward(
                        x[0].linear(x[1], x[2]).relu().linear(x[3], x[4]), classes),
                        Tensor.randn(gen, 3, 4), randn(5, 4), randn(5), randn(4, 5), randn(4)),
                check("BCE with logits (mean)", x -> new BceWithLogitsLoss().forward(x[0], bits), randn(2, 3)),
                check("BCE with logits of a product, none", x -> new BceWithLogitsLoss(Reduction.NONE).forward(x[0].mul(x[1]), bits),
                        randn(2, 3), randn(2, 3)),
                check("BCE with logits sum, soft targets", x -> new BceWithLogitsLoss(Reduction.SUM).forward(x[0].pow(2f), soft),
                        randn(3, 4)),
                check("KL divergence batchmean, both arguments", x -> new KLDivLoss(Reduction.BATCH_MEAN).forward(x[0].logSoftmax(1), x[1]),
                        randn(3, 4), probabilities(3, 4)),
                check("KL divergence mean of a square", x -> new KLDivLoss().forward(x[0].pow(2f).neg(), soft), randn(3, 4)),
                check("KL divergence with a log target, sum", x -> new KLDivLoss(Reduction.SUM, true).forward(x[0], x[1]),
                        randn(2, 3), randn(2, 3)),
                check("KL divergence with a log target, none", x -> new KLDivLoss(Reduction.NONE, true).forward(x[0].tanh(), x[1]),
                        randn(5), randn(5)));
    }
}
