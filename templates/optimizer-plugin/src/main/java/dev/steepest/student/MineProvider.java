package dev.steepest.student;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Makes {@link Mine} available as {@code -Doptimizer=mine}. */
@AutoService(OptimizerProvider.class)
public final class MineProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Range.atLeast(0), "learning rate (step size)"));

    @Override public String name() { return "mine"; }
    @Override public String description() { return "my optimizer (starts as the seed's SimpleGD)"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Mine(params, options); }
}
