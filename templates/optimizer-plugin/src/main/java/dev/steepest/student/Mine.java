package dev.steepest.student;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import java.util.List;

/**
 * My optimizer: for now the seed's SimpleGD, plain steepest descent. Change {@link #step()}.
 *
 * <pre>
 * for each parameter p with a gradient g:
 *     p ← p − lr·g
 * </pre>
 */
public final class Mine extends Optimizer {

    public Mine(List<?> params, Options options) {
        super(params, options.resolve(new MineProvider()));
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {            // the update itself is not recorded
            for (ParamGroup group : paramGroups()) {
                float lr = (float) group.lr();          // read every step: schedulers change it
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;                       // no gradient: leave it alone
                    }
                    Tensor dP = p.grad();
                    p.add_(dP.mul(-lr));                // p = p - lr * d/dp
                }
            }
        }
    }
}
