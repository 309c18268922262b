package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Newton's method, damped: all parameters as one vector, the full Hessian built from one
 * Hessian-vector product per parameter element, and the step that would land on the minimum of
 * the quadratic it describes. On a quadratic (the seed's y = x²) one step with lr 1 reaches the
 * minimum. It reads curvature, so it {@linkplain #needsGraph() needs the loss's graph}.
 *
 * <pre>
 * g ← ∇f(p)                                  (n numbers, n ≤ 4,096; made with its graph)
 * H ← ∇²f(p)                                 (column i is H·eᵢ, a Hessian-vector product)
 * H ← H + λ·I                                (damping λ, Levenberg–Marquardt)
 * if H is not positive definite:             (Nocedal and Wright, Algorithm 3.3)
 *     H ← H + τ·I, with τ the first of τ₀, 2τ₀, 4τ₀, … for which Cholesky's H = L·Lᵀ succeeds
 * d ← H⁻¹·g                                  (by L·Lᵀ·d = g, in double)
 * p ← p − lr·d
 * </pre>
 *
 * Newton's step is Nocedal and Wright, Numerical Optimization (2nd ed.), equation 3.30; the shift
 * that makes a Hessian positive definite, so that every step goes downhill, is their Algorithm 3.3
 * (β = 1e-3; τ₀ = 0 when every diagonal element is positive, else β − min Hᵢᵢ).
 *
 * <p>Note: there is no line search. Newton's step lands on the minimum of the local quadratic
 * model, which can be far from the function's where the Hessian is small or indefinite (the shift
 * τ only makes the direction downhill): there, raise damping λ or take lr &lt; 1. From the race's
 * start on Rosenbrock it reaches (1, 1) exactly in 7 steps, going uphill on the way, as PyTorch's
 * float32 Newton does (scripts/fixtures/optim_second_order.py).
 *
 * <p>The Hessian has n² entries and costs n backward passes, so newton refuses more than
 * {@value #MAX_PARAMETERS} parameters: use newton-cg, which needs only Hessian-vector products.
 * Each group's lr scales its own parameters' share of the one step d, and its damping is added on
 * its own parameters' diagonal.
 */
public final class Newton extends Optimizer {
    /** The most parameter elements whose Hessian it builds (a few thousand: 4,096² doubles are 128 MiB). */
    public static final int MAX_PARAMETERS = 4096;
    private static final double BETA = 1e-3;

    public Newton(List<?> params, Options options) {
        super(params, options.resolve(new NewtonProvider()));
    }

    /** Adds the group, refusing it when the parameters would be more than {@value #MAX_PARAMETERS}. */
    @Override
    public void addParamGroup(ParamGroup group) {
        super.addParamGroup(group);
        refuseLarge(paramGroups());
    }

    private void refuseLarge(List<ParamGroup> groups) {
        long n = 0;
        for (ParamGroup g : groups) for (Tensor p : g.params()) n += p.numel();
        if (n > MAX_PARAMETERS) {
            throw new IllegalArgumentException(name() + ": " + n + " parameters is more than the " + MAX_PARAMETERS
                    + " whose full Hessian (n² entries, n backward passes a step) newton builds; use newton-cg, "
                    + "which needs only Hessian-vector products (-Doptimizer=newton-cg)");
        }
    }

    @Override
    public boolean needsGraph() {
        return true;
    }

    @Override
    public void step() {
        List<SecondOrder.Slot> slots = SecondOrder.withGradients(this);
        if (slots.isEmpty()) {
            return;
        }
        int n = 0;
        for (SecondOrder.Slot s : slots) n += s.p().numel();
        double[] g = flatten(SecondOrder.gradients(slots), n);
        double[][] h = hessian(slots, n);
        double[] damping = new double[n];
        int at = 0;
        for (SecondOrder.Slot s : slots) {
            for (int e = 0; e < s.p().numel(); e++) damping[at++] = s.group().getDouble("damping");
        }
        for (int i = 0; i < n; i++) h[i][i] += damping[i];                        // H ← H + λ·I
        double tau = positiveDefiniteShift(h);                                     // H ← H + τ·I
        double[][] l = cholesky(h, tau);
        double[] d = solve(l, g);                                                  // d ← H⁻¹·g
        try (var off = Autograd.noGrad()) {
            at = 0;
            for (SecondOrder.Slot s : slots) {
                Tensor p = s.p();
                float[] step = new float[p.numel()];
                for (int e = 0; e < step.length; e++) step[e] = (float) (s.group().lr() * d[at++]);
                p.sub_(Tensor.of(step, p.shape()));                                // p ← p − lr·d
                float[] diagonal = new float[p.numel()];
                int first = at - step.length;
                for (int e = 0; e < diagonal.length; e++) diagonal[e] = (float) h[first + e][first + e];
                state(p).put("hessian_diag", Tensor.of(diagonal, p.shape()));      // what --explain shows
                state(p).put("shift", tau);
            }
        }
    }

    /** H, column by column: H·eᵢ through the gradients' graph, then made exactly symmetric. */
    private static double[][] hessian(List<SecondOrder.Slot> slots, int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            List<Tensor> e = new ArrayList<>();
            int offset = 0;
            for (SecondOrder.Slot s : slots) {
                float[] unit = new float[s.p().numel()];
                if (i >= offset && i < offset + unit.length) unit[i - offset] = 1f;
                e.add(Tensor.of(unit, s.p().shape()));
                offset += unit.length;
            }
            double[] column = flatten(SecondOrder.hessianTimes(slots, e), n);
            for (int r = 0; r < n; r++) h[r][i] = column[r];
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < r; c++) h[r][c] = h[c][r] = (h[r][c] + h[c][r]) / 2;
        }
        return h;
    }

    /** τ₀ of Algorithm 3.3, raised until Cholesky succeeds; 0 when H is already positive definite. */
    private static double positiveDefiniteShift(double[][] h) {
        double minDiagonal = Double.POSITIVE_INFINITY;
        for (int i = 0; i < h.length; i++) minDiagonal = Math.min(minDiagonal, h[i][i]);
        double tau = minDiagonal > 0 ? 0 : BETA - minDiagonal;
        while (cholesky(h, tau) == null) {
            tau = Math.max(2 * tau, BETA);
        }
        return tau;
    }

    /** @return L with L·Lᵀ = H + τ·I, or null when H + τ·I is not positive definite */
    private static double[][] cholesky(double[][] h, double tau) {
        int n = h.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double sum = h[j][j] + tau;
            for (int k = 0; k < j; k++) sum -= l[j][k] * l[j][k];
            if (!(sum > 0)) return null;
            l[j][j] = Math.sqrt(sum);
            for (int i = j + 1; i < n; i++) {
                double s = h[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    /** @return d with L·Lᵀ·d = g: forward, then backward substitution */
    private static double[] solve(double[][] l, double[] g) {
        int n = g.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = g[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] d = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * d[k];
            d[i] = s / l[i][i];
        }
        return d;
    }

    private static double[] flatten(List<Tensor> tensors, int n) {
        double[] flat = new double[n];
        int at = 0;
        for (Tensor t : tensors) {
            for (float v : t.toArray()) flat[at++] = v;
        }
        return flat;
    }
}
