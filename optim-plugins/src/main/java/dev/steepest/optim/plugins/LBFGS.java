package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Closure;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * L-BFGS, PyTorch's {@code torch.optim.LBFGS}: a quasi-Newton method that builds an estimate of the
 * inverse Hessian from the last {@code history_size} steps s and gradient changes y. It needs the
 * loss and gradient at several points per step, which is why {@link #step(Closure)} exists:
 * {@link #step()} alone throws.
 *
 * <pre>
 * g ← ∇f(x);  stop if max|g| ≤ tolerance_grad
 * repeat up to max_iter times:
 *     if first iteration:  d ← −g;  H ← 1
 *     else:  y ← g − g_prev;  s ← t·d
 *            if y·s > 1e-10:  remember (y, s, ρ = 1/(y·s));  H ← (y·s)/(y·y)
 *            q ← −g
 *            for i = newest … oldest:  αᵢ ← ρᵢ·sᵢ·q;  q ← q − αᵢ·yᵢ
 *            r ← H·q
 *            for i = oldest … newest:  βᵢ ← ρᵢ·yᵢ·r;  r ← r + (αᵢ − βᵢ)·sᵢ
 *            d ← r
 *     t ← min(1, 1/Σ|g|)·lr at the very first iteration, else lr
 *     stop if g·d > −tolerance_change
 *     line_search_fn = none:          x ← x + t·d;  re-evaluate f and g (the closure), except
 *                                     after the last iteration
 *     line_search_fn = strong_wolfe:  t ← a step from t satisfying the strong Wolfe conditions
 *                                     (f and g come from the search);  x ← x + t·d
 *     stop if evaluations ≥ max_eval, max|g| ≤ tolerance_grad, max|t·d| ≤ tolerance_change
 *          or |f − f_prev| &lt; tolerance_change
 * </pre>
 *
 * Liu and Nocedal, On the limited memory BFGS method for large scale optimization, Mathematical
 * Programming 45, 1989; Nocedal and Wright, Numerical Optimization, algorithm 7.4, and for the
 * line search (the package-private {@code StrongWolfe}) algorithms 3.5 and 3.6.
 *
 * <p>Note: like PyTorch, all parameters are one flat vector, the state lives with the first
 * parameter, and there is one parameter group. Without a line search (line_search_fn = none,
 * PyTorch's default None) the step is t = lr, which can diverge when lr is too large; with
 * strong_wolfe the line search evaluates the closure up to 26 times per iteration, and its
 * constants are PyTorch's (c1 = 1e-4, c2 = 0.9, tolerance_change = 1e-9, max_ls = 25).
 */
public final class LBFGS extends Optimizer {

    private final List<Tensor> params;

    public LBFGS(List<?> params, Options options) {
        super(params, options.resolve(new LBFGSProvider()));
        this.params = paramGroups().get(0).params();
        if (paramGroups().size() != 1) {
            throw new IllegalArgumentException(name() + ": does not support parameter groups (got " + paramGroups().size()
                    + "); pass one list of tensors");
        }
    }

    @Override
    public void addParamGroup(ParamGroup group) {
        if (!paramGroups().isEmpty()) {
            throw new IllegalArgumentException(name() + ": does not support parameter groups (PyTorch's LBFGS neither); "
                    + "create it over all the tensors at once");
        }
        super.addParamGroup(group);
    }

    @Override
    public boolean supportsParamGroups() {
        return false;
    }

    @Override
    public boolean requiresClosure() {
        return true;
    }

    /** Buffers a step can never make negative; a saved state with a negative one is refused. */
    @Override
    protected Map<String, String> nonNegativeState() {
        return Map.of("ro", "1 / (y·s) of each kept pair, kept only when y·s > 1e-10",
                "H_diag", "the scale (y·s) / (y·y) of the first Hessian guess",
                "n_iter", "a count of iterations", "func_evals", "a count of function evaluations");
    }

    @Override
    protected boolean buffersShapedLikeParams() {
        return false;
    }

    /** Always throws: L-BFGS must re-evaluate the loss, so it needs {@link #step(Closure)}. */
    @Override
    public void step() {
        throw new IllegalStateException(name() + ": step() needs a closure that re-evaluates the loss, because L-BFGS evaluates it "
                + "several times per step. Call optimizer.step(() -> { optimizer.zeroGrad(); Tensor loss = …; loss.backward(); return loss; })");
    }

    @Override
    public float step(Closure closure) {
        if (closure == null) {
            step();
        }
        float origLoss;
        try (var off = Autograd.noGrad()) {
            origLoss = iterate(closure);
        }
        return origLoss;
    }

    private float iterate(Closure closure) {
        ParamGroup group = paramGroups().get(0);
        double lr = group.lr();
        int maxIter = group.getInt("max_iter");
        int maxEval = group.get("max_eval") == null ? maxIter * 5 / 4 : group.getInt("max_eval");
        float tolGrad = (float) group.getDouble("tolerance_grad");
        double tolChange = group.getDouble("tolerance_change");
        int historySize = group.getInt("history_size");
        boolean strongWolfe = group.getString("line_search_fn").equals("strong_wolfe");
        ParamState state = state(params.get(0));

        float origLoss = evaluate(closure);
        double loss = origLoss;
        int currentEvals = 1;
        state.put("func_evals", (state.has("func_evals") ? state.getLong("func_evals") : 0L) + 1);
        float[] g = flatGrad();
        if (maxAbs(g) <= tolGrad) {
            return origLoss;
        }
        float[] d = state.has("d") ? state.tensor("d").toArray() : null;
        StrongWolfeStep t = StrongWolfeStep.ofDouble(state.has("t") ? state.getDouble("t") : 0);   // a float32 tensor or a Python float, as in PyTorch
        List<float[]> oldDirs = arrays(state, "old_dirs");
        List<float[]> oldStps = arrays(state, "old_stps");
        List<Float> ro = new ArrayList<>();
        if (state.has("ro")) for (float r : state.tensor("ro").toArray()) ro.add(r);
        float hDiag = state.has("H_diag") ? (float) state.getDouble("H_diag") : 1f;
        float[] prevG = state.has("prev_flat_grad") ? state.tensor("prev_flat_grad").toArray() : null;
        double prevLoss = state.has("prev_loss") ? state.getDouble("prev_loss") : 0;
        long nIterTotal = state.has("n_iter") ? state.getLong("n_iter") : 0L;

        int nIter = 0;
        while (nIter < maxIter) {
            nIter++;
            nIterTotal++;
            // the search direction d
            if (nIterTotal == 1) {
                d = scaled(g, -1f);
                oldDirs.clear();
                oldStps.clear();
                ro.clear();
                hDiag = 1f;
            } else {
                float[] y = minus(g, prevG);
                float[] s = scaled(d, t.asFloat());
                float ys = dot(y, s);
                if (ys > (float) 1e-10) {
                    if (oldDirs.size() == historySize) {
                        oldDirs.remove(0);
                        oldStps.remove(0);
                        ro.remove(0);
                    }
                    oldDirs.add(y);
                    oldStps.add(s);
                    ro.add(1f / ys);
                    hDiag = ys / dot(y, y);
                }
                int k = oldDirs.size();
                float[] alpha = new float[k];
                float[] q = scaled(g, -1f);
                for (int i = k - 1; i >= 0; i--) {
                    alpha[i] = dot(oldStps.get(i), q) * ro.get(i);
                    addScaled(q, oldDirs.get(i), -alpha[i]);
                }
                float[] r = scaled(q, hDiag);
                for (int i = 0; i < k; i++) {
                    float beta = dot(oldDirs.get(i), r) * ro.get(i);
                    addScaled(r, oldStps.get(i), alpha[i] - beta);
                }
                d = r;
            }
            prevG = g.clone();
            prevLoss = loss;
            // the step length t
            if (nIterTotal == 1) {
                float inverseSum = 1f / sumAbs(g);
                t = inverseSum < 1f ? StrongWolfeStep.ofFloat(inverseSum * (float) lr) : StrongWolfeStep.ofDouble(lr);
            } else {
                t = StrongWolfeStep.ofDouble(lr);
            }
            float gtd = dot(g, d);
            if (gtd > (float) -tolChange) {
                break;
            }
            int lsEvals = 0;
            if (strongWolfe) {
                // search t along d (the closure runs at trial points; the parameters are put back)
                StrongWolfe.Result found = StrongWolfe.search(directionalEvaluation(closure, d), t, d, loss, g, gtd);
                t = found.t();
                loss = found.f();
                g = found.g();
                lsEvals = found.evaluations();
            }
            addToParams(d, t.asFloat());
            if (!strongWolfe && nIter != maxIter) {
                // no line search: re-evaluate at the new x, except after the last iteration
                loss = evaluate(closure);
                g = flatGrad();
                lsEvals = 1;
            }
            currentEvals += lsEvals;
            state.put("func_evals", state.getLong("func_evals") + lsEvals);
            if (nIter == maxIter || currentEvals >= maxEval || maxAbs(g) <= tolGrad) {
                break;
            }
            if (maxAbs(scaled(d, t.asFloat())) <= (float) tolChange || Math.abs(loss - prevLoss) < tolChange) {
                break;
            }
        }
        state.put("n_iter", nIterTotal);
        state.put("d", Tensor.vector(d));
        state.put("t", t.value());
        state.put("old_dirs", tensors(oldDirs));
        state.put("old_stps", tensors(oldStps));
        float[] roValues = new float[ro.size()];
        for (int i = 0; i < roValues.length; i++) roValues[i] = ro.get(i);
        state.put("ro", Tensor.vector(roValues));
        state.put("H_diag", (double) hDiag);
        state.put("prev_flat_grad", Tensor.vector(prevG));
        state.put("prev_loss", prevLoss);
        return origLoss;
    }

    // ---------------------------------------------------------------- the flat vector of all parameters

    private float[] flatGrad() {
        int n = 0;
        for (Tensor p : params) n += p.numel();
        float[] flat = new float[n];
        int offset = 0;
        for (Tensor p : params) {
            if (p.grad() != null) System.arraycopy(p.grad().rawData(), 0, flat, offset, p.numel());   // a missing grad counts as 0
            offset += p.numel();
        }
        return flat;
    }

    /** φ(t) for the line search: f and g at x + t·d, then x is restored (PyTorch's _directional_evaluate). */
    private StrongWolfe.Objective directionalEvaluation(Closure closure, float[] d) {
        List<float[]> x = new ArrayList<>();
        for (Tensor p : params) x.add(p.rawData().clone());
        return t -> {
            addToParams(d, t.asFloat());
            double f = evaluate(closure);
            float[] g = flatGrad();
            for (int i = 0; i < params.size(); i++) {
                System.arraycopy(x.get(i), 0, params.get(i).rawData(), 0, x.get(i).length);
                params.get(i).markModified();
            }
            return new StrongWolfe.Point(f, g);
        };
    }

    /** x ← x + step·update, parameter by parameter (inside noGrad; fused multiply-add as PyTorch's add_(alpha)). */
    private void addToParams(float[] update, float step) {
        int offset = 0;
        for (Tensor p : params) {
            float[] x = p.rawData();
            for (int i = 0; i < x.length; i++) x[i] = Math.fma(step, update[offset + i], x[i]);
            p.markModified();
            offset += x.length;
        }
    }

    private static List<float[]> arrays(ParamState state, String name) {
        List<float[]> out = new ArrayList<>();
        if (state.has(name)) for (Tensor t : state.tensors(name)) out.add(t.toArray());
        return out;
    }

    private static List<Tensor> tensors(List<float[]> arrays) {
        List<Tensor> out = new ArrayList<>();
        for (float[] a : arrays) out.add(Tensor.vector(a));
        return out;
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static float[] scaled(float[] a, float c) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] * c;
        return out;
    }

    private static float[] minus(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    private static void addScaled(float[] a, float[] b, float c) {
        for (int i = 0; i < a.length; i++) a[i] = Math.fma(c, b[i], a[i]);   // PyTorch's add_(b, alpha=c) uses a fused multiply-add
    }

    static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static float sumAbs(float[] a) {
        float s = 0;
        for (float v : a) s += Math.abs(v);
        return s;
    }
}
