package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an optimizer remembers about one parameter between steps (PyTorch's {@code state[p]}):
 * named buffers such as {@code momentum_buffer} or {@code exp_avg}, counters such as
 * {@code step}, and (for L-BFGS) lists of tensors. Everything here is saved by
 * {@link Optimizer#stateDict()} and restored by {@link Optimizer#loadStateDict}.
 *
 * <p>Values are Tensors, Longs (counters), Doubles (scalars) or Lists of Tensors.
 */
public final class ParamState {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** An empty state (a parameter that has not been stepped yet). */
    public ParamState() {
    }

    /** @return whether nothing is stored yet (before the first step) */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return whether anything is stored under {@code name} */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names of the stored values, in the order they were first stored. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The buffer called {@code name}; throws if it was never stored. */
    public Tensor tensor(String name) {
        return (Tensor) require(name, Tensor.class);
    }

    /** The buffer called {@code name}, created with {@code init} on first use (e.g. {@code () -> Tensor.zerosLike(p)}). */
    public Tensor tensor(String name, Supplier<Tensor> init) {
        Object v = values.get(name);
        if (v == null) {
            Tensor t = init.get();
            values.put(name, t);
            return t;
        }
        return (Tensor) require(name, Tensor.class);
    }

    /** The step counter (0 before the first step). */
    public long step() {
        return has("step") ? (Long) require("step", Long.class) : 0L;
    }

    /** Adds one to the step counter and returns the new count (1 at the first step). */
    public long incrementStep() {
        long step = step() + 1;
        values.put("step", step);
        return step;
    }

    /** @return the whole number stored under {@code name} */
    public long getLong(String name) {
        return (Long) require(name, Long.class);
    }

    /** @return the number stored under {@code name} */
    public double getDouble(String name) {
        return (Double) require(name, Double.class);
    }

    @SuppressWarnings("unchecked")
    public List<Tensor> tensors(String name) {
        return (List<Tensor>) require(name, List.class);
    }

    /** Stores a Tensor, Long, Double, or List of Tensors under {@code name} (replacing any earlier value). */
    public ParamState put(String name, Object value) {
        if (!(value instanceof Tensor || value instanceof Long || value instanceof Double || value instanceof List)) {
            throw new IllegalArgumentException("ParamState.put: " + name + " must be a Tensor, Long, Double or List<Tensor>, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        if (value instanceof List) {
            for (Object o : (List<?>) value) {
                if (!(o instanceof Tensor)) {
                    throw new IllegalArgumentException("ParamState.put: the list " + name + " must hold only tensors, found " + o);
                }
            }
        }
        values.put(name, value);
        return this;
    }

    /** The raw value, or null. */
    public Object get(String name) {
        return values.get(name);
    }

    private Object require(String name, Class<?> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("ParamState: no '" + name + "' stored; this state has " + values.keySet());
        }
        if (!type.isInstance(v)) {
            throw new IllegalStateException("ParamState: '" + name + "' is a " + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return v;
    }

    /** A deep copy: tensors are cloned, so changing one state does not change the other. */
    public ParamState copy() {
        ParamState c = new ParamState();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Tensor) {
                v = clone((Tensor) v);
            } else if (v instanceof List) {
                List<Tensor> l = new ArrayList<>();
                for (Object t : (List<?>) v) l.add(clone((Tensor) t));
                v = l;
            }
            c.values.put(e.getKey(), v);
        }
        return c;
    }

    static Tensor clone(Tensor t) {
        return Tensor.of(t.toArray(), t.shape());
    }

    @Override
    public String toString() {
        return values.keySet().toString();
    }
}
