package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Curvature}: Hessian-vector products, the Hessian of a small problem, Hutchinson's diagonal, Rademacher draws. */
class CurvatureTest {

    /** f(x) = ½ xᵀAx + bᵀx with a symmetric A: H = A. */
    private static final Tensor A = Tensor.of(new float[] {2f, 1f, 0f, 1f, 3f, -1f, 0f, -1f, 4f}, 3, 3);

    private static Tensor quadratic(Tensor x) {
        return x.matmul(A).mul(x).sum().mul(0.5f).add(x.sum());
    }

    @Test
    void hvpOfAQuadraticIsAV() {
        Tensor x = Tensor.vector(0.3f, -1f, 2f).requiresGrad(true);
        Tensor v = Tensor.vector(1f, 2f, -1f);
        List<Tensor> hv = Curvature.hvp(() -> quadratic(x), List.of(x), List.of(v));
        assertArrayEquals(new float[] {4f, 8f, -6f}, hv.get(0).toArray(), 1e-5f);
        assertNull(x.grad(), "no grad is touched");
        assertNull(hv.get(0).gradFn());
    }

    @Test
    void hvpFromGradientsKeepsTheGraphForManyProducts() {
        Tensor x = Tensor.vector(0.5f, -2f).requiresGrad(true);
        Tensor loss = x.pow(3f).sum();                                  // H = diag(6x)
        List<Tensor> g = Autograd.grad(loss, List.of(x), true, true);
        assertArrayEquals(new float[] {3f, 0f}, Curvature.hvp(g, List.of(x), List.of(Tensor.vector(1f, 0f))).get(0).toArray(), 1e-5f);
        assertArrayEquals(new float[] {0f, -24f}, Curvature.hvp(g, List.of(x), List.of(Tensor.vector(0f, 2f))).get(0).toArray(), 1e-5f);
    }

    @Test
    void aParameterTheLossUsesLinearlyOrNotAtAllGetsZeros() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true), b = Tensor.vector(3f).requiresGrad(true), unused = Tensor.vector(1f).requiresGrad(true);
        List<Tensor> hv = Curvature.hvp(() -> x.pow(2f).sum().add(b.sum()), List.of(x, b, unused),
                List.of(Tensor.vector(1f, 1f), Tensor.vector(1f), Tensor.vector(1f)));
        assertArrayEquals(new float[] {2f, 2f}, hv.get(0).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0f}, hv.get(1).toArray());
        assertArrayEquals(new float[] {0f}, hv.get(2).toArray());
    }

    @Test
    void hessianOfAQuadraticIsItsMatrixAndOfOneTensorHasItsShapeTwice() {
        Tensor x = Tensor.vector(0.3f, -1f, 2f).requiresGrad(true);
        assertArrayEquals(A.toArray(), Curvature.hessian(() -> quadratic(x), List.of(x)).toArray(), 1e-5f);
        Tensor m = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2);
        Tensor h = Curvature.hessian(t -> t.pow(3f).sum(), m);
        assertArrayEquals(new int[] {2, 2, 2, 2}, h.shape());
        assertEquals(24f, h.get(1, 1, 1, 1), 1e-5f);   // 6·4
        assertEquals(0f, h.get(1, 1, 0, 1));
        assertEquals(1f, m.get(0, 0), "x itself is not changed");
    }

    @Test
    void hessianRefusesTooManyParametersWithTheLimit() {
        Tensor big = Tensor.zeros(65, 64).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> Curvature.hessian(() -> big.sum(), List.of(big)));
        assertEquals("hessian: 4160 parameters would make a 4160x4160 Hessian and cost 4160 Hessian-vector products; at most 4096"
                + " are formed. Use Curvature.hvp (H·v without the Hessian) or hutchinsonDiagonal for a large model", e.getMessage());
    }

    @Test
    void hutchinsonIsExactForADiagonalHessianAndUnbiasedOtherwise() {
        Tensor x = Tensor.vector(0.5f, -2f, 1f).requiresGrad(true);
        List<Tensor> g = Autograd.grad(x.pow(3f).sum(), List.of(x), true, true);
        assertArrayEquals(new float[] {3f, -12f, 6f}, Curvature.hutchinsonDiagonal(g, List.of(x), 1, new Generator(1)).get(0).toArray(), 1e-5f);
        Tensor y = Tensor.vector(0.3f, -1f, 2f).requiresGrad(true);
        List<Tensor> gq = Autograd.grad(quadratic(y), List.of(y), true, true);
        float[] estimate = Curvature.hutchinsonDiagonal(gq, List.of(y), 4000, new Generator(2)).get(0).toArray();
        assertArrayEquals(new float[] {2f, 3f, 4f}, estimate, 0.1f);
    }

    @Test
    void rademacherDrawsAreOneBitEachAsTorchRandint() {
        Generator g = new Generator(42);
        Tensor z = Curvature.rademacher(g, 2, 3);
        Generator same = new Generator(42);
        for (float v : z.toArray()) assertEquals(same.nextBits32() % 2 == 0 ? -1f : 1f, v);
        assertTrue(z.toArray().length == 6);
    }

    @Test
    void hvpChecksItsVectors() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> Curvature.hvp(() -> x.sum(), List.of(x), List.of(Tensor.vector(1f))));
        assertEquals("hvp: v 0 has shape [1] but parameter 0 has shape [2]", e.getMessage());
    }
}
