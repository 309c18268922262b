package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link Sophia} under the name {@code sophia}. */
@AutoService(OptimizerProvider.class)
public final class SophiaProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 1e-3, Range.atLeast(0), "learning rate: the largest move of a coordinate in one step (before bias correction)"),
            Hyperparameter.number("beta1", 0.9, Range.halfOpen(0, 1), "decay rate β₁ of the gradient's running mean (betas[0])"),
            Hyperparameter.number("beta2", 0.99, Range.halfOpen(0, 1), "decay rate β₂ of the Hessian diagonal's running mean (betas[1])"),
            Hyperparameter.number("gamma", 10.0, Range.atLeast(0), "γ (the later code's ρ): scales the curvature in the clipped ratio |m| / (γ·h + ε)"),
            Hyperparameter.number("eps", 1e-12, Range.above(0), "keeps the ratio finite where the curvature is 0"),
            Hyperparameter.number("weight_decay", 1e-2, Range.atLeast(0), "decoupled weight decay: multiplies p by 1 − lr·weight_decay"),
            Hyperparameter.integer("update_period", 10, Range.atLeast(1), "k: the Hessian diagonal is estimated at steps 1, k + 1, 2k + 1, …"),
            Hyperparameter.integer("seed", 0, Range.atLeast(0), "seeds the Hutchinson vectors: step t draws from Generator(seed + t)"));

    @Override public String name() { return "sophia"; }
    @Override public String description() { return "Sophia-H: clipped steps scaled by a Hutchinson estimate of the Hessian's diagonal; needs the loss's graph"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new Sophia(params, options); }
}
