package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/** Mean squared error, (x − t)², as {@code torch.nn.MSELoss}; the seed's loss. */
public class MseLoss extends Loss {

    public MseLoss() {
        this(Reduction.MEAN);
    }

    public MseLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkSameShape("MseLoss", input, target);
        float[] x = input.rawData(), t = target.rawData(), l = new float[x.length];
        for (int i = 0; i < x.length; i++) l[i] = (x[i] - t[i]) * (x[i] - t[i]);
        Tensor out = reduction.reduce(l, input.shape(), x.length);
        // d(x − t)²/dx = 2(x − t)
        return Tensor.record("MseLossBackward", out, new Tensor[] {input}, new Tensor[] {input, target}, g -> {
            float[] dx = new float[x.length];
            for (int i = 0; i < x.length; i++) dx[i] = 2 * (x[i] - t[i]) * reduction.upstream(g.rawData(), i, x.length);
            return new Tensor[] {Tensor.of(dx, input.shape())};
        });
    }
}
