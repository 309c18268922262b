package dev.steepest.optim.plugins;

import com.google.auto.service.AutoService;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.util.List;

/** Offers {@link NewtonCG} under the name {@code newton-cg}. */
@AutoService(OptimizerProvider.class)
public final class NewtonCGProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 1.0, Range.atLeast(0), "step length along the direction CG found (1: the full step)"),
            Hyperparameter.number("damping", 0.0, Range.atLeast(0), "λ added to the Hessian (B = H + λ·I): larger is shorter and more like gradient descent"),
            Hyperparameter.integer("max_cg_iter", 250, Range.atLeast(1), "the most conjugate-gradient iterations (Hessian-vector products) in one step"),
            Hyperparameter.number("tolerance", 1e-5, Range.atLeast(0), "CG stops when its residual is at most this fraction of the gradient's norm"),
            Hyperparameter.number("warm_start", 0.95, Range.closed(0, 1), "ζ: CG starts from ζ times the last step's direction (Martens; 0: from zero)"));

    @Override public String name() { return "newton-cg"; }
    @Override public String description() { return "Hessian-free Newton: conjugate gradient on Hessian-vector products (Martens 2010); needs the loss's graph"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new NewtonCG(params, options); }
}
