package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.List;

/**
 * Classical (heavy-ball) momentum, on its own for teaching: the velocity remembers past gradients,
 * so the steps grow along a steady slope and oscillations across a valley cancel.
 *
 * <pre>
 * v ← g               at the first step
 * v ← μ·v + g         afterwards
 * p ← p − lr·v
 * </pre>
 *
 * Polyak, Some methods of speeding up the convergence of iteration methods, USSR Computational
 * Mathematics and Mathematical Physics 4(5), 1964.
 *
 * <p>This is {@code sgd} with {@code momentum=μ} and no dampening, weight decay or Nesterov, and it
 * gives the same numbers; its defaults (lr 0.001, momentum 0.9) are the seed's
 * {@code SGD(lr=0.001, momentum=0.9)}.
 * Note: as in PyTorch the velocity starts at the first gradient and lr multiplies the velocity
 * (Polyak's and Keras's form fold lr into v: v ← μ·v − lr·g; p ← p + v; they agree while lr is constant).
 */
public final class Momentum extends Optimizer {

    public Momentum(List<?> params, Options options) {
        super(params, options.resolve(new MomentumProvider()));
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                float lr = (float) group.lr();
                float mu = (float) group.getDouble("momentum");
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    Tensor g = p.grad();
                    ParamState state = state(p);
                    Tensor v = state.has("velocity")
                            ? state.tensor("velocity").mul_(mu).add_(g)
                            : Tensor.of(g.toArray(), g.shape());
                    state.put("velocity", v);
                    p.add_(v, -lr);
                }
            }
        }
    }
}
