package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.List;

/**
 * AdamW: Adam with decoupled weight decay; the decay shrinks the parameters directly instead of
 * being added to the gradient (where Adam's division would rescale it).
 *
 * <pre>
 * t ← t + 1
 * g ← ∇f(p)                          (−∇f(p) if maximize)
 * p ← p − lr·λ·p                     (weight_decay λ, decoupled)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * if amsgrad:  v̂max ← max(v̂max, v);  use v̂max for v below
 * mHat ← m / (1 − β₁ᵗ)
 * vHat ← v / (1 − β₂ᵗ)
 * p ← p − lr·mHat / (√vHat + ε)
 * </pre>
 *
 * Loshchilov and Hutter, Decoupled Weight Decay Regularization, ICLR 2019, arXiv:1711.05101.
 *
 * <p>Note: as in PyTorch the decay is multiplied by lr ({@code p ← p·(1 − lr·λ)}); the paper
 * scales it by a separate schedule multiplier η_t. PyTorch's default λ is 0.01, Keras's 0.004.
 */
public final class AdamW extends Optimizer {

    public AdamW(List<?> params, Options options) {
        super(params, options.resolve("adamw", AdamWProvider.HYPERPARAMETERS));
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
                    p.mul_((float) (1 - lr * lambda));
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
