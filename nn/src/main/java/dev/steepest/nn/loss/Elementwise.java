package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * The body shared by the regression losses (MSE, L1, smooth L1, Huber): a per-element loss ℓ(d) of
 * the difference d = input − target, reduced, with a backward that reaches both arguments, as in
 * PyTorch: dℓ/dinput = ℓ'(d) and dℓ/dtarget = −ℓ'(d). So {@code loss(net(a), net(b))}, both sides
 * from the same weights (the seed's "rating"), trains.
 */
final class Elementwise {

    /** ℓ(d), its derivative ℓ'(d), in float arithmetic as PyTorch's kernels, and its second derivative ℓ''(d). */
    interface Rule {
        float loss(float d);

        float slope(float d);

        /** ℓ''(d): constant on each piece of these piecewise-quadratic losses (0 where ℓ is linear). */
        float curvature(float d);
    }

    private Elementwise() {
    }

    static Tensor loss(String op, String gradFn, Reduction reduction, Tensor input, Tensor target, Rule rule) {
        Loss.checkSameShape(op, input, target, true);
        float[] x = input.contiguous().rawData(), t = target.contiguous().rawData(), l = new float[x.length];
        for (int i = 0; i < x.length; i++) l[i] = rule.loss(x[i] - t[i]);
        Tensor out = reduction.reduce(l, input.shape(), x.length);
        // dℓ(x − t)/dx = ℓ'(x − t);  dℓ(x − t)/dt = −ℓ'(x − t)
        return Tensor.record(gradFn, out, new Tensor[] {input, target}, new Tensor[] {input, target}, g -> {
            float[] dx = new float[x.length], dt = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = rule.slope(x[i] - t[i]) * reduction.upstream(g.rawData(), i, x.length);
                dt[i] = -dx[i];
            }
            return new Tensor[] {input.requiresGrad() ? Tensor.of(dx, input.shape()) : null,
                                 target.requiresGrad() ? Tensor.of(dt, target.shape()) : null};
        }, g -> {
            // the same slope in recorded ops: ℓ'(d₀) + ℓ''(d₀)·(d − d₀), d = x − t, exact on the piece d₀ lies in
            float[] d0 = new float[x.length], s0 = new float[x.length], k = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                d0[i] = x[i] - t[i];
                s0[i] = rule.slope(d0[i]);
                k[i] = rule.curvature(d0[i]);
            }
            int[] shape = input.shape();
            Tensor d = input.sub(target);
            Tensor slope = d.sub(Tensor.of(d0, shape)).mul(Tensor.of(k, shape)).add(Tensor.of(s0, shape));
            Tensor dx = slope.mul(reduction.upstream(g, x.length));
            return new Tensor[] {input.requiresGrad() ? dx : null, target.requiresGrad() ? dx.neg() : null};
        });
    }
}
