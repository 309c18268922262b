package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;

/**
 * Anneals the learning rate along half a cosine from the initial lr to {@code etaMin} over
 * {@code tMax} epochs (then back up, periodically), as PyTorch's {@code CosineAnnealingLR}:
 * <pre>
 * η_t = η_min + (η_0 − η_min) · (1 + cos(π·t / T_max)) / 2
 * </pre>
 * Note: like PyTorch, {@code step()} uses the recursive form
 * {@code η_t = η_min + (η_{t−1} − η_min) · (1 + cos(π t/T)) / (1 + cos(π (t−1)/T))}, so a change made
 * to lr by someone else carries on; the two forms agree to rounding.
 * Loshchilov and Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, 2017, arXiv:1608.03983.
 */
public final class CosineAnnealingLR extends LRScheduler {

    private final int tMax;
    private final double etaMin;

    /** Anneals to {@code etaMin} over {@code tMax} steps, as {@code CosineAnnealingLR(optimizer, T_max, eta_min)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        require(tMax > 0, "CosineAnnealingLR: tMax must be a whole number in [1, inf), got " + tMax);
        require(etaMin >= 0 && Double.isFinite(etaMin), "CosineAnnealingLR: etaMin must be in [0, inf), got " + etaMin);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    /** Anneals to 0 over {@code tMax} steps, as {@code CosineAnnealingLR(optimizer, T_max)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    @Override
    protected double[] chainedLr() {
        double[] lr = currentLrs();
        for (int g = 0; g < lr.length; g++) {
            if (lastEpoch == 0) {
                continue;
            } else if (stepCount == 1 && lastEpoch > 0) {
                lr[g] = etaMin + (baseLrs[g] - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2;
            } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
                lr[g] = lr[g] + (baseLrs[g] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lr[g] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (lr[g] - etaMin) + etaMin;
            }
        }
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = new double[baseLrs.length];
        for (int g = 0; g < lr.length; g++) lr[g] = etaMin + (baseLrs[g] - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
        return lr;
    }

    @Override
    public String toString() {
        return "CosineAnnealingLR(tMax=" + tMax + ", etaMin=" + etaMin + ", lastEpoch=" + lastEpoch + ")";
    }
}
