package dev.steepest.core;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each backward rule saves only the tensors it reads, as PyTorch's derivatives do, so that an
 * in-place change to a tensor the rule does not read is no error: {@code y = w.mul(c)} with a
 * constant c, then {@code w.add_(1)} under noGrad, then backward gives c as w's gradient. The
 * fixture's {@code saved_*} cases ({@code scripts/fixtures/core_semantics.py}) say where PyTorch
 * fails and what gradient it gives where it does not.
 */
class SavedTensorsTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/core_semantics.json");

    private record Case(BinaryOperator<Tensor> op, BiConsumer<Tensor, Tensor> modify) {
    }

    private static final Map<String, Case> CASES = Map.of(
            "mul_constant_then_w_add_", new Case(Tensor::mul, (w, c) -> w.add_(1f)),
            "div_constant_then_w_add_", new Case(Tensor::div, (w, c) -> w.add_(1f)),
            "constant_div_w_then_w_add_", new Case((w, c) -> c.div(w), (w, c) -> w.add_(1f)),
            "mul_constant_then_constant_add_", new Case(Tensor::mul, (w, c) -> c.add_(1f)),
            "mul_w_then_w_add_", new Case((w, c) -> w.mul(w), (w, c) -> w.add_(1f)));

    private static void replay(String name) {
        Fixtures.Case c = FIXTURES.get("saved_" + name);
        Tensor w = Tensor.ones(3).requiresGrad(true);
        Tensor constant = c.tensor("constant");
        Tensor y = CASES.get(name).op().apply(w, constant);
        try (var off = Autograd.noGrad()) {
            CASES.get(name).modify().accept(w, constant);
        }
        if (c.bool("error")) {
            BackwardPassTest.assertFails("backward: a tensor of shape [3] needed by ", () -> y.sum().backward());
        } else {
            y.sum().backward();
        }
        TensorAssert.assertClose(c.tensor("grad"), w.grad() == null ? Tensor.zeros(3) : w.grad(), 1e-6, 0, name + ": w's gradient");
    }

    @Test
    void mulByAConstantDoesNotSaveTheOtherFactor() {
        replay("mul_constant_then_w_add_");   // was: a version error; PyTorch gives the constant [1, 2, 3]
    }

    @Test
    void divByAConstantDoesNotSaveTheDividend() {
        replay("div_constant_then_w_add_");
    }

    @Test
    void divByAParameterStillSavesIt() {
        replay("constant_div_w_then_w_add_");
    }

    @Test
    void mulStillSavesTheConstantItReads() {
        replay("mul_constant_then_constant_add_");
    }

    @Test
    void mulOfATensorWithItselfStillSavesIt() {
        replay("mul_w_then_w_add_");
    }
}
