package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;
import java.util.Arrays;

/**
 * Multiplies the learning rate by {@code gamma} at each milestone epoch:
 * {@code lr = initial_lr · gamma^(number of milestones ≤ epoch)} (PyTorch's {@code MultiStepLR};
 * a milestone listed twice counts twice).
 */
public final class MultiStepLR extends LRScheduler {

    private final int[] milestones;
    private final double gamma;

    /** As {@code MultiStepLR(optimizer, milestones, gamma)}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        require(milestones != null, "MultiStepLR: milestones is null");
        require(gamma >= 0 && Double.isFinite(gamma), "MultiStepLR: gamma must be in [0, inf), got " + gamma);
        this.milestones = milestones.clone();
        Arrays.sort(this.milestones);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] chainedLr() {
        double[] lr = currentLrs();
        int times = (int) Arrays.stream(milestones).filter(m -> m == lastEpoch).count();
        for (int g = 0; g < lr.length; g++) lr[g] = times == 0 ? lr[g] : lr[g] * Math.pow(gamma, times);
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        int passed = (int) Arrays.stream(milestones).filter(m -> m <= lastEpoch).count();   // bisect_right
        double[] lr = new double[baseLrs.length];
        for (int g = 0; g < lr.length; g++) lr[g] = baseLrs[g] * Math.pow(gamma, passed);
        return lr;
    }

    @Override
    public String toString() {
        return "MultiStepLR(milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma + ", lastEpoch=" + lastEpoch + ")";
    }
}
