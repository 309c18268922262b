package dev.steepest.core.testing;

import dev.steepest.core.Autograd;
import dev.steepest.core.Curvature;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one case of scripts/fixtures/second_order.py: for L = Σ f(inputs)·w, the gradient g from
 * {@code Autograd.grad(…, createGraph)} and {@code Curvature.hvp(g, inputs, v)}, each compared with
 * PyTorch's; used by core's and nn's second-order parity tests.
 */
public final class SecondOrderFixtures {

    private SecondOrderFixtures() {
    }

    /** Compares the case; {@code worst} collects the largest absolute and relative (where |expected| > 1e-3) H·v differences. */
    public static void compare(Fixtures.Case c, Function<Tensor[], Tensor> f, double rtol, double atol, double[] worst) {
        int n = (int) c.number("inputs");
        Tensor[] x = new Tensor[n];
        for (int i = 0; i < n; i++) x[i] = c.tensor("x" + i).requiresGrad(true);
        compare(c, f, x, rtol, atol, worst);
    }

    /** As {@link #compare(Fixtures.Case, Function, double, double, double[])}, differentiating {@code x}, which hold the case's x0, x1, … (a layer's parameters, say). */
    public static void compare(Fixtures.Case c, Function<Tensor[], Tensor> f, Tensor[] x, double rtol, double atol, double[] worst) {
        int n = x.length;
        List<Tensor> v = new ArrayList<>();
        for (int i = 0; i < n; i++) v.add(c.tensor("v" + i));
        Tensor out = f.apply(x);
        List<Tensor> g = Autograd.grad(List.of(out), List.of(x), List.of(c.tensor("w")), true, true, true);
        List<Tensor> hv = Curvature.hvp(g, List.of(x), v);
        for (int i = 0; i < n; i++) {
            Tensor gi = g.get(i) == null ? Tensor.zerosLike(x[i]) : g.get(i);
            TensorAssert.assertClose(c.tensor("g" + i), gi, rtol, atol, c.name() + " gradient " + i);
            TensorAssert.assertClose(c.tensor("hv" + i), hv.get(i), rtol, atol, c.name() + " H·v " + i);
            float[] expected = c.tensor("hv" + i).toArray(), actual = hv.get(i).toArray();
            for (int k = 0; k < expected.length; k++) {
                double abs = Math.abs(expected[k] - actual[k]);
                worst[0] = Math.max(worst[0], abs);
                if (Math.abs(expected[k]) > 1e-3) worst[1] = Math.max(worst[1], abs / Math.abs(expected[k]));
            }
        }
    }
}
