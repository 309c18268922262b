package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;

/**
 * Seeded random inputs shared by the benchmarks (their JMH settings and JVM options are on
 * {@link OneThreadBenchmark}).
 */
final class Settings {

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
        return Tensor.of(values, count).toLong();
    }
}
