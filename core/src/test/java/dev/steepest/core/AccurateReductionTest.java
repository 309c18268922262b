package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sum(dim) and mean(dim) accumulate as accurately as sum() does (in double), and so does the sum of
 * a broadcast gradient back into its input's shape: a float accumulator stops at 2²⁴ = 16,777,216
 * when adding ones and drifts by 1 % over a million tenths. PyTorch's values come from the
 * fixture's {@code accurate_*} cases ({@code scripts/fixtures/core_semantics.py}).
 */
class AccurateReductionTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/core_semantics.json");

    static Stream<Fixtures.Case> reductions() {
        return FIXTURES.cases().stream().filter(c -> c.name().startsWith("accurate_") && c.has("op"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductions")
    void aReductionAlongADimensionMatchesPyTorch(Fixtures.Case c) {
        Tensor x = Tensor.full((float) c.number("fill"), c.ints("shape"));
        int dim = (int) c.number("dim");
        Tensor out = c.string("op").equals("sum") ? x.sum(dim, false) : x.mean(dim, false);
        assertArrayEquals(c.tensor("out").shape(), out.shape(), c.name() + ": shape");
        TensorAssert.assertClose(c.tensor("out"), out, 1e-6, 0, c.name());
    }

    @Test
    void summingTwentyMillionOnesAlongTheirDimensionGivesTwentyMillion() {
        assertEquals(2e7f, Tensor.ones(20_000_000).sum(0, false).item(), "was 16,777,216 with a float accumulator");
    }

    @Test
    void aReductionAlongADimensionAgreesWithTheWholeTensorOne() {
        Tensor x = Tensor.full(0.1f, 1_000_000, 1);
        assertEquals(x.sum().item(), x.sum(0, false).item(), "sum(0) and sum() of the same column");
        assertEquals(x.mean().item(), x.mean(0, true).item(), "mean(0) and mean() of the same column");
    }

    @Test
    void aBroadcastGradientIsSummedAccurately() {
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        Tensor.ones(20_000_000).add(b).sum().backward();
        TensorAssert.assertClose(FIXTURES.get("accurate_broadcast_gradient").tensor("grad"), b.grad(), 1e-6, 0, "b's gradient");
    }
}
