package dev.steepest.core;

import java.util.Locale;
import java.util.function.Function;

/**
 * Checks an op's analytic gradients (from {@link Tensor#backward}) against central differences,
 * for any function of tensors — use it to test an op of your own:
 *
 * <pre>{@code
 * GradCheck.assertGradients(in -> in[0].mul(in[1]).sum(), x, y);
 * }</pre>
 *
 * <p>A function with a non-scalar result is reduced to the scalar {@code Σ out·w} with fixed
 * pseudo-random weights {@code w}, so every output element is checked. Each input that requires
 * grad is nudged one element at a time by ±eps; the numeric derivative
 * {@code (L(x+eps) − L(x−eps)) / 2eps} is compared with the analytic one.
 *
 * <p>Tolerances for float32: the loss is computed in float32, so its rounding error (about 1e-7
 * relative) is divided by 2·eps. The defaults — {@code eps = 1e-3}, and a pass when
 * {@code |analytic − numeric| ≤ atol + rtol·|numeric|} with {@code atol = 5e-3}, {@code rtol = 1e-2}
 * — keep that noise well below the tolerance for values of order 1 while any real mistake in a
 * backward rule (a missing factor, a wrong sign, a transposed index) shows up as an error of order 1.
 * Keep inputs away from kinks (relu at 0, ties of max) where the derivative does not exist.
 */
public final class GradCheck {

    /** Step of the central differences. */
    public static final float DEFAULT_EPS = 1e-3f;
    /** Absolute tolerance of the comparison. */
    public static final float DEFAULT_ATOL = 5e-3f;
    /** Relative tolerance of the comparison. */
    public static final float DEFAULT_RTOL = 1e-2f;

    private GradCheck() {
    }

    /** The outcome: whether every element passed, and the worst element found. */
    public record Report(boolean passed, int input, int element, float analytic, float numeric, float maxError, int checked) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d derivatives checked; worst at input %d element %d: analytic %.6g, numeric %.6g (error %.3g)",
                    passed ? "gradients match" : "gradients differ", checked, input, element, analytic, numeric, maxError);
        }
    }

    /** Throws an AssertionError naming the worst element when the gradients differ (default tolerances). */
    public static void assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Report report = check(f, DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL, inputs);
        if (!report.passed()) {
            throw new AssertionError("GradCheck: " + report);
        }
    }

    /** Compares f's analytic gradients with central differences, with the default step and tolerances. */
    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL, inputs);
    }

    /** Compares the gradients; inputs that do not require grad are held fixed. Inputs' values are restored. */
    public static Report check(Function<Tensor[], Tensor> f, float eps, float atol, float rtol, Tensor... inputs) {
        boolean any = false;
        for (Tensor t : inputs) {
            if (!t.isLeaf()) {
                throw new IllegalArgumentException("GradCheck: inputs must be leaf tensors; got one made by " + t.gradFn());
            }
            any |= t.requiresGrad();
        }
        if (!any) {
            throw new IllegalArgumentException("GradCheck: no input requires grad; call requiresGrad(true) on the inputs to check");
        }
        Tensor probe = f.apply(inputs);
        float[] weights = weights(probe.numel());

        // analytic: one backward of Σ out·w
        for (Tensor t : inputs) t.setGrad(null);
        Tensor out = f.apply(inputs);
        out.backward(new Tensor(weights.clone(), out.shape()));
        float[][] analytic = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = inputs[i].grad();
            analytic[i] = g == null ? new float[inputs[i].numel()] : g.toArray();
            inputs[i].setGrad(null);
        }

        // numeric: central differences, one element at a time
        boolean passed = true;
        int worstInput = -1, worstElement = -1, checked = 0;
        float worstAnalytic = 0, worstNumeric = 0, worstError = 0, worstExcess = Float.NEGATIVE_INFINITY;
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < inputs.length; i++) {
                if (!inputs[i].requiresGrad()) continue;
                float[] x = inputs[i].rawData("GradCheck");   // an input that is a view is refused: nudge a dense leaf
                for (int e = 0; e < x.length; e++) {
                    // book:start central
                    float saved = x[e];
                    x[e] = saved + eps;
                    double plus = weighted(f.apply(inputs), weights);
                    x[e] = saved - eps;
                    double minus = weighted(f.apply(inputs), weights);
                    x[e] = saved;
                    float numeric = (float) ((plus - minus) / (2.0 * eps));
                    float a = analytic[i][e];
                    float error = Math.abs(a - numeric);
                    float excess = error - (atol + rtol * Math.abs(numeric));
                    // book:end central
                    boolean ok = excess <= 0 || (Float.isNaN(a) && Float.isNaN(numeric));
                    passed &= ok;
                    checked++;
                    if (excess > worstExcess || (!ok && Float.isNaN(error))) {
                        worstExcess = Float.isNaN(excess) ? Float.POSITIVE_INFINITY : excess;
                        worstInput = i;
                        worstElement = e;
                        worstAnalytic = a;
                        worstNumeric = numeric;
                        worstError = error;
                    }
                }
            }
        }
        return new Report(passed, worstInput, worstElement, worstAnalytic, worstNumeric, worstError, checked);
    }

    /**
     * The second-order check, as {@code torch.autograd.gradgradcheck}: the gradient check above run on
     * the gradient itself. With fixed weights w (the output's gradient, also nudged, as PyTorch nudges
     * grad_outputs) and u_i, the scalar
     * {@code F(inputs, w) = Σ_i u_i · d(Σ out·w)/d(input_i)}, whose gradients come from a backward with
     * {@code createGraph}, is compared with central differences of the first-order gradients. Passing
     * means the op's gradient is itself differentiated correctly, with respect to the inputs and to
     * the incoming gradient. Default step and tolerances.
     */
    public static Report checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return checkSecondOrder(f, DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL, inputs);
    }

    /** {@link #checkSecondOrder(Function, Tensor...)} with the given step and tolerances. */
    public static Report checkSecondOrder(Function<Tensor[], Tensor> f, float eps, float atol, float rtol, Tensor... inputs) {
        int n = inputs.length;
        Tensor probe = f.apply(inputs);
        Tensor w = new Tensor(weights(probe.numel()), probe.shape()).requiresGrad(true);
        Generator draws = new Generator(20240602);
        Tensor[] u = new Tensor[n];
        for (int i = 0; i < n; i++) {
            u[i] = new Tensor(new float[inputs[i].numel()], inputs[i].shape());
            for (int k = 0; k < u[i].data.length; k++) u[i].data[k] = 0.5f + draws.nextFloat();
        }
        Tensor[] withW = java.util.Arrays.copyOf(inputs, n + 1);
        withW[n] = w;
        Function<Tensor[], Tensor> gradientOfGradient = in -> {
            try (var on = Autograd.enableGrad()) {
                java.util.List<Tensor> wrt = new java.util.ArrayList<>();
                java.util.List<Tensor> weightsOfWrt = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (in[i].requiresGrad()) {
                        wrt.add(in[i]);
                        weightsOfWrt.add(u[i]);
                    }
                }
                Tensor out = f.apply(java.util.Arrays.copyOf(in, n));
                java.util.List<Tensor> grads = Autograd.grad(java.util.List.of(out), wrt, java.util.List.of(in[n]), true, true, true);
                Tensor total = Tensor.scalar(0f);
                for (int i = 0; i < grads.size(); i++) {
                    if (grads.get(i) != null) total = total.add(grads.get(i).mul(weightsOfWrt.get(i)).sum());
                }
                return total;
            }
        };
        return check(gradientOfGradient, eps, atol, rtol, withW);
    }

    /** Throws an AssertionError naming the worst element when the second-order check fails (default tolerances). */
    public static void assertSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Report report = checkSecondOrder(f, inputs);
        if (!report.passed()) {
            throw new AssertionError("GradCheck (second order): " + report);
        }
    }

    private static double weighted(Tensor out, float[] weights) {
        double s = 0;
        float[] y = out.values();
        for (int i = 0; i < y.length; i++) s += (double) y[i] * weights[i];
        return s;
    }

    /** Fixed weights in [0.5, 1.5), different per position, so no output element is ignored or cancelled. */
    private static float[] weights(int n) {
        Generator g = new Generator(20240601);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = 0.5f + g.nextFloat();
        return n == 1 ? new float[] {1f} : w;
    }

}
