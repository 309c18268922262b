/**
 * The tutorial's programs, runnable from one jar, the optimizer chosen by name
 * ({@code java -Doptimizer=simplegd -jar examples/target/steepest-examples.jar pattern}).
 *
 * <p>Classes in reading order:
 * <ul>
 *   <li>{@link dev.steepest.examples.Main}: the launcher, its list of examples and exit statuses;</li>
 *   <li>{@link dev.steepest.examples.Example}, {@link dev.steepest.examples.Run}, {@link dev.steepest.examples.Args},
 *       {@link dev.steepest.examples.Output}, {@link dev.steepest.examples.BadInput}: what an example runs with;
 *       {@link dev.steepest.examples.Diverged}: a run whose loss became NaN or infinite (exit 1);</li>
 *   <li>{@link dev.steepest.examples.OptimizerChoice}: {@code -Doptimizer=NAME} over an example's defaults;</li>
 *   <li>{@link dev.steepest.examples.Evaluate}: a classifier scored on its test set, as a confusion matrix;</li>
 *   <li>{@link dev.steepest.examples.Rating}: the seed's first part, an untrained net rating inputs with MSELoss;</li>
 *   <li>{@link dev.steepest.examples.Pattern}: the seed's classifier of two 4x4 patterns, one run or many seeds;</li>
 *   <li>{@link dev.steepest.examples.Parabola}: gradient descent on y = x², as an animated GIF;</li>
 *   <li>{@link dev.steepest.examples.Bumps} (with {@code Trig}, sine and cosine as recorded ops): local minima;</li>
 *   <li>{@link dev.steepest.examples.Race} (with {@code RacePicture}): every optimizer on Rosenbrock and Rastrigin;</li>
 *   <li>{@link dev.steepest.examples.Digits} (with {@code DigitsNet}, {@code DigitsData},
 *       {@code Checkpoint}): a small CNN on real handwritten digits, with checkpoints;</li>
 *   <li>{@link dev.steepest.examples.PointNet} (with {@code PointClouds}, the seeded shapes; {@code PointNetModel}
 *       and {@code TNet}, the classifier; {@code PointNetPictures} and {@code CloudPictures}): PointNet on
 *       generated 3-D point clouds, with its critical points;</li>
 *   <li>{@link dev.steepest.examples.NamesLanguageModel} (with {@code NamesData}, {@code Bigram}, the count-based
 *       baseline, {@code CharRnn}, the model, and {@code NamesPictures}): a character-level RNN, LSTM or GRU
 *       that makes up first names;</li>
 *   <li>{@link dev.steepest.examples.OptimizerList} and {@link dev.steepest.examples.Conformance}: the
 *       {@code optimizers} and {@code conformance} commands;</li>
 *   <li>{@link dev.steepest.examples.Grade}: a teacher's scoreboard over student jars, with {@code GradeRun} (one
 *       child JVM per submission, its limits and what went wrong), {@code GradeChild} (what runs in that JVM),
 *       {@code GradeProtocol} (the lines between them), {@code GradeRow} (one row and its grade) and
 *       {@code Scoreboard} (HTML, Markdown, JUnit XML).</li>
 * </ul>
 * Pictures are drawn by {@link dev.steepest.examples.plot}; the progress bar and tables live in
 * {@link dev.steepest.examples.console}.
 */
package dev.steepest.examples;
