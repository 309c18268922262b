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
 * The reduction is PyTorch's: {@code "mean"} (over all elements, PyTorch's default, which is not the
 * KL divergence), {@code "batchmean"} (the sum divided by the batch size, the true KL divergence of
 * each sample averaged), {@code "sum"} or {@code "none"}. Both arguments are differentiated.
 */
public class KLDivLoss extends Loss {

    private final boolean batchMean;
    private final boolean logTarget;

    /** reduction "mean", target as probabilities: PyTorch's defaults. */
    public KLDivLoss() {
        this("mean", false);
    }

    /** {@code reduction}: "mean", "batchmean", "sum" or "none"; {@code logTarget}: the target holds log-probabilities. */
    public KLDivLoss(String reduction, boolean logTarget) {
        super(parse(reduction));
        this.batchMean = "batchmean".equals(reduction);
        this.logTarget = logTarget;
    }

    private static Reduction parse(String reduction) {
        if ("batchmean".equals(reduction)) {
            return Reduction.MEAN;   // divided by the batch size instead of the element count, see divisor()
        }
        for (Reduction r : Reduction.values()) if (r.toString().equals(reduction)) return r;
        throw new IllegalArgumentException("KLDivLoss: '" + reduction + "' is not a valid reduction; use mean, batchmean, sum or none");
    }

    /** @return whether the target is given as log-probabilities */
    public boolean logTarget() {
        return logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkSameShape("KLDivLoss", input, target, true);
        float[] x = input.rawData(), t = target.rawData(), l = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = logTarget ? (float) Math.exp(t[i]) * (t[i] - x[i]) : xlogy(t[i], t[i]) - t[i] * x[i];
        }
        double divisor = batchMean ? (input.dim() == 0 ? 1 : input.size(0)) : x.length;
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
        });
    }

    /** x·log(y), 0 where x = 0 (torch.xlogy). */
    private static float xlogy(float x, float y) {
        return x == 0 ? 0f : x * (float) Math.log(y);
    }

    @Override
    public String toString() {
        String r = batchMean ? "batchmean" : reduction.toString();
        return "KLDivLoss(" + (r.equals("mean") ? "" : "reduction=" + r) + (logTarget ? (r.equals("mean") ? "" : ", ") + "log_target=True" : "") + ")";
    }
}
