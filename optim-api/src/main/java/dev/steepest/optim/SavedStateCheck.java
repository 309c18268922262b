package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a saved {@link StateDict} as untrusted input before {@link Optimizer#loadStateDict} changes
 * anything: each group option read back goes through the same check as the same option given on
 * the command line (the provider's {@link Hyperparameter}: its type, its range, never NaN), and
 * each value of a parameter's state must be something a step can use: a step count that is a
 * whole number and not negative, finite numbers, tensors without NaN or infinity, and no negative
 * value in a buffer the optimizer declares non-negative ({@link Optimizer#nonNegativeState()}:
 * Adam's {@code exp_avg_sq}, Adagrad's {@code sum}, …).
 */
final class SavedStateCheck {

    private SavedStateCheck() {
    }

    /** @throws IllegalArgumentException naming the key, the value and what was expected */
    static void check(Optimizer o, List<ParamGroup> groups, StateDict saved) {
        String op = o.name() + ".loadStateDict";
        Map<String, Hyperparameter> declared = declared(o);
        Map<String, String> nonNegative = o.nonNegativeState();
        for (int g = 0; g < saved.groupCount(); g++) {
            for (Map.Entry<String, Object> e : saved.groupOptions(g).entrySet()) {
                String key = "param_groups." + g + "." + e.getKey();
                option(op, key, declared.get(e.getKey()), groups.get(g).get(e.getKey()), e.getValue(), o.name());
            }
        }
        for (int p = 0; p < saved.paramCount(); p++) {
            ParamState s = saved.state(p);
            if (s == null) {
                continue;
            }
            for (String name : s.names()) {
                String key = "state." + p + "." + name;
                Object v = s.get(name);
                if (name.equals("step") && !(v instanceof Long && (Long) v >= 0)) {
                    throw new IllegalArgumentException(op + ": " + key + " is " + describe(v)
                            + "; expected the number of steps taken, a whole number >= 0");
                }
                if (v instanceof Double && !Double.isFinite((Double) v)) {
                    throw new IllegalArgumentException(op + ": " + key + " is " + v + "; expected a finite number");
                }
                if (v instanceof Tensor) {
                    finite(op, key, (Tensor) v);
                } else if (v instanceof List) {
                    List<Tensor> list = s.tensors(name);
                    for (int i = 0; i < list.size(); i++) finite(op, key + "." + i, list.get(i));
                }
                String meaning = nonNegative.get(name);
                if (meaning != null) {
                    nonNegative(op, key, name, meaning, v instanceof List ? s.tensors(name) : List.of(v));
                }
            }
        }
    }

    private static void option(String op, String key, Hyperparameter h, Object current, Object saved, String optimizer) {
        if (saved == null && current == null) {
            return;                                  // an option the optimizer computes (e.g. L-BFGS's max_eval)
        }
        if (h != null) {
            boolean rightType = switch (h.kind()) {
                case NUMBER, INTEGER -> saved instanceof Number;
                case FLAG -> saved instanceof Boolean;
                case CHOICE -> saved instanceof String;
            };
            if (!rightType) {
                throw new IllegalArgumentException(op + ": " + key + " is " + describe(saved) + "; expected " + h.name()
                        + " as on the command line: " + h.validValues());
            }
            try {
                h.check(optimizer, saved);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": " + key + " is " + describe(saved) + "; expected " + h.name()
                        + " as on the command line: " + h.validValues(), e);
            }
        } else if (current != null && !sameKind(current, saved)) {
            throw new IllegalArgumentException(op + ": " + key + " is " + describe(saved) + "; expected "
                    + (current instanceof Number ? "a number" : current instanceof Boolean ? "true or false" : "text")
                    + ", as this optimizer's " + current);
        }
        if (saved instanceof Double && !Double.isFinite((Double) saved)) {
            throw new IllegalArgumentException(op + ": " + key + " is " + saved + "; expected a finite number");
        }
    }

    private static boolean sameKind(Object a, Object b) {
        return (a instanceof Number && b instanceof Number) || (a instanceof Boolean && b instanceof Boolean)
                || (a instanceof String && b instanceof String);
    }

    private static void finite(String op, String key, Tensor t) {
        float[] values = t.rawData();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(op + ": " + key + " holds " + values[i] + " at element " + i
                        + "; expected finite values (a run that diverged was saved?)");
            }
        }
    }

    /** Refuses a value below zero (-0.0 is zero) in a buffer whose meaning forbids one. */
    private static void nonNegative(String op, String key, String name, String meaning, List<?> values) {
        for (int j = 0; j < values.size(); j++) {
            String where = values.size() == 1 ? key : key + "." + j;
            Object v = values.get(j);
            if (v instanceof Tensor t) {
                float[] data = t.rawData();
                for (int i = 0; i < data.length; i++) {
                    if (data[i] < 0) {
                        throw new IllegalArgumentException(op + ": " + where + " holds " + data[i] + " at element " + i
                                + "; expected values >= 0 (" + name + " is " + meaning + ", never negative: the file is damaged or was edited)");
                    }
                }
            } else if (v instanceof Number n && n.doubleValue() < 0) {
                throw new IllegalArgumentException(op + ": " + where + " is " + describe(v)
                        + "; expected a value >= 0 (" + name + " is " + meaning + ", never negative: the file is damaged or was edited)");
            }
        }
    }

    /** The provider's hyperparameters for this optimizer's name, found through its own class loader; empty if none is registered. */
    private static Map<String, Hyperparameter> declared(Optimizer o) {
        Map<String, Hyperparameter> out = new HashMap<>();
        try {
            OptimizerRegistry registry = OptimizerRegistry.of(o.getClass().getClassLoader());
            if (registry.names().contains(o.name())) {
                for (Hyperparameter h : registry.provider(o.name()).hyperparameters()) out.put(h.name(), h);
            }
        } catch (RuntimeException | LinkageError e) {
            // no provider to check against: the type checks below still apply
        }
        return out;
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String) return "the text '" + v + "'";
        if (v instanceof Boolean) return "the flag " + v;
        if (v instanceof Long || v instanceof Integer) return "the whole number " + v;
        return "the number " + v;
    }
}
