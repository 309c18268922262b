package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** add(other, alpha), add_(other, alpha) and addcmul_ round once, as PyTorch's fused CPU kernels do. */
class ScaledAddTest {

    private static float[] random(Generator g, int n) {
        float[] v = new float[n];
        g.fillNormal(v, 0, 1);
        return v;
    }

    @Test
    void addWithAlphaIsOneFusedMultiplyAdd() {
        Generator g = new Generator(7);
        float[] a = random(g, 4096), b = random(g, 4096);
        float alpha = 0.3719f;
        float[] out = Tensor.of(a, 4096).add(Tensor.of(b, 4096), alpha).toArray();
        float[] inPlace = Tensor.of(a, 4096).add_(Tensor.of(b, 4096), alpha).toArray();
        float[] fused = new float[a.length];
        int differsFromTwoRoundings = 0;
        for (int i = 0; i < a.length; i++) {
            fused[i] = Math.fma(alpha, b[i], a[i]);
            if (fused[i] != a[i] + alpha * b[i]) differsFromTwoRoundings++;
        }
        assertArrayEquals(fused, out);
        assertArrayEquals(fused, inPlace);
        assertTrue(differsFromTwoRoundings > 0, "the data should tell fused from unfused arithmetic");
    }

    @Test
    void addcmulRoundsTheLastMultiplyAndTheAddOnce() {
        Generator g = new Generator(8);
        float[] s = random(g, 4096), t1 = random(g, 4096), t2 = random(g, 4096);
        float value = 0.77f;
        float[] out = Tensor.of(s, 4096).addcmul_(Tensor.of(t1, 4096), Tensor.of(t2, 4096), value).toArray();
        for (int i = 0; i < s.length; i++) {
            assertTrue(out[i] == Math.fma(value * t1[i], t2[i], s[i]), "element " + i);
        }
    }

    @Test
    void addWithAlphaHasTheRightGradients() {
        Tensor a = Tensor.randn(new Generator(1), 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(new Generator(2), 4).requiresGrad(true);
        GradCheck.assertGradients(in -> in[0].add(in[1], -2.5f).tanh(), a, b);
    }
}
