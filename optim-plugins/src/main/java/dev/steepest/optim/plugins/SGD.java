package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.List;

/**
 * Stochastic gradient descent exactly as PyTorch's {@code torch.optim.SGD}:
 *
 * <pre>
 * g ← ∇f(p)                          (−∇f(p) if maximize)
 * if λ ≠ 0:  g ← g + λ·p             (weight_decay λ)
 * if μ ≠ 0:  b ← g                   at the first step
 *            b ← μ·b + (1 − τ)·g     afterwards (dampening τ)
 *            g ← g + μ·b             if nesterov
 *            g ← b                   otherwise
 * p ← p − lr·g
 * </pre>
 *
 * Sutskever, Martens, Dahl and Hinton, On the importance of initialization and momentum in deep
 * learning, ICML 2013 (the momentum and Nesterov forms used here).
 *
 * <p>Note: the momentum buffer starts as a copy of the first gradient, not as zero (PyTorch);
 * DJL and Keras fold lr into the velocity instead, which differs when lr changes mid-run.
 * Note: PyTorch's SGD has no default lr; steepest picks options by name, so lr defaults to
 * 0.001 (the seed's). Momentum is limited to [0, 1), where the iteration converges.
 */
public final class SGD extends Optimizer {

    public SGD(List<?> params, Options options) {
        super(params, options.resolve(new SGDProvider()));
        for (ParamGroup group : paramGroups()) {
            checkNesterov(group);
        }
    }

    private void checkNesterov(ParamGroup group) {
        if (group.getBoolean("nesterov") && (group.getDouble("momentum") <= 0 || group.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException(name() + ": nesterov needs momentum > 0 and dampening = 0, got momentum "
                    + group.getDouble("momentum") + " and dampening " + group.getDouble("dampening"));
        }
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                double lr = group.lr();
                double mu = group.getDouble("momentum");
                double tau = group.getDouble("dampening");
                double lambda = group.getDouble("weight_decay");
                boolean nesterov = group.getBoolean("nesterov");
                boolean maximize = group.getBoolean("maximize");
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    Tensor g = maximize ? p.grad().neg() : p.grad();
                    if (lambda != 0) {
                        g = g.add(p, (float) lambda);
                    }
                    if (mu != 0) {
                        ParamState state = state(p);
                        Tensor b;
                        if (!state.has("momentum_buffer")) {
                            b = Tensor.of(g.toArray(), g.shape());     // a copy of the first gradient
                            state.put("momentum_buffer", b);
                        } else {
                            b = state.tensor("momentum_buffer").mul_((float) mu).add_(g, (float) (1 - tau));
                        }
                        g = nesterov ? g.add(b, (float) mu) : b;
                    }
                    p.add_(g, (float) -lr);
                }
            }
        }
    }
}
