package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.List;

/**
 * Nesterov's accelerated gradient in the form PyTorch and Sutskever et al. use: the step looks
 * ahead along the velocity.
 *
 * <pre>
 * v ← g               at the first step
 * v ← μ·v + g         afterwards
 * p ← p − lr·(g + μ·v)
 * </pre>
 *
 * Nesterov, A method for solving the convex programming problem with convergence rate O(1/k²),
 * Soviet Mathematics Doklady 27, 1983; Sutskever, Martens, Dahl and Hinton, ICML 2013.
 *
 * <p>The same numbers as {@code sgd} with {@code momentum=μ, nesterov=true}.
 * Note: Nesterov's original evaluates the gradient at the look-ahead point p − lr·μ·v; this
 * rewritten form (PyTorch's, Keras's) evaluates it at p and gives the same iterates shifted by one term.
 */
public final class Nesterov extends Optimizer {

    public Nesterov(List<?> params, Options options) {
        super(params, options.resolve(new NesterovProvider()));
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
                    p.add_(g.add(v, mu), -lr);
                }
            }
        }
    }
}
