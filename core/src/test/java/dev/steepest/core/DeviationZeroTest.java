package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * std, var and norm where every deviation is 0 (a constant row, a zero vector): the gradient there is
 * 0, as PyTorch 1.13's std_backward gives, not 0/0 = NaN. The fixture's {@code deviation_zero_*}
 * cases ({@code scripts/fixtures/core_semantics.py}) hold PyTorch's values and gradients of sum(out).
 */
class DeviationZeroTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/core_semantics.json");

    private static final Map<String, UnaryOperator<Tensor>> OPS = Map.of(
            "std_dim_unbiased", x -> x.std(1, true, false),
            "var_dim_unbiased", x -> x.var(1, true, false),
            "std_dim_biased_keepdim", x -> x.std(1, false, true),
            "std_dim0_one_row", x -> x.narrow(0, 0, 1).std(0, true, false),
            "std", Tensor::std,
            "var", Tensor::var,
            "norm_zeros", x -> x.mul(0f).norm());

    private static void replay(String name) {
        Fixtures.Case c = FIXTURES.get("deviation_zero_" + name);
        Tensor x = c.tensor("x").requiresGrad(true);
        Tensor out = OPS.get(name).apply(x);
        out.sum().backward();
        assertArrayEquals(c.tensor("out").shape(), out.shape(), name + ": shape");
        TensorAssert.assertClose(c.tensor("out"), out, 1e-6, 1e-7, name + " forward");
        TensorAssert.assertClose(c.tensor("grad"), x.grad(), 1e-6, 1e-7, name + " gradient");
    }

    @Test
    void stdAlongADimensionGivesZeroGradientOnAConstantRow() {
        replay("std_dim_unbiased");   // [[1, 2, 3], [7, 7, 7]]: [-0.5, 0, 0.5, 0, 0, 0], not NaN on the second row
    }

    @Test
    void varAlongADimensionGivesZeroGradientOnAConstantRow() {
        replay("var_dim_unbiased");
    }

    @Test
    void biasedStdWithKeepDimGivesZeroGradientOnAConstantRow() {
        replay("std_dim_biased_keepdim");
    }

    @Test
    void unbiasedStdOfOneRowStaysNaNAsInPyTorch() {
        replay("std_dim0_one_row");   // n − 1 = 0: the value is 0/0 and so is the gradient
    }

    @Test
    void stdOfAConstantTensorGivesZeroGradient() {
        replay("std");
    }

    @Test
    void varOfAConstantTensorGivesZeroGradient() {
        replay("var");
    }

    @Test
    void normOfZerosGivesZeroGradient() {
        replay("norm_zeros");
    }

    @Test
    void aLayerNormWrittenByHandOverAZeroLayerKeepsItsWeightsFinite() {
        // (h − mean)/(std + 1e-5) over an all-zero hidden layer: the NaN-after-one-step case
        Tensor w = Tensor.zeros(4, 3).requiresGrad(true);
        Tensor h = Tensor.ones(2, 4).matmul(w);
        Tensor normed = h.sub(h.mean(1, true)).div(h.std(1, true, true).add(1e-5f));
        normed.mul(Tensor.of(new float[] {1, 2, 3}, 3)).sum().backward();
        for (float g : w.grad().toArray()) {
            assertFalse(Float.isNaN(g), "a weight's gradient is NaN: " + w.grad());
        }
    }
}
