package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.List;

/**
 * Adam: steps by a running mean of the gradient divided by the root of a running mean of its
 * square, both corrected for their start at zero.
 *
 * <pre>
 * t ← t + 1
 * g ← ∇f(p)                          (−∇f(p) if maximize)
 * if λ ≠ 0:  g ← g + λ·p             (weight_decay λ, an L2 penalty)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * if amsgrad:  v̂max ← max(v̂max, v);  use v̂max for v below
 * mHat ← m / (1 − β₁ᵗ)
 * vHat ← v / (1 − β₂ᵗ)
 * p ← p − lr·mHat / (√vHat + ε)
 * </pre>
 *
 * Kingma and Ba, Adam: A Method for Stochastic Optimization, ICLR 2015, arXiv:1412.6980;
 * amsgrad: Reddi, Kale and Kumar, On the Convergence of Adam and Beyond, ICLR 2018.
 *
 * <p>Note: the last two lines are computed as PyTorch does, with the corrections folded into
 * scalars: {@code p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)}; the paper's ε̂ form
 * differs slightly, and Keras's ε is 1e-7.
 */
public final class Adam extends Optimizer {

    public Adam(List<?> params, Options options) {
        super(params, options.resolve("adam", AdamProvider.HYPERPARAMETERS));
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                double lr = group.lr();
                double beta1 = group.getDouble("beta1");
                double beta2 = group.getDouble("beta2");
                float eps = (float) group.getDouble("eps");
                double lambda = group.getDouble("weight_decay");
                boolean amsgrad = group.getBoolean("amsgrad");
                boolean maximize = group.getBoolean("maximize");
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    ParamState state = state(p);
                    Tensor m = state.tensor("exp_avg", () -> Tensor.zerosLike(p));
                    Tensor v = state.tensor("exp_avg_sq", () -> Tensor.zerosLike(p));
                    long t = state.incrementStep();
                    Tensor g = maximize ? p.grad().neg() : p.grad();
                    if (lambda != 0) {
                        g = g.add(p, (float) lambda);
                    }
                    m.mul_((float) beta1).add_(g, (float) (1 - beta1));
                    v.mul_((float) beta2).addcmul_(g, g, (float) (1 - beta2));
                    if (amsgrad) {
                        v = state.tensor("max_exp_avg_sq", () -> Tensor.zerosLike(p)).maximum_(v);
                    }
                    double stepSize = lr / (1 - Math.pow(beta1, t));
                    double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
                    Tensor denom = v.sqrt().div(Tensor.scalar((float) bias2Sqrt)).add_(eps);
                    p.addcdiv_(m, denom, (float) -stepSize);
                }
            }
        }
    }
}
