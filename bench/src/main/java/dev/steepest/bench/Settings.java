package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;

/**
 * What every benchmark shares: the JVM options of its fork and seeded random inputs.
 *
 * <p>Each fork runs with the Vector API module (so the fast kernels are chosen) and one gemm
 * thread, because the comparison with PyTorch is one thread against one thread. The JMH
 * annotations cannot read constants from a method, so each benchmark class repeats
 * {@link #JVM_ARGS}' values in its {@code @Fork}; this class is where they are explained.
 */
final class Settings {

    /** The fork's options: the Vector API module, one kernel thread, a heap that fits the largest workload. */
    static final String[] JVM_ARGS = {"--add-modules=jdk.incubator.vector", "-Dsteepest.kernels.threads=1", "-Xmx1g"};

    private Settings() {
    }

    /** A tensor of standard normal values from its own seeded generator. */
    static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), shape);
    }

    /** Class labels 0 … classes−1 as floats (steepest's label type), drawn from a seeded generator. */
    static Tensor labels(long seed, int count, int classes) {
        Generator generator = new Generator(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) Math.min(classes - 1, Math.floor(generator.uniform(0, classes)));
        }
        return Tensor.of(values, count);
    }
}
