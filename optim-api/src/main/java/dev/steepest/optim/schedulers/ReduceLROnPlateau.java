package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;
import dev.steepest.optim.ParamGroup;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts the learning rate by {@code factor} when a metric (say the validation loss) has not
 * improved for more than {@code patience} epochs (PyTorch's {@code ReduceLROnPlateau}). "Improved"
 * means, in mode min with threshold mode rel, {@code metric < best · (1 − threshold)}; after a cut
 * it waits {@code cooldown} epochs; lr never goes below {@code minLr}, and a cut smaller than
 * {@code eps} is skipped.
 */
public final class ReduceLROnPlateau {

    private final Optimizer optimizer;
    private final boolean minimize;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    private final double minLr;
    private final double eps;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;

    /**
     * @param mode "min" or "max"; @param thresholdMode "rel" or "abs"; PyTorch's defaults are
     * min, 0.1, 10, 1e-4, rel, 0, 0, 1e-8.
     */
    public ReduceLROnPlateau(Optimizer optimizer, String mode, double factor, int patience, double threshold,
                             String thresholdMode, int cooldown, double minLr, double eps) {
        LRScheduler.require(optimizer != null, "ReduceLROnPlateau: the optimizer is null");
        LRScheduler.require("min".equals(mode) || "max".equals(mode), "ReduceLROnPlateau: mode must be min or max, got " + mode);
        LRScheduler.require("rel".equals(thresholdMode) || "abs".equals(thresholdMode),
                "ReduceLROnPlateau: thresholdMode must be rel or abs, got " + thresholdMode);
        LRScheduler.require(factor >= 0 && factor < 1, "ReduceLROnPlateau: factor must be in [0, 1), got " + factor);
        LRScheduler.require(patience >= 0, "ReduceLROnPlateau: patience must be a whole number in [0, inf), got " + patience);
        LRScheduler.require(cooldown >= 0, "ReduceLROnPlateau: cooldown must be a whole number in [0, inf), got " + cooldown);
        this.optimizer = optimizer;
        this.minimize = mode.equals("min");
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.relative = thresholdMode.equals("rel");
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.eps = eps;
        this.best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 rel, no cooldown, minLr 0, eps 1e-8. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, "min", 0.1, 10, 1e-4, "rel", 0, 0, 1e-8);
    }

    /** Records this epoch's metric and cuts the lr if it has stalled. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;     // bad epochs in cooldown do not count
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
    }

    private void reduceLr() {
        for (ParamGroup g : optimizer.paramGroups()) {
            double oldLr = g.lr();
            double newLr = Math.max(oldLr * factor, minLr);
            if (oldLr - newLr > eps) g.set("lr", newLr);
        }
    }

    private boolean isBetter(double a, double best) {
        if (minimize) return relative ? a < best * (1. - threshold) : a < best - threshold;
        return relative ? a > best * (threshold + 1.) : a > best + threshold;
    }

    /** The current learning rate of each group. */
    public double[] lastLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lr = new double[groups.size()];
        for (int i = 0; i < lr.length; i++) lr[i] = groups.get(i).lr();
        return lr;
    }

    /** @return the scheduler's state (best value, bad epochs, cooldown) as text, for a checkpoint */
    public Map<String, String> stateDict() {
        Map<String, String> m = new TreeMap<>();
        m.put("best", Double.toString(best));
        m.put("num_bad_epochs", Integer.toString(numBadEpochs));
        m.put("cooldown_counter", Integer.toString(cooldownCounter));
        m.put("last_epoch", Integer.toString(lastEpoch));
        return m;
    }

    /** Restores the state {@link #stateDict()} returned. */
    public void loadStateDict(Map<String, String> state) {
        for (String key : List.of("best", "num_bad_epochs", "cooldown_counter", "last_epoch")) {
            LRScheduler.require(state != null && state.containsKey(key), "ReduceLROnPlateau.loadStateDict: the state has no '" + key
                    + "'; it has " + (state == null ? "nothing" : state.keySet()));
        }
        best = Double.parseDouble(state.get("best"));
        numBadEpochs = Integer.parseInt(state.get("num_bad_epochs"));
        cooldownCounter = Integer.parseInt(state.get("cooldown_counter"));
        lastEpoch = Integer.parseInt(state.get("last_epoch"));
    }

    @Override
    public String toString() {
        return "ReduceLROnPlateau(mode=" + (minimize ? "min" : "max") + ", factor=" + factor + ", patience=" + patience + ", threshold="
                + threshold + (relative ? " rel" : " abs") + ", cooldown=" + cooldown + ", minLr=" + minLr + ", eps=" + eps + ")";
    }
}
