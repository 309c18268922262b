package dev.steepest.optim.conformance;

import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The option sets the conformance kit runs besides the one it was given: for each hyperparameter,
 * one set where it takes another value from its declared range (a flag flipped, another choice,
 * a number inside the range that is not the default), all other options as given. A plugin that
 * keeps a counter in a field instead of its state passes at {@code decay = 0} and fails here.
 */
final class OptionSets {

    private OptionSets() {
    }

    /** The sets drawn from {@code hyperparameters}' ranges, each {@code base} with one option changed. */
    static List<Options> drawn(List<Hyperparameter> hyperparameters, Options base) {
        List<Options> sets = new ArrayList<>();
        for (Hyperparameter h : hyperparameters) {
            Object current = base.has(h.name()) ? base.get(h.name()) : h.defaultValue();
            Object other = another(h, current);
            if (other != null) {
                sets.add(base.with(h.name(), other));
            }
        }
        return sets;
    }

    /** A valid value of {@code h} other than {@code current}, or null when there is none to draw. */
    static Object another(Hyperparameter h, Object current) {
        switch (h.kind()) {
            case FLAG:
                return current == null ? Boolean.TRUE : !Boolean.parseBoolean(current.toString());
            case CHOICE:
                return h.choices().stream().filter(c -> !c.equals(Objects.toString(current))).findFirst().orElse(null);
            case INTEGER: {
                if (current == null) return null;
                int v = ((Number) h.check("conformance", current)).intValue();
                for (int candidate : new int[] {v + 1, v - 1, v * 2}) {
                    if (candidate != v && h.range().contains(candidate)) return candidate;
                }
                return null;
            }
            default: {
                if (current == null) return null;
                double v = ((Number) h.check("conformance", current)).doubleValue();
                for (double candidate : candidates(h.range(), v)) {
                    if (candidate != v && h.range().contains(candidate)) return candidate;
                }
                return null;
            }
        }
    }

    /** Inside a bounded range its middle; otherwise twice the value, or a step away from it. */
    private static double[] candidates(Range range, double v) {
        double middle = Double.isInfinite(range.min()) || Double.isInfinite(range.max()) ? Double.NaN : (range.min() + range.max()) / 2;
        return new double[] {middle, v * 2, v + 0.5, v / 2, v - 0.5};
    }
}
