package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import java.util.List;

/**
 * The seed's {@code SimpleGD}: plain steepest descent, nothing else.
 *
 * <pre>
 * for each parameter p with a gradient g:
 *     p ← p − lr·g
 * </pre>
 *
 * Cauchy, Méthode générale pour la résolution des systèmes d'équations simultanées, 1847.
 * Option: {@code lr} (default 0.001; the seed passes it explicitly).
 */
public final class SimpleGD extends Optimizer {

    public SimpleGD(List<?> params, Options options) {
        super(params, options.resolve(new SimpleGDProvider()));
    }

    // book:start step
    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                float lr = (float) group.lr();
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    Tensor dP = p.grad();
                    // p = p - d/dp(small changes) * lr
                    p.add_(dP.mul(-lr));
                }
            }
        }
    }
    // book:end step
}
