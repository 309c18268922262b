package dev.steepest.core.testing;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;

/** Seeded inputs for gradient checks, shaped to stay away from the points where a derivative does not exist. */
public final class TestInputs {

    private TestInputs() {
    }

    /**
     * Distinct values 0.05 apart in a shuffled order, requiring grad: no two closer than GradCheck's
     * eps, so max, min and pooling never flip to another element.
     */
    public static Tensor distinct(Generator gen, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.rawData();
        for (int i = 0; i < d.length; i++) d[i] = (i - d.length / 2) * 0.05f;
        for (int i = d.length - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            float v = d[i]; d[i] = d[j]; d[j] = v;
        }
        return t.requiresGrad(true);
    }

    /** |x| in [0.2, 2) with a random sign, requiring grad: away from the kinks at 0 (relu, abs, leaky relu) and from division by 0. */
    public static Tensor awayFromZero(Generator gen, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.rawData();
        for (int i = 0; i < d.length; i++) d[i] = (gen.nextFloat() < 0.5f ? -1 : 1) * gen.uniform(0.2f, 2f);
        return t.requiresGrad(true);
    }
}
