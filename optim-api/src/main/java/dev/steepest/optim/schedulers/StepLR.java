package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs:
 * {@code lr = initial_lr · gamma^⌊epoch / stepSize⌋} (PyTorch's {@code StepLR}).
 */
public final class StepLR extends LRScheduler {

    private final int stepSize;
    private final double gamma;

    /** As {@code StepLR(optimizer, step_size, gamma)}. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        require(stepSize > 0, "StepLR: stepSize must be a whole number in [1, inf), got " + stepSize);
        require(gamma >= 0 && Double.isFinite(gamma), "StepLR: gamma must be in [0, inf), got " + gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    /** gamma = 0.1, as PyTorch. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    @Override
    protected double[] chainedLr() {
        double[] lr = currentLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) return lr;
        for (int g = 0; g < lr.length; g++) lr[g] = lr[g] * gamma;
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = new double[baseLrs.length];
        for (int g = 0; g < lr.length; g++) lr[g] = baseLrs[g] * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize));
        return lr;
    }

    @Override
    public String toString() {
        return "StepLR(stepSize=" + stepSize + ", gamma=" + gamma + ", lastEpoch=" + lastEpoch + ")";
    }
}
