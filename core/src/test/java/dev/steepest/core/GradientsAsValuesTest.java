package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Autograd#grad} and {@code backward(createGraph)} (issue 22): gradients as values, with
 * PyTorch's semantics (no grad() touched, unused inputs refused unless allowUnused, the graph freed
 * unless retained), and gradients of gradients.
 */
class GradientsAsValuesTest {

    private static Tensor leaf(float... values) {
        return Tensor.vector(values).requiresGrad(true);
    }

    @Test
    void gradReturnsTheGradientsAndLeavesGradAlone() {
        Tensor x = leaf(1f, 2f), y = leaf(3f, 4f);
        List<Tensor> g = Autograd.grad(x.mul(y).sum(), List.of(x, y));
        assertArrayEquals(new float[] {3f, 4f}, g.get(0).toArray());
        assertArrayEquals(new float[] {1f, 2f}, g.get(1).toArray());
        assertNull(x.grad());
        assertNull(y.grad());
        assertNull(g.get(0).gradFn(), "without createGraph a gradient has no graph");
    }

    @Test
    void secondDerivativeOfACubeIsSixX() {
        Tensor x = leaf(-1f, 0.5f, 2f);
        Tensor dy = Autograd.grad(x.pow(3f).sum(), List.of(x), true, true).get(0);
        assertArrayEquals(new float[] {3f, 0.75f, 12f}, dy.toArray(), 1e-6f);
        assertTrue(dy.requiresGrad(), "with createGraph the gradient has a graph");
        Tensor d2y = Autograd.grad(dy.sum(), List.of(x)).get(0);
        assertArrayEquals(new float[] {-6f, 3f, 12f}, d2y.toArray(), 1e-6f);
        Tensor d3y = Autograd.grad(Autograd.grad(x.pow(3f).sum(), List.of(x), true, true).get(0).sum(), List.of(x), true, true).get(0);
        assertArrayEquals(new float[] {6f, 6f, 6f}, Autograd.grad(d3y.sum(), List.of(x)).get(0).toArray(), 1e-5f);
    }

    @Test
    void anInputTheOutputDoesNotUseIsRefusedAsByPyTorchDefault() {
        Tensor x = leaf(1f), unused = leaf(2f);
        var e = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.mul(x).sum(), List.of(x, unused)));
        assertEquals("grad: input 1 (shape [1]) appears not to have been used in computing the outputs, so it has no gradient;"
                + " pass allowUnused=true to get null for it instead (PyTorch: allow_unused=True)", e.getMessage());
        List<Tensor> g = Autograd.grad(List.of(x.mul(x).sum()), List.of(x, unused), null, false, false, true);
        assertArrayEquals(new float[] {2f}, g.get(0).toArray());
        assertNull(g.get(1));
    }

    @Test
    void anInputThatDoesNotRequireGradAndAnOutputWithoutGraphAreRefused() {
        Tensor x = leaf(1f), c = Tensor.vector(2f);
        var e = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.mul(c).sum(), List.of(c)));
        assertEquals("grad: input 0 (shape [1]) does not require grad, so no gradient can be computed for it;"
                + " call requiresGrad(true) on it before computing the outputs", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(c.sum(), List.of(x)));
        assertEquals("grad: output 0 does not require grad and has no grad_fn: it was computed from tensors that do not require"
                + " grad, or under Autograd.noGrad()", f.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(leaf(1f, 2f).mul(2f), List.of(x), true, false));
        assertTrue(g.getMessage().contains("pass gradOutputs"), g.getMessage());
    }

    @Test
    void theGraphIsFreedUnlessRetained() {
        Tensor x = leaf(1f, 2f);
        Tensor y = x.exp().sum();
        Autograd.grad(y, List.of(x));
        var e = assertThrows(IllegalStateException.class, () -> Autograd.grad(y, List.of(x)));
        assertTrue(e.getMessage().startsWith("backward: trying to go through the graph a second time (at ExpBackward)"), e.getMessage());
        Tensor z = x.exp().sum();
        Autograd.grad(z, List.of(x), true, false);
        assertArrayEquals(Autograd.grad(z, List.of(x)).get(0).toArray(), x.exp().toArray());
    }

    @Test
    void gradientsWithRespectToATensorInsideTheGraphAndWithWeightedOutputs() {
        Tensor x = leaf(1f, 2f);
        Tensor h = x.mul(3f);
        Tensor y = h.pow(2f);
        List<Tensor> g = Autograd.grad(List.of(y), List.of(h, x), List.of(Tensor.vector(1f, 10f)), false, false);
        assertArrayEquals(new float[] {6f, 120f}, g.get(0).toArray(), 1e-5f);    // 2h·w
        assertArrayEquals(new float[] {18f, 360f}, g.get(1).toArray(), 1e-4f);   // 2h·3·w
    }

    @Test
    void backwardWithCreateGraphLeavesGradsThatCanBeDifferentiated() {
        Tensor x = leaf(2f);
        x.pow(3f).sum().backward(true);
        Tensor g = x.grad();
        assertEquals(12f, g.item(), 1e-6f);
        assertEquals("CloneBackward", g.gradFn());
        Tensor d2 = Autograd.grad(g.sum(), List.of(x)).get(0);
        assertEquals(12f, d2.item(), 1e-6f);
        // a second backward adds out of place, keeping the graph
        x.pow(2f).sum().backward(null, false, true);
        assertEquals(16f, x.grad().item(), 1e-6f);
        assertEquals("AddBackward", x.grad().gradFn());
    }

    @Test
    void plainBackwardIsUnchangedAndBuildsNoGraph() {
        Tensor x = leaf(2f, 3f);
        x.pow(3f).sum().backward();
        assertNull(x.grad().gradFn());
        assertTrue(!x.grad().requiresGrad());
    }
}
