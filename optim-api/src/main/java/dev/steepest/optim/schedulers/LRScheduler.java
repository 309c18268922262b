package dev.steepest.optim.schedulers;

import dev.steepest.optim.Optimizer;
import dev.steepest.optim.ParamGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The base of the epoch-driven learning-rate schedulers, as PyTorch's {@code _LRScheduler}: it
 * remembers each group's initial lr ({@code initial_lr} in the group, as PyTorch), counts epochs
 * in {@code lastEpoch}, and at each {@link #step()} writes new learning rates into the groups,
 * where any optimizer reads them at its next step. Call {@code optimizer.step()} first, then
 * {@code scheduler.step()}, once per epoch.
 *
 * <p>A subclass gives PyTorch's two formulas: {@link #chainedLr} (from the groups' current lrs,
 * used by {@code step()}) and {@link #closedFormLr} (from the initial lrs, used when jumping to an
 * epoch), and calls {@link #initialStep()} at the end of its constructor, as PyTorch's base
 * constructor does.
 */
public abstract class LRScheduler {

    /** The optimizer whose learning rates this scheduler sets. */
    protected final Optimizer optimizer;
    /** Each group's learning rate when the scheduler was made. */
    protected final double[] baseLrs;
    /** The epoch count, as PyTorch's {@code last_epoch}. */
    protected int lastEpoch = -1;
    /** How many times {@code step()} ran. */
    protected int stepCount;
    private double[] lastLr;

    /** @param optimizer the optimizer whose learning rates to set (its groups' lr are the base rates) */
    protected LRScheduler(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the optimizer is null");
        }
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            if (!groups.get(g).has("initial_lr")) {
                groups.get(g).set("initial_lr", groups.get(g).lr());
            }
            baseLrs[g] = groups.get(g).getDouble("initial_lr");
        }
        lastLr = currentLrs();
    }

    /** The first step, made by the constructor (epoch 0). */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    /** Moves to the next epoch and writes its learning rates into the optimizer's groups. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(chainedLr());
    }

    /** Jumps to {@code epoch} using the closed form (what SequentialLR does at a milestone). */
    public void step(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        apply(closedFormLr());
    }

    /** PyTorch's {@code get_lr()}: the new lrs from the groups' current ones. */
    protected abstract double[] chainedLr();

    /** PyTorch's {@code _get_closed_form_lr()}: the lrs of {@code lastEpoch} from the initial ones. */
    protected abstract double[] closedFormLr();

    /** @return each group's learning rate now */
    protected final double[] currentLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int g = 0; g < lrs.length; g++) lrs[g] = groups.get(g).lr();
        return lrs;
    }

    private void apply(double[] lrs) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int g = 0; g < lrs.length; g++) groups.get(g).set("lr", lrs[g]);
        lastLr = currentLrs();
    }

    /** The learning rates the last step wrote, one per group (PyTorch's {@code get_last_lr()}). */
    public double[] lastLr() {
        return lastLr.clone();
    }

    /** @return the epoch count, as PyTorch's {@code last_epoch} */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The counters to save in a checkpoint (the hyperparameters are the constructor's). */
    public Map<String, String> stateDict() {
        Map<String, String> m = new TreeMap<>();
        m.put("last_epoch", Integer.toString(lastEpoch));
        m.put("step_count", Integer.toString(stepCount));
        m.put("last_lr", join(lastLr));
        m.put("base_lrs", join(baseLrs));
        return m;
    }

    /** Restores what {@link #stateDict()} saved; the optimizer's lrs are restored by its own state dict. */
    public void loadStateDict(Map<String, String> state) {
        String op = getClass().getSimpleName() + ".loadStateDict";
        for (String key : List.of("last_epoch", "step_count", "last_lr", "base_lrs")) {
            if (state == null || !state.containsKey(key)) {
                throw new IllegalArgumentException(op + ": the state has no '" + key + "'; it has " + (state == null ? "nothing" : state.keySet()));
            }
        }
        double[] base = rates(op, "base_lrs", state.get("base_lrs"));
        if (base.length != baseLrs.length) {
            throw new IllegalArgumentException(op + ": the state is for " + base.length + " parameter group(s), the optimizer has " + baseLrs.length);
        }
        double[] last = rates(op, "last_lr", state.get("last_lr"));
        int epoch = count(op, "last_epoch", state.get("last_epoch"), -1);
        int steps = count(op, "step_count", state.get("step_count"), 0);
        // every value checked: now change the scheduler
        lastEpoch = epoch;
        stepCount = steps;
        lastLr = last;
        System.arraycopy(base, 0, baseLrs, 0, base.length);
    }

    /** A saved counter: plain decimal digits, at least {@code min}. */
    private static int count(String op, String key, String text, int min) {
        if (text == null || !text.matches("-?[0-9]{1,10}") || Long.parseLong(text) < min || Long.parseLong(text) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + key + " is '" + text + "'; expected a whole number >= " + min);
        }
        return Integer.parseInt(text);
    }

    /** Saved learning rates: comma-separated finite numbers >= 0, as a learning rate given anywhere else. */
    private static double[] rates(String op, String key, String text) {
        try {
            double[] values = split(text);
            for (double v : values) {
                if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) throw new NumberFormatException();
            }
            return values;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(op + ": " + key + " is '" + text + "'; expected learning rates (finite numbers >= 0) separated by commas", e);
        }
    }

    static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ",").append(values[i]);
        return b.toString();
    }

    static double[] split(String text) {
        return text.isEmpty() ? new double[0] : Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Throws IllegalArgumentException with {@code message} unless {@code ok}. */
    protected static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
