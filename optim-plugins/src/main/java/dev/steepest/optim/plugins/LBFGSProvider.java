package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link LBFGS} under the name {@code lbfgs}. */
@AutoService(OptimizerProvider.class)
public final class LBFGSProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 1.0, Range.atLeast(0), "learning rate (step size)"),
            Hyperparameter.integer("max_iter", 20, Range.atLeast(1), "maximal number of iterations per step"),
            Hyperparameter.integer("max_eval", null, Range.atLeast(1), "maximal number of loss evaluations per step (default max_iter·5/4)"),
            Hyperparameter.number("tolerance_grad", 1e-7, Range.atLeast(0), "stop when every |g| is at most this"),
            Hyperparameter.number("tolerance_change", 1e-9, Range.atLeast(0), "stop when the loss or the step changes less than this"),
            Hyperparameter.integer("history_size", 100, Range.atLeast(1), "number of past updates kept"),
            Hyperparameter.choice("line_search_fn", "none", List.of("none", "strong_wolfe"),
                    "none (PyTorch's None: a fixed step lr) or strong_wolfe (a line search for a step satisfying the strong Wolfe conditions)"));

    @Override public String name() { return "lbfgs"; }
    @Override public String description() { return "L-BFGS: quasi-Newton with a limited history; needs step(closure)"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new LBFGS(params, options); }
}
