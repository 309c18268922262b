package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a backward pass changes, against PyTorch's fixture cases ({@code scripts/fixtures/core_semantics.py}):
 * a pass that fails on the way (a graph already freed) adds nothing into any grad
 * ({@code atomic_*}), and going through a graph a second time fails exactly where PyTorch's saved
 * tensors were freed and works where the op saved none ({@code twice_*}).
 */
class BackwardPassTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/core_semantics.json");

    private static final String FREED = "backward: trying to go through the graph a second time";

    /** The call throws IllegalStateException whose message starts with {@code start}. */
    static void assertFails(String start, Executable call) {
        String message = assertThrows(IllegalStateException.class, call).getMessage();
        assertTrue(message.startsWith(start), "the message was: " + message);
    }

    private static void secondBackward(String order, BinaryOperator<Tensor> loss) {
        Fixtures.Case c = FIXTURES.get("atomic_second_backward_" + order);
        Tensor a = Tensor.ones(2).requiresGrad(true);
        Tensor b = Tensor.ones(2).requiresGrad(true);
        Tensor l = loss.apply(a, b);
        l.backward();
        TensorAssert.assertClose(c.tensor("a_grad_first"), a.grad(), 0, 0, "a's grad after the first backward");
        TensorAssert.assertClose(c.tensor("b_grad_first"), b.grad(), 0, 0, "b's grad after the first backward");
        assertEquals(true, c.bool("error"), "PyTorch's second backward fails");
        assertFails(FREED, l::backward);
        TensorAssert.assertClose(c.tensor("a_grad"), a.grad(), 0, 0, "a's grad after the failed backward");
        TensorAssert.assertClose(c.tensor("b_grad"), b.grad(), 0, 0, "b's grad after the failed backward");
    }

    @Test
    void aSecondBackwardThatFailsHalfwayLeavesEveryGradAsItWas() {
        // b·b saved b (freed by the first backward); a·3 saved only the number 3. The sweep reaches
        // a's leaf before b·b here: a's grad became 6 before the failure was noticed.
        secondBackward("b_first", (a, b) -> b.mul(b).sum().add(a.mul(3f).sum()));
    }

    @Test
    void aSecondBackwardThatFailsFirstLeavesEveryGradAsItWas() {
        secondBackward("a_first", (a, b) -> a.mul(3f).sum().add(b.mul(b).sum()));
    }

    @Test
    void aBackwardThatFailsOnAModifiedTensorLeavesEveryGradAsItWas() {
        Tensor a = Tensor.ones(2).requiresGrad(true);
        Tensor b = Tensor.ones(2).requiresGrad(true);
        Tensor e = b.exp();   // saves its result
        Tensor loss = a.mul(3f).sum().add(e.sum());
        try (var off = Autograd.noGrad()) {
            e.add_(1f);
        }
        assertFails("backward: a tensor of shape [2] needed by ExpBackward was modified by an in-place operation", loss::backward);
        assertEquals(null, a.grad(), "a's grad: no backward succeeded");
    }

    private static final Map<String, UnaryOperator<Tensor>> TWICE = Map.of(
            "add", x -> x.add(1f).sum(),
            "sub", x -> x.sub(1f).sum(),
            "neg", x -> x.neg().sum(),
            "mean", Tensor::mean,
            "reshape_t", x -> x.reshape(1, 2).t().sum(),
            "mul_number", x -> x.mul(2f).sum(),
            "div_number", x -> x.div(2f).sum(),
            "mul_self", x -> x.mul(x).sum(),
            "exp", x -> x.exp().sum());

    @Test
    void aSecondBackwardFailsWhereverPyTorchFreedSavedTensorsAndOnlyThere() {
        for (var op : TWICE.entrySet()) {
            Fixtures.Case c = FIXTURES.get("twice_" + op.getKey());
            Tensor x = Tensor.ones(2).requiresGrad(true);
            Tensor out = op.getValue().apply(x);
            out.backward();
            if (c.bool("error")) {
                assertFails(FREED, out::backward);
            } else {
                out.backward();
            }
            TensorAssert.assertClose(c.tensor("grad"), x.grad(), 1e-6, 0, op.getKey() + ": x's grad");
        }
    }
}
