package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;
import dev.steepest.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs schedulers one after another, switching at the milestone epochs (PyTorch's
 * {@code SequentialLR}), e.g. a {@link LinearLR} warm-up for 5 epochs, then {@link CosineAnnealingLR}:
 *
 * <pre>{@code
 * new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1, 5), new CosineAnnealingLR(opt, 95)), new int[] {5});
 * }</pre>
 *
 * At a milestone the next scheduler starts from its epoch 0 (its closed form), as in PyTorch.
 */
public final class SequentialLR extends LRScheduler {

    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    /** As {@code SequentialLR(optimizer, schedulers, milestones)}. */
    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, int[] milestones) {
        super(optimizer);
        require(schedulers != null && !schedulers.isEmpty(), "SequentialLR: give at least one scheduler");
        require(milestones != null && milestones.length == schedulers.size() - 1, "SequentialLR: " + schedulers.size()
                + " schedulers need " + (schedulers.size() - 1) + " milestone(s), got " + (milestones == null ? "null" : Arrays.toString(milestones)));
        for (int i = 0; i < schedulers.size(); i++) {
            require(schedulers.get(i).optimizer == optimizer, "SequentialLR: scheduler " + i + " (" + schedulers.get(i)
                    + ") belongs to another optimizer; every scheduler must drive the same optimizer");
        }
        this.schedulers = new ArrayList<>(schedulers);
        this.milestones = milestones.clone();
        lastEpoch = 0;
        for (ParamGroup g : optimizer.paramGroups()) {
            g.set("lr", g.getDouble("initial_lr"));     // undo the steps the schedulers made when created
        }
        for (LRScheduler s : schedulers) {
            s.lastEpoch -= 1;
        }
        schedulers.get(0).initialStep();
    }

    @Override
    public void step() {
        lastEpoch++;
        int index = bisectRight(milestones, lastEpoch);
        LRScheduler scheduler = schedulers.get(index);
        if (index > 0 && milestones[index - 1] == lastEpoch) {
            scheduler.step(0);
        } else {
            scheduler.step();
        }
    }

    @Override
    public double[] lastLr() {
        return schedulers.get(bisectRight(milestones, lastEpoch)).lastLr();
    }

    private static int bisectRight(int[] sorted, int value) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= value) i++;
        return i;
    }

    @Override
    protected double[] chainedLr() {
        return currentLrs();
    }

    @Override
    protected double[] closedFormLr() {
        return currentLrs();
    }

    /** Its own epoch, and each scheduler's state under {@code 0.}, {@code 1.}, … */
    @Override
    public Map<String, String> stateDict() {
        Map<String, String> m = new TreeMap<>(super.stateDict());
        for (int i = 0; i < schedulers.size(); i++) {
            for (Map.Entry<String, String> e : schedulers.get(i).stateDict().entrySet()) m.put(i + "." + e.getKey(), e.getValue());
        }
        return m;
    }

    @Override
    public void loadStateDict(Map<String, String> state) {
        super.loadStateDict(state);
        for (int i = 0; i < schedulers.size(); i++) {
            Map<String, String> sub = new TreeMap<>();
            String prefix = i + ".";
            state.forEach((k, v) -> { if (k.startsWith(prefix)) sub.put(k.substring(prefix.length()), v); });
            schedulers.get(i).loadStateDict(sub);
        }
    }

    @Override
    public String toString() {
        return "SequentialLR(" + schedulers + ", milestones=" + Arrays.toString(milestones) + ", lastEpoch=" + lastEpoch + ")";
    }
}
