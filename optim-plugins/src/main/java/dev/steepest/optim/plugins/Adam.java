package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.List;
import java.util.Map;

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
        super(params, options.resolve(new AdamProvider()));
    }

    /** Buffers a step can never make negative; a saved state with a negative one is refused. */
    @Override
    protected Map<String, String> nonNegativeState() {
        return Map.of("exp_avg_sq", "a running average of squared gradients",
                "max_exp_avg_sq", "the largest exp_avg_sq so far (amsgrad)");
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
                    Tensor vMax = amsgrad ? state.tensor("max_exp_avg_sq", () -> Tensor.zerosLike(p)) : null;
                    long t = state.incrementStep();
                    float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
                    float bias2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
                    update(p.rawData(), p.grad().rawData(), m.rawData(), v.rawData(), vMax == null ? null : vMax.rawData(),
                            (float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) lambda, eps, stepSize, bias2Sqrt, maximize);
                    p.markModified();
                    m.markModified();
                    v.markModified();
                    if (vMax != null) {
                        vMax.markModified();
                    }
                }
            }
        }
    }

    /**
     * One pass over the parameter, one line per equation. Each line rounds as PyTorch's
     * single-tensor Adam does ({@code add_(g, alpha)} and {@code addcmul_} are fused multiply-adds),
     * so the trajectory equals PyTorch's to the last bit; one pass instead of eight is what makes
     * it fast (the update is memory-bound).
     */
    private static void update(float[] p, float[] grad, float[] m, float[] v, float[] vMax, float beta1, float oneMinusBeta1,
                               float beta2, float oneMinusBeta2,
                               float lambda, float eps, float stepSize, float bias2Sqrt, boolean maximize) {
        for (int i = 0; i < p.length; i++) {
            float g = maximize ? -grad[i] : grad[i];
            if (lambda != 0) {
                g = Math.fma(lambda, p[i], g);                              // g ← g + λ·p
            }
            m[i] = Math.fma(oneMinusBeta1, g, beta1 * m[i]);                // m ← β₁·m + (1 − β₁)·g
            v[i] = Math.fma(oneMinusBeta2 * g, g, beta2 * v[i]);          // v ← β₂·v + (1 − β₂)·g²
            float vUsed = v[i];
            if (vMax != null) {
                vUsed = vMax[i] = Math.max(vMax[i], v[i]);                  // v̂max ← max(v̂max, v)
            }
            float denom = (float) Math.sqrt(vUsed) / bias2Sqrt + eps;      // √vHat + ε, corrections folded
            p[i] += -stepSize * m[i] / denom;                              // p ← p − lr·mHat / (√vHat + ε)
        }
    }
}
