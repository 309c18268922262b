package dev.steepest.optim.conformance;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import java.util.List;

/**
 * The problem every conformance check steps on: f(p) = Σ wᵢ (pᵢ − cᵢ)², a small convex quadratic
 * whose gradient is written out, so that the checks need no autograd and test the optimizer alone;
 * for an optimizer that reads curvature ({@link Optimizer#needsGraph()}) it is recorded instead, so
 * that the optimizer can take Hessian-vector products through its gradient (H = diag(2wᵢ)).
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

    /** f over the parameters as a recorded tensor, Σ wᵢ (pᵢ − cᵢ)², for an optimizer that needs the loss's graph. */
    static Tensor recorded(List<Tensor> params) {
        Tensor sum = Tensor.scalar(0f);
        for (Tensor p : params) {
            float[] w = new float[p.numel()], c = new float[p.numel()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weight(i);
                c[i] = target(i);
            }
            sum = sum.add(p.sub(Tensor.of(c, p.shape())).pow(2f).mul(Tensor.of(w, p.shape())).sum());
        }
        return sum;
    }

    /**
     * One step with gradients for {@code active} only (the others keep a null grad). An optimizer
     * that {@linkplain Optimizer#needsGraph() needs the loss's graph} steps with a closure that
     * records f and calls {@code optimizer.backward(loss)}, which keeps the graph, as every loop does.
     */
    static void step(Optimizer o, List<Tensor> active) {
        if (o.needsGraph()) {
            o.step(() -> {
                o.zeroGrad();
                Tensor loss = recorded(active);
                o.backward(loss);
                return loss;
            });
        } else if (o.requiresClosure()) {
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
