package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * relu_ as {@code torch.relu_}: the values and gradients of relu, written into the tensor itself,
 * which becomes the relu's output in the graph; refused on a leaf that requires grad and on a view;
 * an earlier rule that saved the old values fails at backward, as in PyTorch.
 */
class ReluInPlaceTest {

    private static Tensor input() {
        return Tensor.randn(new Generator(1), 4, 50).requiresGrad(true);
    }

    @Test
    void givesReluValuesAndGradientsInTheTensorsOwnStorage() {
        Tensor x = input();
        Tensor w = Tensor.randn(new Generator(2), 4, 50);
        Tensor expected = x.mul(2f).relu();
        expected.mul(w).sum().backward();
        float[] expectedGrad = x.grad().toArray();
        x.setGrad(null);

        Tensor h = x.mul(2f);
        float[] storage = h.rawData();
        Tensor y = h.relu_();
        assertSame(h, y, "relu_ returns the tensor itself");
        assertSame(storage, y.rawData(), "no new array");
        assertEquals("ReluBackward", y.gradFn.name);
        assertArrayEquals(expected.toArray(), y.toArray());
        y.mul(w).sum().backward();
        assertArrayEquals(expectedGrad, x.grad().toArray(), "the gradient goes through relu's rule to mul's");
    }

    @Test
    void outsideAutogradItIsAPlainInPlaceOp() {
        Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 4);
        x.relu_();
        assertArrayEquals(new float[] {0, 2, 0, 4}, x.toArray());
    }

    @Test
    void isRefusedOnALeafThatRequiresGradAndOnAView() {
        String leaf = assertThrows(IllegalStateException.class, () -> input().relu_()).getMessage();
        assertTrue(leaf.startsWith("relu_: a leaf tensor that requires grad (shape [4, 50])"), leaf);
        String view = assertThrows(IllegalStateException.class, () -> input().mul(1f).transpose(0, 1).relu_()).getMessage();
        assertTrue(view.startsWith("relu_: works on a tensor that is its whole storage, not on a view (shape [50, 4])"), view);
    }

    @Test
    void aRuleThatSavedTheOldValuesFailsAtBackward() {
        Tensor y = input().exp();   // exp's rule reads its output
        y.relu_();
        String message = assertThrows(IllegalStateException.class, () -> y.sum().backward()).getMessage();
        assertTrue(message.contains("needed by ExpBackward was modified by an in-place operation"), message);
    }
}
