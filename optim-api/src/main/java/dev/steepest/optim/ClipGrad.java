package dev.steepest.optim;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}:
 * call it between {@code loss.backward()} and {@code optimizer.step()}. Both modify the
 * gradients in place; parameters whose grad is null are skipped.
 */
public final class ClipGrad {

    private ClipGrad() {
    }

    /**
     * Scales all gradients together so that their global norm is at most {@code maxNorm}:
     * <pre>
     * total = ‖(‖g₁‖, ‖g₂‖, …)‖          (the p-norm of the per-parameter p-norms)
     * coef  = min(1, maxNorm / (total + 1e-6))
     * g     ← coef · g                    for every gradient
     * </pre>
     *
     * @param normType the p of the norm, or {@code Double.POSITIVE_INFINITY} for the largest |g|
     * @return the total norm before clipping
     */
    public static float clipGradNorm_(Iterable<Tensor> params, double maxNorm, double normType) {
        if (params == null) {
            throw new IllegalArgumentException("clipGradNorm_: params is null");
        }
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradNorm_: maxNorm must be in [0, inf), got " + maxNorm);
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm_: normType must be in (0, inf], got " + normType);
        }
        boolean any = false;
        double total = 0;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            any = true;
            float norm = norm(p.grad().rawData(), normType);
            total = Double.isInfinite(normType) ? Math.max(total, norm) : total + Math.pow(norm, normType);
        }
        if (!any) {
            return 0f;
        }
        float totalNorm = (float) (Double.isInfinite(normType) ? total : Math.pow(total, 1.0 / normType));
        float coef = Math.min(1f, (float) maxNorm / (totalNorm + 1e-6f));
        try (var off = Autograd.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) p.grad().mul_(coef);
            }
        }
        return totalNorm;
    }

    /** {@link #clipGradNorm_(Iterable, double, double)} with the Euclidean norm (p = 2). */
    public static float clipGradNorm_(Iterable<Tensor> params, double maxNorm) {
        return clipGradNorm_(params, maxNorm, 2.0);
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]}. */
    public static void clipGradValue_(Iterable<Tensor> params, double clipValue) {
        if (params == null) {
            throw new IllegalArgumentException("clipGradValue_: params is null");
        }
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue_: clipValue must be in [0, inf), got " + clipValue);
        }
        float c = (float) clipValue;
        try (var off = Autograd.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) p.grad().copy_(p.grad().clamp(-c, c));
            }
        }
    }

    private static float norm(float[] g, double p) {
        double s = 0;
        for (float v : g) {
            double a = Math.abs(v);
            if (Double.isInfinite(p)) s = Math.max(s, a);
            else s += p == 2 ? a * a : Math.pow(a, p);
        }
        return (float) (Double.isInfinite(p) ? s : p == 2 ? Math.sqrt(s) : Math.pow(s, 1.0 / p));
    }
}
