package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link AdaHessian} under the name {@code adahessian}. */
@AutoService(OptimizerProvider.class)
public final class AdaHessianProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.15, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("beta1", 0.9, Range.halfOpen(0, 1), "decay rate β₁ of the gradient's running mean (betas[0])"),
            Hyperparameter.number("beta2", 0.999, Range.halfOpen(0, 1), "decay rate β₂ of the squared Hessian diagonal's running mean (betas[1])"),
            Hyperparameter.number("eps", 1e-4, Range.atLeast(0), "added to the denominator for numerical stability"),
            Hyperparameter.number("weight_decay", 0.0, Range.atLeast(0), "decoupled weight decay: subtracts lr·weight_decay·p"),
            Hyperparameter.number("hessian_power", 1.0, Range.closed(0, 1), "power k of the Hessian diagonal in the denominator (the authors also try 0.5)"),
            Hyperparameter.integer("seed", 0, Range.atLeast(0), "seeds the Rademacher vectors: step t draws from Generator(seed + t)"));

    @Override public String name() { return "adahessian"; }
    @Override public String description() { return "AdaHessian: Adam on a Hutchinson estimate of the Hessian's diagonal; needs the loss's graph"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new AdaHessian(params, options); }
}
