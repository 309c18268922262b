package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Module#stateDict()} holds detached tensors that share the parameters' storage, as PyTorch's
 * {@code state_dict()}: an EMA of the weights computed out of place builds no graph, and an
 * in-place write into an entry changes the parameter. PyTorch's values: the fixture's
 * {@code state_dict_ema} case ({@code scripts/fixtures/core_semantics.py}).
 */
class StateDictTest {

    private static final Fixtures.Case EMA = Fixtures.load("/fixtures/nn_semantics.json").get("state_dict_ema");

    private static Linear linear() {
        Linear linear = new Linear(3, 2);
        linear.loadStateDict(Map.of("weight", Tensor.of(new float[] {0f, .1f, .2f, .3f, .4f, .5f}, 2, 3),
                "bias", Tensor.of(new float[] {.5f, -.5f}, 2)), true);
        return linear;
    }

    @Test
    void anEntryIsADetachedLeafThatDoesNotRequireGrad() {
        Tensor w = linear().stateDict().get("weight");
        assertEquals(EMA.bool("entry_requires_grad"), w.requiresGrad(), "requires grad");
        assertEquals(EMA.bool("entry_is_leaf"), w.isLeaf(), "is a leaf");
        assertNull(w.gradFn());
    }

    @Test
    void anOutOfPlaceEmaOfTheWeightsBuildsNoGraphAndFollowsEveryStep() {
        Linear linear = linear();
        Tensor ema = linear.stateDict().get("weight").mul(1f);
        for (int step = 0; step < 3; step++) {
            try (var off = Autograd.noGrad()) {
                linear.weight().add_(0.1f);   // the optimizer's step
            }
            Tensor w = linear.stateDict().get("weight");
            ema = ema.mul(0.99f).add(w.mul(0.01f));
        }
        assertEquals(EMA.bool("ema_requires_grad"), ema.requiresGrad(), "the EMA requires grad (was: true, a graph growing each step)");
        assertNull(ema.gradFn(), "the EMA has no grad_fn");
        TensorAssert.assertClose(EMA.tensor("ema"), ema, 1e-6, 1e-7, "the EMA");
        TensorAssert.assertClose(EMA.tensor("weight"), linear.weight(), 1e-6, 1e-7, "the weight");
    }

    @Test
    void anInPlaceWriteIntoAnEntryChangesTheParameter() {
        Linear linear = linear();
        Tensor bias = linear.stateDict().get("bias");
        int version = linear.bias().version();
        bias.fill_(5f);   // outside noGrad: the entry does not require grad (was: an error)
        TensorAssert.assertClose(EMA.tensor("bias"), linear.bias(), 0, 0, "the parameter");
        assertEquals(version + 1, linear.bias().version(), "the entry and the parameter share one version counter");
        assertEquals(true, EMA.bool("shares_storage"));
    }
}
