/**
 * The built-in optimizers, each a plugin found with {@link java.util.ServiceLoader} and chosen by
 * name ({@code -Doptimizer=adam}). One file per optimizer, with its ~15-line provider beside it,
 * in order of increasing complexity:
 * {@link dev.steepest.optim.plugins.SimpleGD} (simplegd, the seed's),
 * {@link dev.steepest.optim.plugins.SGD} (sgd, PyTorch's),
 * {@link dev.steepest.optim.plugins.Momentum} (momentum),
 * {@link dev.steepest.optim.plugins.Nesterov} (nesterov),
 * {@link dev.steepest.optim.plugins.Adagrad} (adagrad),
 * {@link dev.steepest.optim.plugins.RMSprop} (rmsprop),
 * {@link dev.steepest.optim.plugins.Adam} (adam),
 * {@link dev.steepest.optim.plugins.AdamW} (adamw),
 * {@link dev.steepest.optim.plugins.LBFGS} (lbfgs, which needs {@code step(closure)}; its optional strong-Wolfe line search is in
 * {@code StrongWolfe} and {@code StrongWolfeStep}); then the four that read the loss's curvature through Hessian-vector
 * products ({@code needsGraph()}; what they share is in {@code SecondOrder}):
 * {@link dev.steepest.optim.plugins.Newton} (newton, the full Hessian),
 * {@link dev.steepest.optim.plugins.NewtonCG} (newton-cg, Hessian-free),
 * {@link dev.steepest.optim.plugins.AdaHessian} (adahessian) and
 * {@link dev.steepest.optim.plugins.Sophia} (sophia).
 * No other module names these classes: examples choose them by name, as a student's plugin is chosen.
 */
package dev.steepest.optim.plugins;
