package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;

/** Multiplies the learning rate by {@code gamma} every epoch: {@code lr = initial_lr · gamma^epoch} (PyTorch's {@code ExponentialLR}). */
public final class ExponentialLR extends LRScheduler {

    private final double gamma;

    /** Multiplies the learning rate by {@code gamma} each step, as {@code ExponentialLR(optimizer, gamma)}. */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        require(gamma >= 0 && Double.isFinite(gamma), "ExponentialLR: gamma must be in [0, inf), got " + gamma);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] chainedLr() {
        double[] lr = currentLrs();
        if (lastEpoch == 0) return lr;
        for (int g = 0; g < lr.length; g++) lr[g] = lr[g] * gamma;
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = new double[baseLrs.length];
        for (int g = 0; g < lr.length; g++) lr[g] = baseLrs[g] * Math.pow(gamma, lastEpoch);
        return lr;
    }

    @Override
    public String toString() {
        return "ExponentialLR(gamma=" + gamma + ", lastEpoch=" + lastEpoch + ")";
    }
}
