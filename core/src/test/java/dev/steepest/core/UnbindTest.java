package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ops with several outputs ({@code unbind}, {@code chunk}, {@code split}): their pieces share
 * one node, whose rule runs once with the gradient of every piece that got one (zeros for the rest),
 * as PyTorch's UnbindBackward and SplitBackward.
 */
class UnbindTest {

    private final Generator gen = new Generator(2718);

    @Test
    void unbindGivesTheSlicesAlongTheDimensionWithItRemoved() {
        Tensor x = Tensor.arange(24).toFloat().reshape(2, 3, 4);
        for (int dim = 0; dim < 3; dim++) {
            List<Tensor> pieces = x.unbind(dim);
            assertEquals(x.size(dim), pieces.size());
            for (int i = 0; i < pieces.size(); i++) {
                assertArrayEquals(x.select(dim, i).shape(), pieces.get(i).shape());
                assertArrayEquals(x.select(dim, i).toArray(), pieces.get(i).toArray(), "dim " + dim + " piece " + i);
            }
        }
        assertEquals(3, x.unbind(-2).size());
    }

    @Test
    void piecesShareOneNodeAndItsRuleRunsOnceWithEveryPiecesGradient() {
        Tensor x = Tensor.randn(gen, 3, 2, 4).requiresGrad(true);
        List<Tensor> pieces = x.unbind(0);
        assertEquals("UnbindBackward", pieces.get(0).gradFn());
        assertSame(pieces.get(0).gradFn, pieces.get(2).gradFn);
        // loss = sum(p0 * 2) + sum(p0 * p2): piece 0 gets 2 + p2 (from two uses), piece 1 nothing, piece 2 gets p0
        Tensor p0 = pieces.get(0), p2 = pieces.get(2);
        p0.mul(2f).sum().add(p0.mul(p2).sum()).backward();
        float[] expected = new float[24];
        float[] xs = x.toArray();
        for (int i = 0; i < 8; i++) {
            expected[i] = 2f + xs[16 + i];
            expected[16 + i] = xs[i];
        }
        assertArrayEquals(expected, x.grad().toArray(), 1e-6f);
    }

    @Test
    void aPieceUsedDirectlyAsTheRootSendsItsGradientBack() {
        Tensor x = Tensor.randn(gen, 2, 3).requiresGrad(true);
        x.unbind(1).get(1).backward(Tensor.of(new float[] {5f, 7f}, 2));
        assertArrayEquals(new float[] {0, 5, 0, 0, 7, 0}, x.grad().toArray());
    }

    @Test
    void unbindGradientsMatchCentralDifferences() {
        Tensor x = Tensor.randn(gen, 2, 3, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> {
            List<Tensor> p = in[0].unbind(1);
            return p.get(0).mul(p.get(2)).add(p.get(1).tanh());
        }, x);
    }

    @Test
    void withoutGradNothingIsRecorded() {
        List<Tensor> pieces = Tensor.ones(2, 2).unbind(0);
        assertFalse(pieces.get(0).requiresGrad());
        try (var off = Autograd.noGrad()) {
            assertFalse(Tensor.ones(2, 2).requiresGrad(true).unbind(0).get(1).requiresGrad());
        }
    }

    @Test
    void aSecondBackwardWithoutRetainGraphSaysSo() {
        Tensor x = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y = x.unbind(0).get(0).mul(x.unbind(0).get(1)).sum();
        y.backward(Tensor.scalar(1f), true);
        y.backward();
        assertArrayEquals(new float[] {2, 2, 2, 2}, x.grad().toArray());
    }

    @Test
    void chunkAndSplitPiecesShareOneNodeAndSendTheirGradientsBackInPlace() {
        Tensor x = Tensor.randn(gen, 2, 8).requiresGrad(true);
        List<Tensor> gates = x.chunk(4, 1);
        assertSame(gates.get(0).gradFn, gates.get(3).gradFn);
        gates.get(1).mul(3f).sum().add(gates.get(3).sum()).backward();
        assertArrayEquals(new float[] {0, 0, 3, 3, 0, 0, 1, 1, 0, 0, 3, 3, 0, 0, 1, 1}, x.grad().toArray());
        Tensor y = Tensor.randn(gen, 5, 2).requiresGrad(true);
        List<Tensor> parts = y.split(new int[] {1, 0, 4}, 0);
        assertSame(parts.get(0).gradFn, parts.get(2).gradFn);
        parts.get(2).sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, y.grad().toArray());
    }

    @Test
    void unbindOfAScalarIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1f).unbind(0));
        assertEquals("unbind: cannot unbind a tensor with no dimensions", e.getMessage());
    }
}
