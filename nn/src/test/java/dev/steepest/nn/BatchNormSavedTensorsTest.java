package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm's backward saves the input and the weight it reads, not the bias: changing the bias in
 * place between forward and backward is no error, changing the weight is, as in PyTorch (the
 * fixture's {@code saved_batchnorm_*} cases, {@code scripts/fixtures/core_semantics.py}).
 */
class BatchNormSavedTensorsTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_semantics.json");

    private static void replay(String param) {
        Fixtures.Case c = FIXTURES.get("saved_batchnorm_then_" + param + "_add_");
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor x = c.tensor("x").requiresGrad(true);
        Tensor out = bn.forward(x);
        try (var off = Autograd.noGrad()) {
            bn.stateDict().get(param).add_(1f);
        }
        Runnable backward = () -> out.mul(c.tensor("w")).sum().backward();
        if (c.bool("error")) {
            String message = assertThrows(IllegalStateException.class, backward::run).getMessage();
            assertTrue(message.startsWith("backward: a tensor of shape [3] needed by NativeBatchNormBackward was modified"), message);
        } else {
            backward.run();
            TensorAssert.assertClose(c.tensor("grad"), x.grad(), 1e-5, 1e-6, "the input's gradient");
        }
    }

    @Test
    void changingTheBiasAfterForwardIsNoError() {
        replay("bias");   // was: a version error, since the bias was saved
    }

    @Test
    void changingTheWeightAfterForwardIsAnError() {
        replay("weight");
    }
}
