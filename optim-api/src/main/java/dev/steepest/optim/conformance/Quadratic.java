package dev.steepest.optim.conformance;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import java.util.List;

/**
 * The problem every conformance check steps on: f(p) = Σ wᵢ (pᵢ − cᵢ)², a small convex quadratic
 * whose gradient is written out, so that the checks need no autograd and test the optimizer alone.
 */
final class Quadratic {
    private Quadratic() {
    }

    /** @return a parameter [2, 3] of seeded normal values that requires grad */
    static Tensor param(long seed) {
        return Tensor.randn(new Generator(seed), 2, 3).requiresGrad(true);
    }

    /** wᵢ, the curvature along element i (each element its own, so that a per-element rule shows). */
    private static float weight(int i) {
        return (i + 1) / 3f;
    }

    /** cᵢ, where element i is at its minimum. */
    private static float target(int i) {
        return 0.5f - 0.25f * i;
    }

    /** @return ∂f/∂p for one parameter, outside any graph */
    static Tensor gradient(Tensor p) {
        float[] x = p.toArray(), g = new float[x.length];
        for (int i = 0; i < x.length; i++) g[i] = 2f * weight(i) * (x[i] - target(i));   // d/dp w(p − c)² = 2w(p − c)
        return Tensor.of(g, p.shape());
    }

    /** @return f over the parameters */
    static float loss(List<Tensor> params) {
        float sum = 0;
        for (Tensor p : params) {
            float[] x = p.toArray();
            for (int i = 0; i < x.length; i++) sum += weight(i) * (x[i] - target(i)) * (x[i] - target(i));
        }
        return sum;
    }

    /** One step with gradients for {@code active} only (the others keep a null grad). */
    static void step(Optimizer o, List<Tensor> active) {
        if (o.requiresClosure()) {
            o.step(() -> {
                o.zeroGrad();
                for (Tensor p : active) p.setGrad(gradient(p));
                return Tensor.scalar(loss(active));
            });
        } else {
            o.zeroGrad();
            for (Tensor p : active) p.setGrad(gradient(p));
            o.step();
        }
    }
}
