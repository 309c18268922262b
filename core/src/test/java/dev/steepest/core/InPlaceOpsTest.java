package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * The in-place ops optimizers are written with: each modifies and returns this tensor, with the
 * values torch's op of the same name gives (add_(other, alpha), addcmul_, addcdiv_, …). The
 * autograd side (version counter, refusing leaves that require grad) is in AutogradTest.
 */
class InPlaceOpsTest {

    @Test
    void arithmeticWithATensorOrANumber() {
        Tensor t = Tensor.vector(1f, 2f, 3f);
        Tensor o = Tensor.vector(2f, 4f, 8f);
        assertSame(t, t.add_(o));
        assertArrayEquals(new float[] {3f, 6f, 11f}, t.toArray());
        t.add_(o, -0.5f);                    // torch: t.add_(o, alpha=-0.5)
        assertArrayEquals(new float[] {2f, 4f, 7f}, t.toArray());
        t.sub_(o).sub_(1f);
        assertArrayEquals(new float[] {-1f, -1f, -2f}, t.toArray());
        t.mul_(o).mul_(-1f);
        assertArrayEquals(new float[] {2f, 4f, 16f}, t.toArray());
        t.div_(o).div_(2f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 1f}, t.toArray());
        t.add_(3f);
        assertArrayEquals(new float[] {3.5f, 3.5f, 4f}, t.toArray());
    }

    @Test
    void fillZeroCopyAndSqrt() {
        Tensor t = Tensor.vector(1f, 2f, 3f, 4f).reshape(2, 2);
        t.fill_(9f).sqrt_();
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, t.toArray());
        t.copy_(Tensor.vector(4f, 16f, 25f, 36f).reshape(2, 2)).sqrt_();
        assertArrayEquals(new float[] {2f, 4f, 5f, 6f}, t.toArray());
        t.zero_();
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, t.toArray());
        assertArrayEquals(new int[] {2, 2}, t.shape(), "in-place ops keep the shape");
    }

    @Test
    void addcmulAndAddcdivAsAdamUsesThem() {
        Tensor v = Tensor.vector(1f, 1f);
        Tensor g = Tensor.vector(2f, -3f);
        v.mul_(0.5f).addcmul_(g, g, 0.5f);   // v = β·v + (1-β)·g²
        assertArrayEquals(new float[] {2.5f, 5f}, v.toArray());
        Tensor p = Tensor.vector(1f, 1f);
        p.addcdiv_(g, Tensor.vector(4f, 2f), -0.5f);   // p -= 0.5 · g / d
        assertArrayEquals(new float[] {0.75f, 1.75f}, p.toArray());
    }

    @Test
    void maximumKeepsTheLargerAndPropagatesNaN() {
        Tensor t = Tensor.vector(1f, 5f, Float.NaN, 2f);
        t.maximum_(Tensor.vector(3f, 4f, 0f, Float.NaN));
        assertArrayEquals(new float[] {3f, 5f, Float.NaN, Float.NaN}, t.toArray());
    }

    @Test
    void viewsShareStorageSoAnUpdateShowsThroughBoth() {
        Tensor t = Tensor.zeros(2, 3);
        Tensor flat = t.view(-1);
        flat.add_(Tensor.arange(6).toFloat());
        assertEquals(5f, t.get(1, 2));
        assertEquals(t.version(), flat.version(), "one storage, one version counter");
        Tensor transposed = t.transpose(0, 1);
        transposed.zero_();
        assertEquals(0f, t.get(1, 2), "transpose is a view, as in PyTorch: zeroing it zeroes t");
        assertEquals(t.version(), transposed.version(), "a transpose shares the version counter too");
    }

    @Test
    void dropoutScalesTheKeptValuesAndIsTheIdentityWhenNotTraining() {
        Tensor x = Tensor.ones(1000);
        Tensor y = x.dropout(0.25f, true, new Generator(1));
        int kept = 0;
        for (float v : y.toArray()) {
            if (v != 0f) {
                assertEquals(1f / 0.75f, v, "kept values are scaled by 1/(1-p)");
                kept++;
            }
        }
        assertEquals(750, kept, 60, "about 3/4 kept");
        assertArrayEquals(y.toArray(), x.dropout(0.25f, true, new Generator(1)).toArray(), "the same seed drops the same elements");
        assertSame(x, x.dropout(0.25f, false, null), "identity in evaluation mode");
        assertArrayEquals(new float[1000], x.dropout(1f, true, new Generator(1)).toArray(), "p = 1 drops everything");
    }
}
