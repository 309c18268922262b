package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link Adagrad} under the name {@code adagrad}. */
@AutoService(OptimizerProvider.class)
public final class AdagradProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.01, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("lr_decay", 0.0, Range.atLeast(0), "the step size is lr / (1 + (t − 1)·lr_decay)"),
            Hyperparameter.number("weight_decay", 0.0, Range.atLeast(0), "L2 penalty: adds weight_decay·p to the gradient"),
            Hyperparameter.number("initial_accumulator_value", 0.0, Range.atLeast(0), "starting value of the sum of squared gradients"),
            Hyperparameter.number("eps", 1e-10, Range.atLeast(0), "added to the denominator for numerical stability"),
            Hyperparameter.flag("maximize", false, "maximize the objective instead of minimizing it"));

    @Override public String name() { return "adagrad"; }
    @Override public String description() { return "Adagrad: per-coordinate steps lr/√(Σg²)"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Adagrad(params, options); }
}
