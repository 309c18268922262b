package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A list of parameters and the options they are updated with (PyTorch's {@code param_group}
 * dict). Options not set here are taken from the optimizer's defaults when the group is added.
 * The options stay writable, because schedulers and users change {@code lr} during training; an
 * optimizer reads them at every step.
 *
 * <pre>{@code
 * var head = new ParamGroup(List.of(w2, b2)).set("lr", 0.1);   // this group only
 * optimizer.addParamGroup(head);
 * }</pre>
 */
public final class ParamGroup {

    private final List<Tensor> params;
    private final Map<String, Object> options = new TreeMap<>();
    /** Set when the group joins an optimizer that declares its hyperparameters: every value is then checked. */
    private String optimizer;
    private Map<String, Hyperparameter> declared = Map.of();

    /** A group of parameters with no options of its own yet. */
    public ParamGroup(List<Tensor> params) {
        if (params == null) {
            throw new IllegalArgumentException("ParamGroup: params is null; give a list of tensors");
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == null) {
                throw new IllegalArgumentException("ParamGroup: parameter " + i + " is null");
            }
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** The parameters, in order (the list cannot be changed; the tensors are updated in place by step()). */
    public List<Tensor> params() {
        return params;
    }

    /**
     * Sets an option (Double, Integer, Boolean or String) for this group; returns this group. Once
     * the group belongs to an optimizer, a declared hyperparameter is checked as {@link Options}
     * checks it (its range and type; text such as {@code "0.1"} is converted), so a bad value
     * fails here, naming the optimizer, the key and what is allowed, and not at the next step.
     * Keys the optimizer does not declare (a scheduler's {@code initial_lr}) are kept as given.
     */
    public ParamGroup set(String key, Object value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("ParamGroup.set: the key is empty");
        }
        if (value != null && !(value instanceof Number || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("ParamGroup.set: " + key + " must be a number, a boolean or a string, got "
                    + value.getClass().getSimpleName());
        }
        Hyperparameter h = declared.get(key);
        if (h != null && !(value == null && h.defaultValue() == null)) {
            value = h.check(optimizer, value);
        }
        options.put(key, value instanceof Float ? Double.valueOf(value.toString()) : value);
        return this;
    }

    /** Joins an optimizer that declares {@code hyperparameters}: checks every option already set. */
    void bind(String optimizerName, List<Hyperparameter> hyperparameters) {
        Map<String, Hyperparameter> byName = new TreeMap<>();
        for (Hyperparameter h : hyperparameters) byName.put(h.name(), h);
        this.optimizer = optimizerName;
        this.declared = byName;
        for (Map.Entry<String, Object> e : new TreeMap<>(options).entrySet()) {
            set(e.getKey(), e.getValue());
        }
    }

    /** @return whether the group has the option {@code key} */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** The raw option value (null if unset or set to null). */
    public Object get(String key) {
        return options.get(key);
    }

    /** @return the group's option {@code key} as a double */
    public double getDouble(String key) {
        return as(key, Number.class, "a number").doubleValue();
    }

    /** @return the group's option {@code key} as an int */
    public int getInt(String key) {
        return as(key, Number.class, "a whole number").intValue();
    }

    /** @return the group's option {@code key} as a boolean */
    public boolean getBoolean(String key) {
        return as(key, Boolean.class, "true or false");
    }

    /** @return the group's option {@code key} as text */
    public String getString(String key) {
        return as(key, String.class, "a string");
    }

    private <T> T as(String key, Class<T> type, String expected) {
        Object v = require(key);
        if (!type.isInstance(v)) {
            throw new IllegalStateException("ParamGroup: option '" + key + "' must be " + expected + ", got "
                    + v.getClass().getSimpleName() + " '" + v + "'; set it with a value of that type");
        }
        return type.cast(v);
    }

    /** This group's learning rate, read at every step. */
    public double lr() {
        return getDouble("lr");
    }

    /** Changes this group's learning rate; the next step uses it. */
    public ParamGroup setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("ParamGroup.setLr: lr must be in [0, inf), got " + lr);
        }
        return set("lr", lr);
    }

    private Object require(String key) {
        Object v = options.get(key);
        if (v == null) {
            throw new IllegalStateException("ParamGroup: option '" + key + "' is not set; this group has " + options);
        }
        return v;
    }

    /** The options (a read-only view, sorted by key). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + options + ")";
    }
}
