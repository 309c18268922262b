package dev.steepest.nn.loss;

import dev.steepest.core.Tensor;

/**
 * How a loss turns per-element losses into its result, as PyTorch's {@code reduction=}: the
 * {@code MEAN} (the default), the {@code SUM}, {@code NONE} (the per-element losses themselves), or,
 * for {@link KLDivLoss} alone as in PyTorch, {@code BATCH_MEAN}. One type for every loss.
 */
public enum Reduction {
    /** The mean of the per-element losses (PyTorch's default, {@code reduction='mean'}). */
    MEAN,
    /** The sum of the per-element losses ({@code reduction='sum'}). */
    SUM,
    /** The per-element losses themselves, in the input's shape ({@code reduction='none'}). */
    NONE,
    /**
     * The sum divided by the batch size ({@code reduction='batchmean'}), the true KL divergence of each
     * sample averaged: {@link KLDivLoss} only, the other losses refuse it as PyTorch does.
     */
    BATCH_MEAN;

    /** Reduces per-element losses {@code l} of the given shape; the sum is accumulated in double. */
    Tensor reduce(float[] l, int[] shape, double meanDivisor) {
        if (this == NONE) {
            return Tensor.of(l, shape);
        }
        double s = 0;
        for (float v : l) s += v;
        return Tensor.scalar((float) (this == SUM ? s : s / meanDivisor));
    }

    /** The upstream gradient reaching element i: g[i] for NONE, g for SUM, g / divisor for MEAN. */
    float upstream(float[] g, int i, double meanDivisor) {
        switch (this) {
            case NONE: return g[i];
            case SUM: return g[0];
            default: return (float) (g[0] / meanDivisor);
        }
    }

    /**
     * {@link #upstream(float[], int, double)} in recorded ops, for a differentiable backward rule: g
     * for NONE (the input's shape) and SUM (a scalar, broadcast by the product it goes into), g /
     * divisor for the means.
     */
    Tensor upstream(Tensor g, double meanDivisor) {
        return this == NONE || this == SUM ? g : g.div((float) meanDivisor);
    }

    /** The PyTorch spelling: {@code "mean"}, {@code "sum"}, {@code "none"}. */
    @Override
    public String toString() {
        return this == BATCH_MEAN ? "batchmean" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses PyTorch's spelling; the message lists the three choices. */
    public static Reduction of(String name) {
        for (Reduction r : values()) if (r.toString().equals(name)) return r;
        throw new IllegalArgumentException("reduction: '" + name + "' is not a valid reduction; use mean, sum or none (or batchmean for KLDivLoss)");
    }
}
