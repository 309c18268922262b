package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link Nesterov} under the name {@code nesterov}. */
@AutoService(OptimizerProvider.class)
public final class NesterovProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("momentum", 0.9, Range.open(0, 1), "momentum factor μ"));

    @Override public String name() { return "nesterov"; }
    @Override public String description() { return "Nesterov momentum: v ← μ·v + g; p ← p − lr·(g + μ·v)"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Nesterov(params, options); }
}
