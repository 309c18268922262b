package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipGradTest {

    @Test
    void clipGradNormMatchesPyTorch() {
        for (Fixtures.Case c : Fixtures.load("/fixtures/optim_schedulers.json").cases()) {
            if (!c.name().startsWith("clip_norm")) continue;
            Tensor a = Tensor.zeros(2, 3).requiresGrad(true), b = Tensor.zeros(4).requiresGrad(true);
            a.setGrad(c.tensor("g0"));
            b.setGrad(c.tensor("g1"));
            double normType = c.raw("norm_type") instanceof String ? Double.POSITIVE_INFINITY : c.number("norm_type");
            float total = ClipGrad.clipGradNorm_(List.of(a, b), c.number("max_norm"), normType);
            assertEquals(c.number("total"), total, 1e-5 * c.number("total"), c.name());
            TensorAssert.assertClose(c.tensor("clipped0"), a.grad(), 1e-5, 1e-7, c.name());
            TensorAssert.assertClose(c.tensor("clipped1"), b.grad(), 1e-5, 1e-7, c.name());
        }
    }

    @Test
    void clipGradValueClampsEveryElementAndChecksItsInput() {
        Tensor a = Tensor.zeros(3).requiresGrad(true);
        a.setGrad(Tensor.vector(-2, 0.5f, 3));
        ClipGrad.clipGradValue_(List.of(a), 1);
        assertEquals(List.of(-1f, 0.5f, 1f), List.of(a.grad().get(0), a.grad().get(1), a.grad().get(2)));
        var e = assertThrows(IllegalArgumentException.class, () -> ClipGrad.clipGradNorm_(List.of(a), -1));
        assertEquals("clipGradNorm_: maxNorm must be in [0, inf), got -1.0", e.getMessage());
    }
}
