/**
 * JMH benchmarks of steepest, one class per workload that bench/compare sets beside PyTorch.
 * In reading order:
 *
 * <ol>
 *   <li>{@link dev.steepest.bench.OneThreadBenchmark}: the JMH settings and JVM options every workload inherits;</li>
 *   <li>{@link dev.steepest.bench.Settings}: seeded inputs;</li>
 *   <li>{@link dev.steepest.bench.ParabolaStep} and {@link dev.steepest.bench.PatternStep}: the
 *       seed's two tiny programs, where per-op overhead is everything;</li>
 *   <li>{@link dev.steepest.bench.Matmul}: square matrix products, 256 to 1024;</li>
 *   <li>{@link dev.steepest.bench.ConvLenet}: LeNet's two convolutions, forward and backward;</li>
 *   <li>{@link dev.steepest.bench.LenetStep} and {@link dev.steepest.bench.MlpStep}: training steps
 *       of a small CNN and an MLP on a batch of 64;</li>
 *   <li>{@link dev.steepest.bench.AdamStep}: one Adam update of a million parameters;</li>
 *   <li>{@link dev.steepest.bench.TransformerStep}: a training step of the names chapter's transformer;</li>
 *   <li>{@link dev.steepest.bench.LstmStep}, {@link dev.steepest.bench.ConvTransposeStep} and
 *       {@link dev.steepest.bench.PointNetStep}: the later chapters' training steps;</li>
 *   <li>{@link dev.steepest.bench.Peak} and {@link dev.steepest.bench.Bandwidth}: the machine's two
 *       limits, one core's FMA throughput and the memory bandwidth (a STREAM triad).</li>
 * </ol>
 *
 * Every fork runs with {@code --add-modules=jdk.incubator.vector} and one kernel thread unless
 * bench/compare sets {@code -Dsteepest.kernels.threads}. This
 * project is not in the default build; see bench/pom.xml.
 */
package dev.steepest.bench;
