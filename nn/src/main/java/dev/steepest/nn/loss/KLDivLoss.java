package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * The Kullback-Leibler divergence loss, as {@code torch.nn.KLDivLoss}: the input holds
 * log-probabilities (e.g. from logSoftmax), the target probabilities, or log-probabilities when
 * {@code logTarget}. Per element:
 *
 * <pre>
 * ℓ = t·(log t − x)         (t·log t read as 0 where t = 0, PyTorch's xlogy)
 * ℓ = exp(t)·(t − x)        with logTarget
 * </pre>
 *
 * The reduction is PyTorch's, as the {@link Reduction} every loss takes: {@code MEAN} (over all
 * elements, PyTorch's default, which is not the KL divergence), {@code BATCH_MEAN} (the sum divided
 * by the batch size, the true KL divergence of each sample averaged), {@code SUM} or {@code NONE}.
 * Both arguments are differentiated. (The string form {@code new KLDivLoss("batchmean", …)} of
 * earlier snapshots is gone; {@link Reduction#of(String)} reads PyTorch's spelling.)
 */
public class KLDivLoss extends Loss {

    private final boolean logTarget;

    /** Reduction MEAN, target as probabilities: PyTorch's defaults. */
    public KLDivLoss() {
        this(Reduction.MEAN, false);
    }

    /** As {@code nn.KLDivLoss(reduction=...)}, the target as probabilities. */
    public KLDivLoss(Reduction reduction) {
        this(reduction, false);
    }

    /** As {@code nn.KLDivLoss(reduction=..., log_target=...)}; {@code logTarget}: the target holds log-probabilities. */
    public KLDivLoss(Reduction reduction, boolean logTarget) {
        super(reduction);
        this.logTarget = logTarget;
    }

    /** @return whether the target is given as log-probabilities */
    public boolean logTarget() {
        return logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkSameShape("KLDivLoss", input, target, true);
        float[] x = input.contiguous().rawData(), t = target.contiguous().rawData(), l = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = logTarget ? (float) Math.exp(t[i]) * (t[i] - x[i]) : xlogy(t[i], t[i]) - t[i] * x[i];
        }
        double divisor = reduction == Reduction.BATCH_MEAN ? (input.dim() == 0 ? 1 : input.size(0)) : x.length;
        Tensor out = reduction.reduce(l, input.shape(), divisor);
        // non-log target: dℓ/dx = −t, dℓ/dt = log t + 1 − x;   log target: dℓ/dx = −exp(t), dℓ/dt = exp(t)·(t − x + 1)
        return Tensor.record("KlDivBackward", out, new Tensor[] {input, target}, new Tensor[] {input, target}, g -> {
            float[] dx = new float[x.length], dt = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                float up = reduction.upstream(g.rawData(), i, divisor);
                if (logTarget) {
                    float e = (float) Math.exp(t[i]);
                    dx[i] = -e * up;
                    dt[i] = e * (t[i] - x[i] + 1) * up;
                } else {
                    dx[i] = -t[i] * up;
                    // xlogy's gradients as PyTorch writes them: log(t) where t != 0 (else 0), plus t/t (NaN at t = 0)
                    dt[i] = ((t[i] != 0 ? (float) Math.log(t[i]) : 0f) + t[i] / t[i] - x[i]) * up;
                }
            }
            return new Tensor[] {input.requiresGrad() ? Tensor.of(dx, input.shape()) : null,
                                 target.requiresGrad() ? Tensor.of(dt, target.shape()) : null};
        }, g -> gradients(input, target, reduction.upstream(g, divisor)));
    }

    /** The same rule in recorded ops (up: the upstream gradient), so that the gradients can be differentiated again. */
    private Tensor[] gradients(Tensor input, Tensor target, Tensor up) {
        if (logTarget) {
            Tensor e = target.exp();
            return new Tensor[] {input.requiresGrad() ? e.neg().mul(up) : null,
                                 target.requiresGrad() ? e.mul(target.sub(input).add(1f)).mul(up) : null};
        }
        Tensor dt = null;
        if (target.requiresGrad()) {
            Tensor logT = Tensor.where(target.ne(0f), target.log(), 0f);   // xlogy's log t, 0 where t = 0
            dt = logT.add(target.div(target)).sub(input).mul(up);
        }
        return new Tensor[] {input.requiresGrad() ? target.neg().mul(up) : null, dt};
    }

    /** x·log(y), 0 where x = 0 (torch.xlogy). */
    private static float xlogy(float x, float y) {
        return x == 0 ? 0f : x * (float) Math.log(y);
    }

    @Override
    public String toString() {
        String r = reduction.toString();
        return "KLDivLoss(" + (r.equals("mean") ? "" : "reduction=" + r) + (logTarget ? (r.equals("mean") ? "" : ", ") + "log_target=True" : "") + ")";
    }
}
