package dev.steepest.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The curvature of a loss, from gradients of gradients, as {@code torch.autograd.functional} gives
 * it: Hessian-vector products ({@link #hvp}), the whole Hessian of a small problem
 * ({@link #hessian}), and Hutchinson's estimate of the Hessian's diagonal
 * ({@link #hutchinsonDiagonal}). These are what second-order optimizers read: Newton's method the
 * Hessian, Hessian-free optimization (conjugate gradient) products H·v, AdaHessian and Sophia the
 * diagonal.
 *
 * <p>A product H·v costs one backward with {@code createGraph} (the gradient g, with its graph) and
 * one more backward through that graph, of g·v: the vector-Jacobian product of the gradient, which
 * is H·v because H is symmetric (Pearlmutter, 1994). The Hessian is never formed for that.
 *
 * <p>Every result is detached (no graph) and no {@code grad()} is changed. A parameter that the loss
 * does not depend on, or depends on linearly, gets zeros.
 */
public final class Curvature {

    /** The most parameters {@link #hessian} forms a Hessian for: 4096² floats are 64 MB, and 4096 products. */
    public static final int MAX_HESSIAN_PARAMETERS = 4096;

    private Curvature() {
    }

    /**
     * H·v, the Hessian of the loss {@code loss.get()} with respect to {@code params} times {@code v}
     * (one tensor per parameter, of its shape), as {@code torch.autograd.functional.hvp}.
     *
     * @param loss computes the scalar loss from the parameters (called once, with recording on)
     */
    public static List<Tensor> hvp(Supplier<Tensor> loss, List<Tensor> params, List<Tensor> v) {
        return hvp(evaluate("hvp", loss), params, v);
    }

    /** H·v for a loss already computed (its graph is freed afterwards). */
    public static List<Tensor> hvp(Tensor loss, List<Tensor> params, List<Tensor> v) {
        checkVectors("hvp", params, v);
        return product(gradients("hvp", loss, params), params, v, false);
    }

    /**
     * H·v from gradients computed with {@code Autograd.grad(loss, params, true, true)}: the graph is
     * kept, so that many products can be taken at one point (conjugate gradient, Hutchinson) for the
     * price of one first backward.
     */
    public static List<Tensor> hvp(List<Tensor> gradients, List<Tensor> params, List<Tensor> v) {
        checkVectors("hvp", params, v);
        if (gradients == null || gradients.size() != params.size()) {
            throw new IllegalArgumentException("hvp: needs one gradient per parameter (from Autograd.grad(loss, params, true, true)), got "
                    + (gradients == null ? "null" : gradients.size()) + " for " + params.size() + " parameters");
        }
        return product(gradients, params, v, true);
    }

    /**
     * The Hessian of {@code loss.get()} with respect to all {@code params} taken as one flat vector (in
     * their order, each row-major): an [n, n] tensor, n the number of parameters, at most
     * {@link #MAX_HESSIAN_PARAMETERS}. It costs n Hessian-vector products.
     */
    public static Tensor hessian(Supplier<Tensor> loss, List<Tensor> params) {
        checkParams("hessian", params);
        long n = 0;
        for (Tensor p : params) n += p.numel;
        if (n > MAX_HESSIAN_PARAMETERS) {
            throw new IllegalArgumentException("hessian: " + n + " parameters would make a " + n + "x" + n + " Hessian and cost " + n
                    + " Hessian-vector products; at most " + MAX_HESSIAN_PARAMETERS + " are formed. Use Curvature.hvp (H·v without the"
                    + " Hessian) or hutchinsonDiagonal for a large model");
        }
        List<Tensor> g = gradients("hessian", evaluate("hessian", loss), params);
        int size = (int) n;
        float[] h = new float[size * size];
        List<Tensor> unit = new ArrayList<>(params.size());
        for (Tensor p : params) unit.add(Tensor.zerosLike(p));
        for (int q = 0, j = 0; q < params.size(); q++) {
            float[] e = unit.get(q).data;
            for (int k = 0; k < e.length; k++, j++) {
                e[k] = 1f;
                List<Tensor> row = product(g, params, unit, j < size - 1);   // H is symmetric: H·e_j is row j
                int at = j * size;
                for (Tensor r : row) {
                    float[] values = r.values();
                    System.arraycopy(values, 0, h, at, values.length);
                    at += values.length;
                }
                e[k] = 0f;
            }
        }
        return new Tensor(h, new int[] {size, size});
    }

    /**
     * The Hessian of a scalar function of one tensor, shaped {@code x.shape + x.shape}, as
     * {@code torch.autograd.functional.hessian(f, x)}; x itself is not changed (f gets a copy that
     * requires grad).
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        if (f == null || x == null) {
            throw new IllegalArgumentException("hessian: " + (f == null ? "the function" : "x") + " is null");
        }
        Tensor at = new Tensor(x.toArray(), x.shape.clone()).requiresGrad(true);
        Tensor h = hessian(() -> f.apply(at), List.of(at));
        int[] shape = new int[2 * x.shape.length];
        System.arraycopy(x.shape, 0, shape, 0, x.shape.length);
        System.arraycopy(x.shape, 0, shape, x.shape.length, x.shape.length);
        return h.reshape(shape);
    }

    /**
     * Hutchinson's estimate of the Hessian's diagonal (Bekas, Kokiopoulou and Saad, 2007), the mean
     * over {@code samples} draws of z ⊙ (H·z), z with independent ±1 entries ({@link #rademacher}), one
     * draw per parameter in their order, as AdaHessian draws them. The gradients come from
     * {@code Autograd.grad(loss, params, true, true)}; their graph is kept.
     */
    public static List<Tensor> hutchinsonDiagonal(List<Tensor> gradients, List<Tensor> params, int samples, Generator generator) {
        checkParams("hutchinsonDiagonal", params);
        if (samples < 1) {
            throw new IllegalArgumentException("hutchinsonDiagonal: samples must be at least 1, got " + samples);
        }
        Shapes.notNullGenerator("hutchinsonDiagonal", generator);
        List<Tensor> sum = new ArrayList<>(params.size());
        for (Tensor p : params) sum.add(Tensor.zerosLike(p));
        for (int s = 0; s < samples; s++) {
            List<Tensor> z = new ArrayList<>(params.size());
            for (Tensor p : params) z.add(rademacher(generator, p.shape));
            List<Tensor> hz = hvp(gradients, params, z);
            for (int i = 0; i < sum.size(); i++) {
                float[] acc = sum.get(i).data, zi = z.get(i).data, hzi = hz.get(i).values();
                for (int k = 0; k < acc.length; k++) acc[k] += zi[k] * hzi[k];
            }
        }
        if (samples > 1) {
            for (Tensor t : sum) for (int k = 0; k < t.data.length; k++) t.data[k] /= samples;
        }
        return sum;
    }

    /**
     * A tensor of independent ±1 draws, each from one {@code nextBits32() % 2}: the same numbers as
     * {@code torch.randint(0, 2, shape) * 2 - 1} on the CPU after the same seed.
     */
    public static Tensor rademacher(Generator generator, int... shape) {
        Shapes.notNullGenerator("rademacher", generator);
        Tensor t = Tensor.zeros(shape);
        synchronized (generator) {
            for (int i = 0; i < t.data.length; i++) t.data[i] = (generator.nextBits32() & 1) == 0 ? -1f : 1f;
        }
        return t;
    }

    /** The loss from the supplier, computed with recording on. */
    private static Tensor evaluate(String op, Supplier<Tensor> loss) {
        if (loss == null) {
            throw new IllegalArgumentException(op + ": the loss function is null; pass a lambda such as () -> criterion.forward(model.forward(x), y)");
        }
        Tensor l;
        try (var on = Autograd.enableGrad()) {
            l = loss.get();
        }
        if (l == null) {
            throw new IllegalArgumentException(op + ": the loss function returned null");
        }
        return l;
    }

    /** The gradients of the loss with their graph (zeros of no graph for a parameter it does not use). */
    private static List<Tensor> gradients(String op, Tensor loss, List<Tensor> params) {
        checkParams(op, params);
        if (loss.numel != 1) {
            throw new IllegalArgumentException(op + ": the loss must have one element, got shape " + Shapes.toString(loss.shape)
                    + "; reduce it first, e.g. with sum() or mean()");
        }
        if (!loss.requiresGrad) {
            throw new IllegalArgumentException(op + ": the loss does not require grad: it was not computed from the parameters"
                    + " (do they require grad?), or it was computed under Autograd.noGrad()");
        }
        List<Tensor> g = Autograd.grad(List.of(loss), params, null, true, true, true);
        List<Tensor> out = new ArrayList<>(g.size());
        for (int i = 0; i < g.size(); i++) out.add(g.get(i) == null ? Tensor.zerosLike(params.get(i)) : g.get(i));
        return out;
    }

    /** Σ_i v_i·d(gradients_i)/d(params): H·v, detached; zeros where a gradient has no graph (the loss is linear there). */
    private static List<Tensor> product(List<Tensor> gradients, List<Tensor> params, List<Tensor> v, boolean retainGraph) {
        List<Tensor> outputs = new ArrayList<>(), seeds = new ArrayList<>();
        for (int i = 0; i < gradients.size(); i++) {
            if (gradients.get(i) != null && gradients.get(i).requiresGrad) {
                outputs.add(gradients.get(i));
                seeds.add(v.get(i));
            }
        }
        List<Tensor> hv = outputs.isEmpty() ? new ArrayList<>() : Autograd.grad(outputs, params, seeds, retainGraph, false, true);
        List<Tensor> out = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            Tensor h = hv.isEmpty() ? null : hv.get(i);
            out.add(h == null ? Tensor.zerosLike(params.get(i)) : seeds.stream().anyMatch(seed -> seed == h) ? new Tensor(h.toArray(), h.shape.clone()) : h);
        }
        return out;
    }

    private static void checkParams(String op, List<Tensor> params) {
        if (params == null || params.isEmpty() || params.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(op + ": params must be one or more tensors that require grad, got "
                    + (params == null ? "null" : params.isEmpty() ? "none" : "a null parameter"));
        }
    }

    private static void checkVectors(String op, List<Tensor> params, List<Tensor> v) {
        checkParams(op, params);
        if (v == null || v.size() != params.size()) {
            throw new IllegalArgumentException(op + ": v needs one tensor per parameter, got " + (v == null ? "null" : v.size())
                    + " for " + params.size() + " parameters");
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i) == null || !java.util.Arrays.equals(v.get(i).shape, params.get(i).shape)) {
                throw new IllegalArgumentException(op + ": v " + i + " has shape " + (v.get(i) == null ? "null" : Shapes.toString(v.get(i).shape))
                        + " but parameter " + i + " has shape " + Shapes.toString(params.get(i).shape));
            }
        }
    }
}
