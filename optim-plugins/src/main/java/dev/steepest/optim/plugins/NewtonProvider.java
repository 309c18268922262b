package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link Newton} under the name {@code newton}. */
@AutoService(OptimizerProvider.class)
public final class NewtonProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 1.0, Range.atLeast(0), "step length along Newton's direction (1: the full Newton step)"),
            Hyperparameter.number("damping", 0.0, Range.atLeast(0), "λ added to the Hessian's diagonal (Levenberg–Marquardt): larger is shorter and more like gradient descent"));

    @Override public String name() { return "newton"; }
    @Override public String description() { return "Newton's method with the full Hessian (up to " + Newton.MAX_PARAMETERS + " parameters); needs the loss's graph"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Newton(params, options); }
}
