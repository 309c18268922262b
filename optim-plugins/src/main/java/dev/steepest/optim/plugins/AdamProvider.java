package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link Adam} under the name {@code adam}. */
@AutoService(OptimizerProvider.class)
public final class AdamProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("beta1", 0.9, Range.halfOpen(0, 1), "decay rate β₁ of the first moment (PyTorch's betas[0])"),
            Hyperparameter.number("beta2", 0.999, Range.halfOpen(0, 1), "decay rate β₂ of the second moment (PyTorch's betas[1])"),
            Hyperparameter.number("eps", 1e-8, Range.atLeast(0), "added to the denominator for numerical stability"),
            Hyperparameter.number("weight_decay", 0.0, Range.atLeast(0), "L2 penalty: adds weight_decay·p to the gradient"),
            Hyperparameter.flag("amsgrad", false, "use the maximum of all second moments so far (AMSGrad)"),
            Hyperparameter.flag("maximize", false, "maximize the objective instead of minimizing it"));

    @Override public String name() { return "adam"; }
    @Override public String description() { return "Adam: adaptive moment estimation (amsgrad option)"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Adam(params, options); }
}
