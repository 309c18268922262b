package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.ArrayList;
import java.util.List;

/**
 * Sophia, the Hutchinson variant (Sophia-H): a running mean of the gradient divided by a running
 * mean of the Hessian's diagonal, estimated every k steps, with each coordinate's step clipped so
 * that where the curvature is small, negative or stale it moves no more than lr. It reads
 * curvature, so it {@linkplain #needsGraph() needs the loss's graph}.
 *
 * <pre>
 * t ← t + 1
 * g ← ∇f(p)                                  (made with its graph: loss.backward(true))
 * if t mod k = 1:                            (every update_period k steps, from the first)
 *     u ← a standard normal vector
 *     ĥ ← u ⊙ (H u)                          (Hutchinson's unbiased estimate of diag H)
 *     h ← β₂·h + (1 − β₂)·ĥ
 * p ← p − lr·λ·p                             (weight_decay λ, decoupled)
 * m ← β₁·m + (1 − β₁)·g
 * p ← p − lr / (1 − β₁ᵗ) · sign(m) · min(|m| / (γ·max(h, 0) + ε), 1)
 * </pre>
 *
 * Liu, Li, Hall, Liang and Ma, Sophia: A Scalable Stochastic Second-order Optimizer for Language
 * Model Pre-training, ICLR 2024, arXiv:2305.14342, Algorithms 1 (the estimator) and 3. The update
 * and defaults are the authors' SophiaH (github.com/Liuhong99/Sophia, sophia.py at c503211, the
 * last commit that has it): lr 1e-3, betas (0.9, 0.99), gamma 10, weight_decay 1e-2, ε 1e-12,
 * the step's bias correction 1 / (1 − β₁ᵗ); k = 10 is their training script's hess_interval.
 *
 * <p>Note: the authors estimate the Hessian after the step of every k-th iteration, from a new
 * forward pass; here, as in the paper's Algorithm 3, at steps 1, k + 1, 2k + 1, … at the step's own
 * point, before its update, through the gradient's graph. The draws of step t come from
 * {@code new Generator(seed + t)} in parameter order. The later papers and code call γ ρ.
 */
public final class Sophia extends Optimizer {

    public Sophia(List<?> params, Options options) {
        super(params, options.resolve(new SophiaProvider()));
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
        long t = state(slots.get(0).p()).step() + 1;
        ParamGroup first = slots.get(0).group();
        List<Tensor> hHat = null;
        if ((t - 1) % first.getInt("update_period") == 0) {                     // t mod k = 1
            Generator generator = SecondOrder.draws(first.getInt("seed"), t);
            List<Tensor> u = new ArrayList<>();
            for (SecondOrder.Slot s : slots) u.add(Tensor.randn(generator, s.p().shape()));
            List<Tensor> hu = SecondOrder.hessianTimes(slots, u);
            hHat = new ArrayList<>();
            for (int i = 0; i < u.size(); i++) hHat.add(u.get(i).mul(hu.get(i)));  // ĥ ← u ⊙ (H u)
        }
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < slots.size(); i++) {
                Tensor p = slots.get(i).p();
                ParamGroup group = slots.get(i).group();
                double lr = group.lr();
                double beta1 = group.getDouble("beta1");
                double beta2 = group.getDouble("beta2");
                float gamma = (float) group.getDouble("gamma");
                float eps = (float) group.getDouble("eps");
                double lambda = group.getDouble("weight_decay");
                ParamState state = state(p);
                Tensor m = state.tensor("exp_avg", () -> Tensor.zerosLike(p));
                Tensor h = state.tensor("hessian", () -> Tensor.zerosLike(p));
                long step = state.incrementStep();
                Tensor g = p.grad().detach();
                if (hHat != null) {
                    h.mul_((float) beta2).add_(hHat.get(i), (float) (1 - beta2));      // h ← β₂·h + (1 − β₂)·ĥ
                }
                p.mul_((float) (1 - lr * lambda));                                      // p ← p − lr·λ·p
                m.mul_((float) beta1).add_(g, (float) (1 - beta1));                     // m ← β₁·m + (1 − β₁)·g
                float stepSize = (float) (-lr / (1 - Math.pow(beta1, step)));
                Tensor ratio = m.abs().div(h.relu().mul(gamma).add(eps)).clamp(Float.NEGATIVE_INFINITY, 1f);   // min(|m| / (γ·max(h, 0) + ε), 1)
                p.add_(SecondOrder.sign(m).mul(ratio), stepSize);                         // p ← p − lr/(1 − β₁ᵗ)·sign(m)·ratio
            }
        }
    }
}
