package dev.steepest.optim;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import java.util.List;

/** A test optimizer: heavy-ball momentum, so that it has state to save. */
class TestGD extends Optimizer {

    TestGD(List<?> params, Options options) {
        super(params, options.resolve(new TestGDProvider()));
    }

    @Override
    public void step() {
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                for (Tensor p : group.params()) {
                    if (p.grad() == null) continue;
                    ParamState s = state(p);
                    s.incrementStep();
                    Tensor v = s.tensor("velocity", () -> Tensor.zerosLike(p)).mul_((float) group.getDouble("momentum")).add_(p.grad());
                    p.add_(v, (float) -group.lr());
                }
            }
        }
    }
}
