/**
 * The tutorial's programs and the later chapters, runnable from one jar, the optimizer chosen by name
 * ({@code java -Doptimizer=simplegd -jar examples/target/steepest-examples.jar pattern}).
 *
 * <p>{@link dev.steepest.examples.Main} is the launcher and its list; each chapter is a package of its own,
 * whose entry class reads top to bottom (data, model, optimizer, the visible loop, the summary line):
 * <ul>
 *   <li>{@link dev.steepest.examples.tutorial}: the tutorial the project grew from (rating, pattern, parabola,
 *       bumps, race, digits);</li>
 *   <li>{@link dev.steepest.examples.pointnet}: PointNet on generated 3-D point clouds;</li>
 *   <li>{@link dev.steepest.examples.names}: a character-level RNN, LSTM or GRU that makes up first names;</li>
 *   <li>{@link dev.steepest.examples.autoencoder}: an autoencoder and a VAE on the digits, against PCA;</li>
 *   <li>{@link dev.steepest.examples.gan}: a DCGAN on the digits;</li>
 *   <li>{@link dev.steepest.examples.dqn}: deep Q-learning on CartPole;</li>
 *   <li>{@link dev.steepest.examples.shared}: what several chapters use (the digits data and CNN, the
 *       {@code optimizers} command); no chapter uses another chapter's classes.</li>
 * </ul>
 * The commands' plumbing, the progress bar, tables and pictures come from steepest-train
 * ({@link dev.steepest.train.command}, {@link dev.steepest.train.console}, {@link dev.steepest.train.plot});
 * {@code grade} and {@code conformance} are steepest-coursework's ({@link dev.steepest.coursework}), listed
 * here too so that the documented commands keep working.
 */
package dev.steepest.examples;
