package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/** Mean absolute error, |x − t|, as {@code torch.nn.L1Loss}. */
public class L1Loss extends Loss {

    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkSameShape("L1Loss", input, target);
        float[] x = input.rawData(), t = target.rawData(), l = new float[x.length];
        for (int i = 0; i < x.length; i++) l[i] = Math.abs(x[i] - t[i]);
        Tensor out = reduction.reduce(l, input.shape(), x.length);
        // d|x − t|/dx = sign(x − t), 0 where x = t
        return Tensor.record("L1LossBackward", out, new Tensor[] {input}, new Tensor[] {input, target}, g -> {
            float[] dx = new float[x.length];
            for (int i = 0; i < x.length; i++) dx[i] = Math.signum(x[i] - t[i]) * reduction.upstream(g.rawData(), i, x.length);
            return new Tensor[] {Tensor.of(dx, input.shape())};
        });
    }
}
