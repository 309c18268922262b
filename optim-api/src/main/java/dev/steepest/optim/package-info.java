/**
 * The optimizer SPI: what a plugin author codes against, and the registry that finds plugins by
 * name. In reading order:
 * <ul>
 *   <li>{@link dev.steepest.optim.Optimizer}: the base class, PyTorch's contract (groups, state, zeroGrad, step),
 *       and where a plugin declares that it reads the loss's curvature ({@code needsGraph()});</li>
 *   <li>{@link dev.steepest.optim.ParamGroup}: parameters and their options;
 *       {@link dev.steepest.optim.ParamState}: what an optimizer remembers per parameter;</li>
 *   <li>{@link dev.steepest.optim.Closure}: re-evaluates the loss for {@code step(closure)};</li>
 *   <li>{@link dev.steepest.optim.OptimizerProvider}: the service a plugin offers, with its
 *       {@link dev.steepest.optim.Hyperparameter}s;</li>
 *   <li>{@link dev.steepest.optim.Options}: the options chosen, checked against the hyperparameters;</li>
 *   <li>{@link dev.steepest.optim.Optimizers}: the registry (names, create, fromSystemProperties), over
 *       {@link dev.steepest.optim.OptimizerRegistry}, whose parts are {@code ProviderDiscovery} (the ServiceLoader
 *       pass and the broken-plugin records, each a {@code ProviderEntry}), {@code UnregisteredProviders} (the scan
 *       for providers nobody registered) and {@code PluginBlame} (whose code a failure came from);</li>
 *   <li>{@link dev.steepest.optim.StateDict}: a snapshot for checkpoints, flat for safetensors (read back
 *       untrusted: {@code SavedStateCheck} checks every value before {@code loadStateDict} applies it);
 *       {@link dev.steepest.optim.OptimizerCheckpoint}: that snapshot in a safetensors file;</li>
 *   <li>{@link dev.steepest.optim.ClipGrad}: gradient clipping by global norm or by value.</li>
 * </ul>
 * Schedulers are in {@link dev.steepest.optim.schedulers}; the kit that checks a plugin is in
 * {@link dev.steepest.optim.conformance}.
 */
package dev.steepest.optim;
