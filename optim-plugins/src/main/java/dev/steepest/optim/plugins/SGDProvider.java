package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link SGD} under the name {@code sgd}. */
@AutoService(OptimizerProvider.class)
public final class SGDProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("momentum", 0.0, Range.halfOpen(0, 1), "momentum factor μ (0: plain gradient descent)"),
            Hyperparameter.number("dampening", 0.0, Range.closed(0, 1), "dampening τ of the gradient added to the momentum buffer"),
            Hyperparameter.number("weight_decay", 0.0, Range.atLeast(0), "L2 penalty: adds weight_decay·p to the gradient"),
            Hyperparameter.flag("nesterov", false, "Nesterov momentum (needs momentum > 0 and dampening 0)"),
            Hyperparameter.flag("maximize", false, "maximize the objective instead of minimizing it"));

    @Override public String name() { return "sgd"; }
    @Override public String description() { return "PyTorch's SGD: momentum, dampening, Nesterov, weight decay, maximize"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new SGD(params, options); }
}
