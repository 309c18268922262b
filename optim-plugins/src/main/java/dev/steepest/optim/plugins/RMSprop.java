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
 * RMSprop: divides the gradient by a running root mean square of recent gradients.
 *
 * <pre>
 * g ← ∇f(p)                          (−∇f(p) if maximize)
 * if λ ≠ 0:  g ← g + λ·p             (weight_decay λ)
 * v ← α·v + (1 − α)·g²
 * if centered:  ḡ ← α·ḡ + (1 − α)·g;   d ← √(v − ḡ²) + ε
 * else:         d ← √v + ε
 * if μ > 0:  b ← μ·b + g/d;   p ← p − lr·b
 * else:      p ← p − lr·g/d
 * </pre>
 *
 * Hinton, Neural Networks for Machine Learning, lecture 6e, 2012; centered form from Graves,
 * Generating Sequences With Recurrent Neural Networks, arXiv:1308.0850, 2013.
 *
 * <p>Note: PyTorch's α is 0.99 and ε 1e-8, added after the square root; TensorFlow uses
 * ρ = 0.9 and puts ε inside the root, so the two differ early in training.
 */
public final class RMSprop extends Optimizer {

    public RMSprop(List<?> params, Options options) {
        super(params, options.resolve(new RMSpropProvider()));
    }

    /** Buffers a step can never make negative; a saved state with a negative one is refused. */
    @Override
    protected Map<String, String> nonNegativeState() {
        return Map.of("square_avg", "a running average of squared gradients");
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                double lr = group.lr();
                double alpha = group.getDouble("alpha");
                float eps = (float) group.getDouble("eps");
                double lambda = group.getDouble("weight_decay");
                double mu = group.getDouble("momentum");
                boolean centered = group.getBoolean("centered");
                boolean maximize = group.getBoolean("maximize");
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    ParamState state = state(p);
                    state.incrementStep();
                    Tensor v = state.tensor("square_avg", () -> Tensor.zerosLike(p));
                    Tensor g = maximize ? p.grad().neg() : p.grad();
                    if (lambda != 0) {
                        g = g.add(p, (float) lambda);
                    }
                    v.mul_((float) alpha).addcmul_(g, g, (float) (1 - alpha));
                    Tensor d;
                    if (centered) {
                        Tensor gBar = state.tensor("grad_avg", () -> Tensor.zerosLike(p));
                        gBar.mul_((float) alpha).add_(g, (float) (1 - alpha));
                        d = v.sub(gBar.mul(gBar)).sqrt_().add_(eps);
                    } else {
                        d = v.sqrt().add_(eps);
                    }
                    if (mu > 0) {
                        Tensor b = state.tensor("momentum_buffer", () -> Tensor.zerosLike(p));
                        b.mul_((float) mu).addcdiv_(g, d, 1f);
                        p.add_(b, (float) -lr);
                    } else {
                        p.addcdiv_(g, d, (float) -lr);
                    }
                }
            }
        }
    }
}
