package dev.steepest.nn.loss;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * CrossEntropyLoss with class probabilities and with label smoothing against PyTorch 1.13
 * (scripts/fixtures/nn_module_api.py): the loss and the gradient of sum(loss·gy) to the logits, for
 * every reduction, with and without class weights and ignored targets.
 */
class CrossEntropyTargetsTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_module_api.json");

    private static void check(String name) {
        Fixtures.Case c = FIXTURES.get(name);
        Tensor weight = c.has("weight") ? c.tensor("weight") : null;
        CrossEntropyLoss loss = new CrossEntropyLoss(weight, Reduction.of(c.string("reduction")), (int) c.number("ignore_index"),
                (float) c.number("label_smoothing"));
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor target = c.tensor("target");   // float32 in the fixture: class indices are made int64, as PyTorch's were
        Tensor out = loss.forward(x, target.dim() == 1 ? target.toLong() : target);
        assertClose(c.tensor("loss"), out, 1e-5, 1e-6, name + " loss");
        out.mul(c.tensor("gy")).sum().backward();
        assertClose(c.tensor("grad"), x.grad(), 1e-5, 1e-6, name + " gradient");
    }

    @Test
    void classProbabilitiesMatchPyTorchForEveryReductionWeightAndSmoothing() {
        for (String name : new String[] {"ce_probs_mean", "ce_probs_sum", "ce_probs_none", "ce_probs_weight_mean", "ce_probs_smoothing_mean",
                "ce_probs_weight_smoothing_none"}) {
            check(name);
        }
    }

    @Test
    void labelSmoothingOfClassIndicesMatchesPyTorchWithWeightsAndIgnoredTargets() {
        for (String name : new String[] {"ce_smoothing_mean", "ce_smoothing_sum", "ce_smoothing_none", "ce_smoothing_weight_mean",
                "ce_smoothing_ignored_mean", "ce_smoothing_weight_ignored_mean", "ce_smoothing_ignored_none", "ce_smoothing_one"}) {
            check(name);
        }
    }

    @Test
    void badProbabilitiesAndSmoothingAreRefusedWithWhatIsRight() {
        assertEquals("CrossEntropyLoss: labelSmoothing must be in [0, 1] (0 for none), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(1.5f)).getMessage());
        assertEquals("CrossEntropyLoss: a target of class probabilities must have the input's shape [4, 3], got [4, 2]; for class"
                        + " indices pass a 1-D target of 4 values",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(Tensor.zeros(4, 3), Tensor.zeros(4, 2)))
                        .getMessage());
        assertEquals("CrossEntropyLoss(label_smoothing=0.1)", new CrossEntropyLoss(0.1f).toString());
    }
}
