package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * NumPy/PyTorch broadcasting in the binary ops: the result's shape, its values, gradients summed
 * back to each input's shape, in-place ops that broadcast into their own shape, and what does not
 * broadcast. Values here are small enough to check by hand; core_ops.json checks the same cases
 * against PyTorch.
 */
class BroadcastingTest {

    private static Tensor t(float[] data, int... shape) {
        return Tensor.of(data, shape);
    }

    @Test
    void aColumnAndARowMakeAMatrix() {
        Tensor col = t(new float[] {1, 2, 3}, 3, 1);
        Tensor row = t(new float[] {10, 20, 30, 40}, 1, 4);
        Tensor sum = col.add(row);
        assertArrayEquals(new int[] {3, 4}, sum.shape());
        assertArrayEquals(new float[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, sum.toArray());
        assertArrayEquals(new float[] {-9, -19, -29, -39, -8, -18, -28, -38, -7, -17, -27, -37}, col.sub(row).toArray());
        assertArrayEquals(new float[] {10, 20, 30, 40, 20, 40, 60, 80, 30, 60, 90, 120}, col.mul(row).toArray());
    }

    @Test
    void aVectorIsRepeatedOverTheRowsOfAMatrix() {
        Tensor m = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor v = Tensor.vector(1, 2, 4);
        assertArrayEquals(new int[] {2, 3}, m.div(v).shape());
        assertArrayEquals(new float[] {1, 1, 0.75f, 4, 2.5f, 1.5f}, m.div(v).toArray());
        assertArrayEquals(new float[] {1, 2, 4, 4, 5, 6}, m.maximum(v).toArray());
        assertArrayEquals(new float[] {1, 2, 4, 4, 5, 6}, v.maximum(m).toArray(), "maximum is symmetric");
    }

    @Test
    void ranksAreAlignedFromTheRight() {
        Tensor a = Tensor.arange(8).toFloat().reshape(2, 1, 4);     // [2,1,4]
        Tensor b = t(new float[] {100, 200, 300}, 3, 1);  // [3,1]
        Tensor c = a.add(b);
        assertArrayEquals(new int[] {2, 3, 4}, c.shape());
        assertEquals(100f, c.get(0, 0, 0));
        assertEquals(303f, c.get(0, 2, 3));
        assertEquals(207f, c.get(1, 1, 3));
    }

    @Test
    void aZeroDimensionalTensorActsAsAScalarOnEitherSide() {
        Tensor m = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor s = Tensor.scalar(2f);
        assertArrayEquals(new int[] {2, 3}, m.mul(s).shape());
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, s.mul(m).toArray());
        assertArrayEquals(new float[] {1, 0, -1, -2, -3, -4}, s.sub(m).toArray());
        assertArrayEquals(new float[] {2, 1, 2f / 3, 0.5f, 0.4f, 2f / 6}, s.div(m).toArray());
        assertArrayEquals(new int[0], s.add(s).shape(), "two 0-d tensors give a 0-d tensor");
    }

    @Test
    void emptyDimensionsBroadcastToEmpty() {
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).add(Tensor.ones(3)).shape());
        assertArrayEquals(new int[] {0}, Tensor.zeros(0).mul(Tensor.ones(1)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).add(Tensor.ones(2)));
        assertTrue(e.getMessage().startsWith("add: shapes [0] and [2] cannot be broadcast"), e.getMessage());
    }

    @Test
    void shapesThatDoNotFitAreRejectedWithBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.mul(b));
        assertEquals("mul: shapes [2, 3] and [2] cannot be broadcast: size 3 and size 2 differ at dimension 1 (counting from the left"
                + " of the broadcast shape); sizes must be equal or one of them 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4, 1, 3).sub(Tensor.zeros(2, 5, 1)));
        assertTrue(e.getMessage().startsWith("sub: shapes [4, 1, 3] and [2, 5, 1] cannot be broadcast: size 4 and size 2 differ at dimension 0"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- gradients

    @Test
    void gradientsAreSummedOverTheBroadcastDimensions() {
        Tensor col = t(new float[] {1, 2, 3}, 3, 1).requiresGrad(true);
        Tensor row = t(new float[] {10, 20, 30, 40}, 1, 4).requiresGrad(true);
        col.mul(row).sum().backward();
        assertArrayEquals(new int[] {3, 1}, col.grad().shape());
        assertArrayEquals(new float[] {100, 100, 100}, col.grad().toArray(), "d/dcol_i = Σ_j row_j");
        assertArrayEquals(new int[] {1, 4}, row.grad().shape());
        assertArrayEquals(new float[] {6, 6, 6, 6}, row.grad().toArray(), "d/drow_j = Σ_i col_i");
    }

    @Test
    void theGradientOfALowerRankOperandIsSummedOverTheLeadingDimensions() {
        Tensor m = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor v = Tensor.vector(1, 2, 4).requiresGrad(true);
        m.sub(v).sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, m.grad().toArray());
        assertArrayEquals(new float[] {-2, -2, -2}, v.grad().toArray(), "d(m - v)/dv = -1, two rows");
    }

    @Test
    void aZeroDimensionalOperandGetsAZeroDimensionalGradient() {
        Tensor m = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor s = Tensor.scalar(2f).requiresGrad(true);
        m.div(s).sum().backward();
        assertArrayEquals(new int[0], s.grad().shape());
        assertEquals(-21f / 4f, s.grad().item(), 1e-6f, "d(Σ m/s)/ds = -Σm / s²");
    }

    @Test
    void aOneElementVectorKeepsItsShapeInTheGradient() {
        Tensor m = Tensor.ones(2, 3);
        Tensor one = Tensor.vector(3f).requiresGrad(true);
        m.add(one).sum().backward();
        assertArrayEquals(new int[] {1}, one.grad().shape());
        assertEquals(6f, one.grad().item());
    }

    @Test
    void maximumSendsTheGradientToTheLargerAndSplitsTies() {
        Tensor a = Tensor.vector(1f, 5f, 3f).requiresGrad(true);
        Tensor b = Tensor.vector(2f, 4f, 3f).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertArrayEquals(new float[] {0f, 1f, 0.5f}, a.grad().toArray());
        assertArrayEquals(new float[] {1f, 0f, 0.5f}, b.grad().toArray());
    }

    @Test
    void onlyTheOperandThatRequiresGradGetsOne() {
        Tensor a = t(new float[] {1, 2}, 2, 1);
        Tensor b = Tensor.vector(3, 4, 5).requiresGrad(true);
        a.mul(b).sum().backward();
        assertNull(a.grad());
        assertArrayEquals(new float[] {3, 3, 3}, b.grad().toArray());
    }

    // ---------------------------------------------------------------- special values

    @Test
    void specialValuesFollowIeeeAsInPyTorch() {
        Tensor x = Tensor.vector(1f, 0f, -1f);
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY}, x.div(Tensor.zeros(3)).toArray());
        assertArrayEquals(new float[] {0f, Float.NEGATIVE_INFINITY, Float.NaN}, x.log().toArray(), "log(0) = -inf, log(-1) = NaN");
        assertArrayEquals(new float[] {1f, 0f, Float.NaN}, x.sqrt().toArray());
        assertArrayEquals(new float[] {Float.NaN, 1f}, Tensor.vector(Float.NaN, 0f).maximum(Tensor.vector(1f, 1f)).toArray(),
                "maximum propagates NaN");
        assertEquals(Float.POSITIVE_INFINITY, Tensor.vector(100f).exp().item());
    }

    // ---------------------------------------------------------------- in place

    @Test
    void inPlaceOpsBroadcastTheArgumentIntoThisShape() {
        Tensor m = Tensor.zeros(2, 3);
        m.add_(Tensor.vector(1, 2, 3));
        m.mul_(t(new float[] {1, 10}, 2, 1));
        assertArrayEquals(new float[] {1, 2, 3, 10, 20, 30}, m.toArray());
        m.copy_(Tensor.scalar(7f));
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, m.toArray());
        m.addcmul_(Tensor.vector(1, 2, 3), Tensor.scalar(2f), 0.5f);
        assertArrayEquals(new float[] {8, 9, 10, 8, 9, 10}, m.toArray());
    }

    @Test
    void anInPlaceOpCannotGrowThisTensor() {
        Tensor row = Tensor.zeros(1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row.add_(Tensor.ones(2, 3)));
        assertEquals("add_: the argument's shape [2, 3] cannot be broadcast to this tensor's shape [1, 3]", e.getMessage());
        assertArrayEquals(new float[] {0, 0, 0}, row.toArray(), "nothing was written");
        assertEquals(0, row.version());
    }
}
