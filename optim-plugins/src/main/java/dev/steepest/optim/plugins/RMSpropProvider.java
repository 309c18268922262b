package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link RMSprop} under the name {@code rmsprop}. */
@AutoService(OptimizerProvider.class)
public final class RMSpropProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.01, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("alpha", 0.99, Range.closed(0, 1), "smoothing constant of the running mean of g²"),
            Hyperparameter.number("eps", 1e-8, Range.atLeast(0), "added to the denominator for numerical stability"),
            Hyperparameter.number("weight_decay", 0.0, Range.atLeast(0), "L2 penalty: adds weight_decay·p to the gradient"),
            Hyperparameter.number("momentum", 0.0, Range.halfOpen(0, 1), "momentum factor μ"),
            Hyperparameter.flag("centered", false, "divide by the estimated variance of g instead of the raw second moment"),
            Hyperparameter.flag("maximize", false, "maximize the objective instead of minimizing it"));

    @Override public String name() { return "rmsprop"; }
    @Override public String description() { return "RMSprop: divides by a running root mean square of the gradients (centered option)"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new RMSprop(params, options); }
}
