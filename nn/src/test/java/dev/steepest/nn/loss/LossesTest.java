package dev.steepest.nn.loss;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every loss against PyTorch: value, gradient and grad_fn name, for each reduction (scripts/fixtures/nn_layers.py). */
class LossesTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_losses.json");

    private static void check(String name, Function<Reduction, Loss> make) {
        Fixtures.Case c = FIXTURES.get(name);
        Loss loss = make.apply(Reduction.of(c.string("reduction")));
        Tensor x = c.tensor("x").requiresGrad(true);
        Tensor target = c.tensor("target");   // float32 in the fixture: NLL's and cross-entropy's class indices are made int64
        Tensor out = loss.forward(x, loss instanceof NllLoss && target.dim() == 1 ? target.toLong() : target);
        assertClose(c.tensor("out"), out, 1e-5, 1e-5, name + " value");
        if (!name.startsWith("l1_")) {
            assertEquals(c.string("grad_fn"), out.gradFn(), name + " grad_fn");
        } else {
            assertEquals("L1LossBackward", out.gradFn(), "PyTorch 1.13 composes l1_loss; older versions, like the seed's, fused it");
        }
        out.backward(c.tensor("gy"));
        assertClose(c.tensor("dx"), x.grad(), 1e-4, 1e-6, name + " gradient");
    }

    private static void eachReduction(String prefix, Function<Reduction, Loss> make) {
        for (String r : new String[] {"mean", "sum", "none"}) check(prefix + r, make);
    }

    @Test
    void mseLossMatchesPyTorch() {
        eachReduction("mse_", MseLoss::new);
    }

    @Test
    void l1LossMatchesPyTorch() {
        eachReduction("l1_", L1Loss::new);
    }

    @Test
    void bceLossMatchesPyTorchIncludingTheClampAtMinus100() {
        eachReduction("bce_", BceLoss::new);
        check("bce_saturated", BceLoss::new);
    }

    @Test
    void bceWithLogitsLossMatchesPyTorchForLargeLogits() {
        eachReduction("bce_with_logits_", BceWithLogitsLoss::new);
        check("bce_with_logits_large", BceWithLogitsLoss::new);
    }

    @Test
    void nllAndCrossEntropyMatchPyTorch() {
        eachReduction("nll_", NllLoss::new);
        eachReduction("cross_entropy_", CrossEntropyLoss::new);
        check("cross_entropy_single", CrossEntropyLoss::new);
    }

    @Test
    void classWeightsGivePyTorchsWeightedMean() {
        Tensor w = FIXTURES.get("nll_weighted_mean").tensor("weight");
        eachReduction("nll_weighted_", r -> new NllLoss(w, r));
        eachReduction("cross_entropy_weighted_", r -> new CrossEntropyLoss(w, r));
    }

    @Test
    void lossesPrintTheirGradFnLikeTheSeed() {
        Tensor a = Tensor.of(new float[] {0, 1, 0, 1}, 1, 4).requiresGrad(true);
        Tensor out = new MseLoss().forward(a, Tensor.of(new float[] {0, 2, 0, 2}, 1, 4));
        assertEquals("tensor(0.5000, grad_fn=<MseLossBackward>)", out.toString());
        Tensor ce = new CrossEntropyLoss().forward(Tensor.zeros(1, 4).requiresGrad(true), new int[] {1});
        assertEquals("tensor(1.3863, grad_fn=<NllLossBackward>)", ce.toString());
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
        assertEquals("MseLoss(reduction=sum)", new MseLoss(Reduction.SUM).toString());
    }

    @Test
    void ignoredTargetsAddNothing() {
        Tensor logits = Tensor.of(new float[] {1, 2, 3, 4, 0, 1}, 2, 3);
        Tensor both = new CrossEntropyLoss().forward(logits, new int[] {2, -100});
        Tensor first = new CrossEntropyLoss().forward(logits.narrow(0, 0, 1), new int[] {2});
        assertEquals(first.item(), both.item(), 1e-6);
    }

    @Test
    void badTargetsAreReportedWithTheirValues() {
        Tensor logits = Tensor.zeros(2, 3);
        assertEquals("CrossEntropyLoss: target 3 at position 1 is not a class index in [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(logits, new int[] {0, 3})).getMessage());
        assertEquals("CrossEntropyLoss: expects one class index per row, a target of shape [2], got [3]",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(logits, new int[] {0, 1, 2})).getMessage());
        assertEquals("NllLoss: target must be int64 class indices, got float32 (shape [2]); use target.toLong()",
                assertThrows(IllegalArgumentException.class, () -> new NllLoss().forward(logits, Tensor.vector(0.5f, 1))).getMessage());
        assertEquals("CrossEntropyLoss: target must be int64 class indices, got float32 (shape [2]); use target.toLong(), or for class"
                + " probabilities a float32 target of the input's shape [2, 3]",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(logits, Tensor.vector(0f, 1f))).getMessage());
        assertEquals("CrossEntropyLoss: weight has 2 values but the input has 3 classes",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(Tensor.ones(2), Reduction.MEAN).forward(logits, new int[] {0, 1})).getMessage());
        assertEquals("MseLoss: input shape [2, 3] and target shape [3, 2] differ; they must be equal",
                assertThrows(IllegalArgumentException.class, () -> new MseLoss().forward(logits, Tensor.zeros(3, 2))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BceLoss().forward(Tensor.vector(1.5f), Tensor.vector(1f)))
                .getMessage().startsWith("BceLoss: all elements of input should be between 0 and 1, got 1.5 at position 0"));
        assertEquals("reduction: 'avg' is not a valid reduction; use mean, sum or none (or batchmean for KLDivLoss)",
                assertThrows(IllegalArgumentException.class, () -> Reduction.of("avg")).getMessage());
    }
}
