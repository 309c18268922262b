package dev.steepest.core;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** tril and triu: values as torch.tril / torch.triu print them, every diagonal, batches, gradients, bad input. */
class TrianglesTest {

    private static final Tensor M = Tensor.arange(1f, 13f, 1f).reshape(3, 4);   // [[1..4], [5..8], [9..12]]

    @Test
    void trilKeepsTheLowerTriangleAndMovesWithTheDiagonal() {
        assertClose(Tensor.of(new float[] {1, 0, 0, 0, 5, 6, 0, 0, 9, 10, 11, 0}, 3, 4), M.tril(), 0, 0, "tril()");
        assertClose(Tensor.of(new float[] {1, 2, 0, 0, 5, 6, 7, 0, 9, 10, 11, 12}, 3, 4), M.tril(1), 0, 0, "tril(1)");
        assertClose(Tensor.of(new float[] {0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0}, 3, 4), M.tril(-1), 0, 0, "tril(-1)");
    }

    @Test
    void triuKeepsTheUpperTriangleAndOnesTriu1MarksTheFuture() {
        assertClose(Tensor.of(new float[] {1, 2, 3, 4, 0, 6, 7, 8, 0, 0, 11, 12}, 3, 4), M.triu(), 0, 0, "triu()");
        assertClose(Tensor.of(new float[] {0, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 12}, 3, 4), M.triu(1), 0, 0, "triu(1)");
        assertClose(Tensor.of(new float[] {0, 1, 1, 0, 0, 1, 0, 0, 0}, 3, 3), Tensor.ones(3, 3).triu(1), 0, 0, "causal mask");
        assertClose(Tensor.zeros(3, 4), M.triu(5), 0, 0, "triu beyond the last column");
    }

    @Test
    void aBatchOfMatricesIsCutMatrixByMatrix() {
        Tensor batch = Tensor.stack(java.util.List.of(M, M.mul(-1f)), 0);
        Tensor lower = batch.tril();
        assertClose(M.tril(), lower.select(0, 0), 0, 0, "first matrix");
        assertClose(M.mul(-1f).tril(), lower.select(0, 1), 0, 0, "second matrix");
    }

    @Test
    void theGradientIsCutTheSameWay() {
        Generator g = new Generator(7);
        GradCheck.assertGradients(x -> x[0].tril(-1).mul(x[0]), Tensor.randn(g, 2, 3, 4).requiresGrad(true));
        GradCheck.assertGradients(x -> x[0].triu(1), Tensor.randn(g, 4, 3).requiresGrad(true));
        Tensor x = Tensor.randn(g, 3, 3).requiresGrad(true);
        x.triu(1).sum().backward();
        assertClose(Tensor.ones(3, 3).triu(1), x.grad(), 0, 0, "d triu(x).sum() / dx");
        assertEquals("TriuBackward", x.triu(1).gradFn());
    }

    @Test
    void aVectorIsRefusedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(4).tril());
        assertEquals("tril: expects a matrix or a batch of matrices (at least 2 dimensions), got shape [4]", e.getMessage());
    }
}
