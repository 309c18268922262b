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
 * Adagrad: each coordinate's step shrinks with the sum of its squared gradients, so rarely
 * moving coordinates keep large steps.
 *
 * <pre>
 * t ← t + 1
 * g ← ∇f(p)                          (−∇f(p) if maximize)
 * if λ ≠ 0:  g ← g + λ·p             (weight_decay λ)
 * η ← lr / (1 + (t − 1)·lr_decay)
 * s ← s + g²                          (s starts at initial_accumulator_value)
 * p ← p − η·g / (√s + ε)
 * </pre>
 *
 * Duchi, Hazan and Singer, Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization, JMLR 12, 2011.
 *
 * <p>Note: ε is added after the square root and defaults to 1e-10 (PyTorch); Keras adds 1e-7.
 */
public final class Adagrad extends Optimizer {

    public Adagrad(List<?> params, Options options) {
        super(params, options.resolve(new AdagradProvider()));
    }

    /** Buffers a step can never make negative; a saved state with a negative one is refused. */
    @Override
    protected Map<String, String> nonNegativeState() {
        return Map.of("sum", "the sum of squared gradients");
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                double lr = group.lr();
                double lrDecay = group.getDouble("lr_decay");
                double lambda = group.getDouble("weight_decay");
                float initial = (float) group.getDouble("initial_accumulator_value");
                float eps = (float) group.getDouble("eps");
                boolean maximize = group.getBoolean("maximize");
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    ParamState state = state(p);
                    Tensor s = state.tensor("sum", () -> Tensor.full(initial, p.shape()));
                    long t = state.incrementStep();
                    Tensor g = maximize ? p.grad().neg() : p.grad();
                    if (lambda != 0) {
                        g = g.add(p, (float) lambda);
                    }
                    double eta = lr / (1 + (t - 1) * lrDecay);
                    s.addcmul_(g, g, 1f);
                    p.addcdiv_(g, s.sqrt().add_(eps), (float) -eta);
                }
            }
        }
    }
}
