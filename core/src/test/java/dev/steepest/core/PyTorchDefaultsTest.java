package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The short forms a PyTorch user writes: {@code x.sum(1)}, {@code x.mean(0)}, {@code x.argmax(1)}
 * (keepdim=False, PyTorch's default) and {@code torch.no_grad()} as a lambda.
 */
class PyTorchDefaultsTest {

    private final Tensor x = Tensor.of(new float[] {1, 5, 2, 7, 0, 3}, 2, 3);

    @Test
    void reductionsAlongADimensionDropItAsPyTorchDoesByDefault() {
        // torch.tensor([[1., 5, 2], [7, 0, 3]]).sum(1) -> tensor([ 8., 10.]); .mean(0) -> [4.0, 2.5, 2.5]
        assertArrayEquals(new int[] {2}, x.sum(1).shape());
        assertArrayEquals(new float[] {8, 10}, x.sum(1).toArray());
        assertArrayEquals(new float[] {4f, 2.5f, 2.5f}, x.mean(0).toArray());
        assertArrayEquals(x.sum(1, false).toArray(), x.sum(1).toArray());
        assertArrayEquals(new int[] {3}, x.mean(0).shape());
    }

    @Test
    void argmaxAndArgminAlongADimensionDropIt() {
        // .argmax(1) -> tensor([1, 0]); .argmin(0) -> tensor([0, 1, 0])
        assertArrayEquals(new float[] {1, 0}, x.argmax(1).toArray());
        assertArrayEquals(new int[] {2}, x.argmax(1).shape());
        assertArrayEquals(new float[] {0, 1, 0}, x.argmin(0).toArray());
        assertArrayEquals(new int[] {3}, x.argmin(0).shape());
    }

    @Test
    void noGradAsALambdaReturnsItsResultUnrecorded() {
        Tensor w = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor y = Autograd.noGrad(() -> w.mul(3f));
        assertFalse(y.requiresGrad(), "made inside noGrad, y records nothing");
        assertNull(y.gradFn());
        assertArrayEquals(new float[] {3, 6}, y.toArray());
        assertTrue(Autograd.isEnabled(), "recording is back on after the lambda");
    }

    @Test
    void noGradAsABlockUpdatesALeafInPlace() {
        Tensor w = Tensor.vector(1f, 2f).requiresGrad(true);
        Autograd.noGrad(() -> {
            w.add_(Tensor.vector(1f, 1f));
        });
        assertArrayEquals(new float[] {2, 3}, w.toArray());
        assertTrue(w.isLeaf());
        assertTrue(Autograd.isEnabled());
    }

    @Test
    void noGradRestoresRecordingWhenTheLambdaThrows() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Autograd.noGrad(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", e.getMessage());
        assertTrue(Autograd.isEnabled(), "a throwing body must not leave recording off");
        try (var off = Autograd.noGrad()) {
            Autograd.noGrad(() -> { });
            assertFalse(Autograd.isEnabled(), "nested: the outer scope's mode comes back");
        }
    }

    @Test
    void noGradRefusesANullBody() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.noGrad((java.util.function.Supplier<Tensor>) null));
        assertEquals("noGrad: body is null; pass a lambda such as () -> model.forward(x)", e.getMessage());
    }
}
