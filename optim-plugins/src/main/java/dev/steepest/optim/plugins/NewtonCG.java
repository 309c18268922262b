package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Newton-CG, Hessian-free optimization: Newton's step found by conjugate gradient, which needs the
 * Hessian only through Hessian-vector products, never the Hessian itself, so it scales to any
 * number of parameters. It reads curvature, so it {@linkplain #needsGraph() needs the loss's graph}.
 *
 * <pre>
 * g ← ∇f(p)                          (all parameters as one vector; made with its graph)
 * B·s = H·s + λ·s                    (damping λ; H·s a Hessian-vector product)
 * d ← ζ·d_prev                       (CG starts from the last step's direction, ζ = 0.95)
 * r ← −g − B·d;  s ← r               (conjugate gradient on B·d = −g)
 * repeat up to max_cg_iter times:
 *     κ ← sᵀ·B·s
 *     if κ ≤ 0: stop                 (negative curvature: keep d, or take −g if d is still 0)
 *     α ← rᵀr / κ
 *     d ← d + α·s;  r' ← r − α·B·s
 *     stop if ‖r'‖ ≤ tolerance·‖g‖, or when the quadratic φ(d) = ½dᵀBd + gᵀd has improved by
 *          less than k·5e-4 of itself over the last k = max(10, i/10) iterations (Martens)
 *     s ← r' + (r'ᵀr' / rᵀr)·s;  r ← r'
 * p ← p + lr·d
 * </pre>
 *
 * Martens, Deep learning via Hessian-free optimization, ICML 2010 (section 4: CG's warm start ζ,
 * its stopping rule, damping); Nocedal and Wright, Numerical Optimization (2nd ed.), Algorithm 7.1
 * (the stop at negative curvature). Defaults: lr 1, damping 0, ζ 0.95 and 250 CG iterations
 * (Martens), tolerance 1e-5.
 *
 * <p>Note: Martens uses the Gauss–Newton matrix and adapts λ by the Levenberg–Marquardt rule after
 * each step; here B is the true Hessian plus a fixed λ (the damping option), and CG stops at negative
 * curvature instead. Each group's lr scales its own parameters' share of the one step d.
 */
public final class NewtonCG extends Optimizer {

    public NewtonCG(List<?> params, Options options) {
        super(params, options.resolve(new NewtonCGProvider()));
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
        ParamGroup first = slots.get(0).group();
        int maxIterations = first.getInt("max_cg_iter");
        double tolerance = first.getDouble("tolerance");
        double zeta = first.getDouble("warm_start");
        List<Tensor> g = new ArrayList<>();
        for (Tensor gi : SecondOrder.gradients(slots)) g.add(gi.detach());
        List<Tensor> d = new ArrayList<>();
        for (SecondOrder.Slot s : slots) {
            Tensor previous = (Tensor) state(s.p()).get("direction");
            d.add(previous == null ? Tensor.zerosLike(s.p()) : previous.mul((float) zeta));   // d ← ζ·d_prev
        }
        List<Tensor> r = minus(scaled(g, -1), times(slots, d));                                 // r ← −g − B·d
        List<Tensor> s = r;
        double gNorm = Math.sqrt(dot(g, g));
        List<Double> phi = new ArrayList<>();
        int iterations = 0;
        double curvature = Double.NaN;
        while (iterations < maxIterations) {
            List<Tensor> bs = times(slots, s);
            double kappa = dot(s, bs);                                                            // κ ← sᵀ·B·s
            if (!(kappa > 0)) {
                if (dot(d, d) == 0) d = scaled(g, -1);                                            // negative curvature at once: −g
                break;
            }
            curvature = kappa / dot(s, s);
            double rr = dot(r, r);
            double alpha = rr / kappa;                                                            // α ← rᵀr / κ
            d = plus(d, scaled(s, alpha));                                                        // d ← d + α·s
            List<Tensor> rNext = minus(r, scaled(bs, alpha));                                     // r' ← r − α·B·s
            iterations++;
            phi.add(0.5 * dot(d, minus(scaled(g, -1), rNext)) + dot(g, d));   // B·d = −g − r', so φ(d) = ½dᵀ(−g − r') + gᵀd
            if (Math.sqrt(dot(rNext, rNext)) <= tolerance * gNorm || martensStop(phi)) break;
            s = plus(rNext, scaled(s, dot(rNext, rNext) / rr));                                   // s ← r' + β·s
            r = rNext;
        }
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < slots.size(); i++) {
                Tensor p = slots.get(i).p();
                p.add_(d.get(i), (float) slots.get(i).group().lr());                              // p ← p + lr·d
                state(p).put("direction", d.get(i));
                state(p).put("cg_iterations", (long) iterations);
                state(p).put("curvature", curvature);     // sᵀBs / sᵀs along CG's last direction: what --explain shows
            }
        }
    }

    /** Martens' rule: after i iterations, stop when φ improved by less than k·ε·|φ| over the last k = max(10, i/10), ε = 5e-4. */
    private static boolean martensStop(List<Double> phi) {
        int i = phi.size();
        int k = Math.max(10, i / 10);
        if (i <= k) return false;
        double now = phi.get(i - 1);
        return now < 0 && (now - phi.get(i - 1 - k)) / now < k * 5e-4;
    }

    /** B·v = H·v + λ·v, with each group's λ on its own parameters. */
    private static List<Tensor> times(List<SecondOrder.Slot> slots, List<Tensor> v) {
        List<Tensor> hv = SecondOrder.hessianTimes(slots, v);
        List<Tensor> bv = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) bv.add(hv.get(i).add(v.get(i).mul((float) slots.get(i).group().getDouble("damping"))));
        return bv;
    }

    private static double dot(List<Tensor> a, List<Tensor> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).toArray(), y = b.get(i).toArray();
            for (int e = 0; e < x.length; e++) sum += (double) x[e] * y[e];
        }
        return sum;
    }

    private static List<Tensor> scaled(List<Tensor> a, double c) {
        return a.stream().map(t -> t.mul((float) c)).toList();
    }

    private static List<Tensor> plus(List<Tensor> a, List<Tensor> b) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.add(a.get(i).add(b.get(i)));
        return out;
    }

    private static List<Tensor> minus(List<Tensor> a, List<Tensor> b) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.add(a.get(i).sub(b.get(i)));
        return out;
    }
}
