package dev.steepest.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The options an optimizer is created with, by PyTorch's names: {@code lr}, {@code momentum},
 * {@code weight_decay}, … Values may be given as text ({@code -Doptimizer.lr=0.01}) or as numbers
 * and booleans from code; {@link #resolve} checks every key and value against a provider's
 * {@link Hyperparameter}s, fills in the defaults and converts the values to their types.
 * Immutable: {@link #with} returns a new Options.
 *
 * <pre>{@code
 * Options o = Options.of("lr", 0.01, "momentum", 0.9);
 * Optimizer sgd = Optimizers.create("sgd", params, o);
 * }</pre>
 */
public final class Options {

    private final Map<String, Object> values;
    private final String source;
    /** After {@link #resolve}: the optimizer's name and its declared hyperparameters; else null. */
    private final String optimizer;
    private final List<Hyperparameter> declared;

    private Options(Map<String, Object> values, String source) {
        this(values, source, null, null);
    }

    private Options(Map<String, Object> values, String source, String optimizer, List<Hyperparameter> declared) {
        this.values = Collections.unmodifiableMap(values);
        this.source = source;
        this.optimizer = optimizer;
        this.declared = declared;
    }

    /** No options: every hyperparameter takes its default. */
    public static Options empty() {
        return new Options(new TreeMap<>(), null);
    }

    /** Options from alternating keys and values: {@code of("lr", 0.01, "nesterov", true)}. */
    public static Options of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Options.of: give keys and values in pairs, got " + keysAndValues.length + " arguments");
        }
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("Options.of: argument " + i + " must be a key (a String), got " + keysAndValues[i]);
            }
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Options(m, null);
    }

    /** Options from a map of keys to values (Strings, Numbers or Booleans). */
    public static Options of(Map<String, ?> values) {
        return new Options(new TreeMap<>(values), null);
    }

    /**
     * The options in {@code properties} whose keys start with {@code prefix}, e.g. {@code "optimizer."}
     * picks {@code -Doptimizer.lr=0.01} as {@code lr = "0.01"}. Error messages then say where a key came from.
     * {@code PREFIXexplain} is left out: {@code -Doptimizer.explain=true} is the examples' request to
     * print the first steps, not an option of the optimizer.
     */
    public static Options fromProperties(Properties properties, String prefix) {
        Map<String, Object> m = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(prefix + "explain")) {
                continue;   // -Doptimizer.explain asks the examples to print the first steps; it is no option of the optimizer
            }
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                m.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return new Options(m, "-D" + prefix);
    }

    /** A copy with one more (or one replaced) option. */
    public Options with(String key, Object value) {
        Map<String, Object> m = new TreeMap<>(values);
        m.put(key, value);
        return new Options(m, source, optimizer, declared);
    }

    /** @return the keys that are set */
    public Set<String> keys() {
        return values.keySet();
    }

    /** @return whether the option {@code key} is set */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The raw value, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** @return the option {@code key} as a double */
    public double getDouble(String key) {
        Object v = require(key);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.parseDouble(v.toString().trim());
    }

    /** @return the option {@code key} as a float */
    public float getFloat(String key) {
        return (float) getDouble(key);
    }

    /** @return the option {@code key} as an int */
    public int getInt(String key) {
        Object v = require(key);
        return v instanceof Number ? ((Number) v).intValue() : Integer.parseInt(v.toString().trim());
    }

    /** @return the option {@code key} as a boolean */
    public boolean getBoolean(String key) {
        Object v = require(key);
        return v instanceof Boolean ? (Boolean) v : Boolean.parseBoolean(v.toString().trim());
    }

    /** @return the option {@code key} as text */
    public String getString(String key) {
        return require(key).toString();
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Options: no value for '" + key + "'; the options are " + this);
        }
        return v;
    }

    /** The options as an unmodifiable map (sorted by key). */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The same as {@link #resolve(String, List)} with the provider's name and hyperparameters: a
     * plugin's constructor calls {@code super(params, options.resolve(new MineProvider()))}, so
     * that its name is written once, in its provider.
     */
    public Options resolve(OptimizerProvider provider) {
        return resolve(provider.name(), provider.hyperparameters());
    }

    /** The optimizer these options were resolved for, or null if they were not resolved. */
    public String optimizer() {
        return optimizer;
    }

    /** The hyperparameters these options were resolved against, or null if they were not resolved. */
    public List<Hyperparameter> declared() {
        return declared;
    }

    /**
     * Checks every key and value against {@code hyperparameters}, fills in the defaults and
     * converts each value to its type (Double, Integer, Boolean or String). Throws, naming the
     * optimizer, the key, the value and what is allowed, on an unknown key (with the closest known
     * one) or a bad value.
     */
    public Options resolve(String optimizer, List<Hyperparameter> hyperparameters) {
        Map<String, Hyperparameter> known = new LinkedHashMap<>();
        for (Hyperparameter h : hyperparameters) {
            known.put(h.name(), h);
        }
        for (String key : values.keySet()) {
            if (!known.containsKey(key)) {
                throw new IllegalArgumentException(optimizer + ": unknown option '" + key + "'" + where(key)
                        + ". Known options: " + String.join(", ", new TreeSet<>(known.keySet()))
                        + ". Did you mean '" + Names.closest(key, known.keySet()) + "'?");
            }
        }
        Map<String, Object> resolved = new TreeMap<>();
        for (Hyperparameter h : hyperparameters) {
            Object given = values.get(h.name());
            if (given == null) {
                resolved.put(h.name(), h.defaultValue());
            } else {
                try {
                    resolved.put(h.name(), h.check(optimizer, given));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + where(h.name()), e);
                }
            }
        }
        return new Options(resolved, source, optimizer, List.copyOf(hyperparameters));
    }

    private String where(String key) {
        return source == null ? "" : " (from " + source + key + ")";
    }

    /** {@code {lr=0.01, momentum=0.9}}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            parts.add(e.getKey() + "=" + e.getValue());
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
