package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;

/**
 * Scales the learning rate by a factor that moves linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} epochs, then stays (a warm-up; PyTorch's
 * {@code LinearLR}): {@code lr = initial_lr · (start + (end − start) · min(epoch, total) / total)}.
 */
public final class LinearLR extends LRScheduler {

    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /** As {@code LinearLR(optimizer, start_factor, end_factor, total_iters)}. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        require(startFactor > 0 && startFactor <= 1, "LinearLR: startFactor must be in (0, 1], got " + startFactor);
        require(endFactor >= 0 && endFactor <= 1, "LinearLR: endFactor must be in [0, 1], got " + endFactor);
        require(totalIters > 0, "LinearLR: totalIters must be a whole number in [1, inf), got " + totalIters);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    /** PyTorch's defaults: from 1/3 to 1 over 5 epochs. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    @Override
    protected double[] chainedLr() {
        double[] lr = currentLrs();
        for (int g = 0; g < lr.length; g++) {
            if (lastEpoch == 0) {
                lr[g] = lr[g] * startFactor;
            } else if (lastEpoch <= totalIters) {
                lr[g] = lr[g] * (1. + (endFactor - startFactor)
                        / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
            }
        }
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = new double[baseLrs.length];
        for (int g = 0; g < lr.length; g++) {
            lr[g] = baseLrs[g] * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
        }
        return lr;
    }

    @Override
    public String toString() {
        return "LinearLR(startFactor=" + startFactor + ", endFactor=" + endFactor + ", totalIters=" + totalIters + ", lastEpoch=" + lastEpoch + ")";
    }
}
