package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link SimpleGD} under the name {@code simplegd}. */
// book:start provider
@AutoService(OptimizerProvider.class)
public final class SimpleGDProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"));

    @Override public String name() { return "simplegd"; }
    @Override public String description() { return "the seed's steepest descent: p ← p − lr·g"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new SimpleGD(params, options); }
}
// book:end provider
