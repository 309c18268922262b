package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link AdamW} under the name {@code adamw}. */
@AutoService(OptimizerProvider.class)
public final class AdamWProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("beta1", 0.9, Range.halfOpen(0, 1), "decay rate β₁ of the first moment (PyTorch's betas[0])"),
            Hyperparameter.number("beta2", 0.999, Range.halfOpen(0, 1), "decay rate β₂ of the second moment (PyTorch's betas[1])"),
            Hyperparameter.number("eps", 1e-8, Range.atLeast(0), "added to the denominator for numerical stability"),
            Hyperparameter.number("weight_decay", 0.01, Range.atLeast(0), "decoupled decay: p ← p − lr·weight_decay·p each step"),
            Hyperparameter.flag("amsgrad", false, "use the maximum of all second moments so far (AMSGrad)"),
            Hyperparameter.flag("maximize", false, "maximize the objective instead of minimizing it"));

    @Override public String name() { return "adamw"; }
    @Override public String description() { return "AdamW: Adam with decoupled weight decay"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new AdamW(params, options); }
}
