package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link Momentum} under the name {@code momentum}. */
@AutoService(OptimizerProvider.class)
public final class MomentumProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.number("momentum", 0.9, Range.halfOpen(0, 1), "momentum factor μ"));

    @Override public String name() { return "momentum"; }
    @Override public String description() { return "heavy-ball momentum: v ← μ·v + g; p ← p − lr·v (the seed's SGD(lr 0.001, momentum 0.9))"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Momentum(params, options); }
}
