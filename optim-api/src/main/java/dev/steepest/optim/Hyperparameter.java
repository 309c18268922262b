package dev.steepest.optim;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One option an optimizer accepts: its name (PyTorch's key, e.g. {@code lr}, {@code momentum}),
 * its kind, its default, the values it may take and a one-line description. A provider lists its
 * hyperparameters so that {@link Options} can check every key and value before anything is
 * created, and so that {@code --list} and error messages can say what is allowed.
 *
 * <pre>{@code
 * Hyperparameter.number("momentum", 0.0, Hyperparameter.Range.halfOpen(0, 1), "heavy-ball factor μ")
 * }</pre>
 */
public final class Hyperparameter {

    /** What kind of value a hyperparameter holds. */
    public enum Kind {
        /** A real number, such as {@code lr}, within the declared range. */
        NUMBER,
        /** A whole number, such as {@code history_size}, within the declared range. */
        INTEGER,
        /** {@code true} or {@code false}, such as {@code nesterov}. */
        FLAG,
        /** One of a fixed list of words, such as {@code line_search_fn}. */
        CHOICE
    }

    private final String name;
    private final Kind kind;
    private final Object defaultValue;
    private final Range range;
    private final List<String> choices;
    private final String doc;

    private Hyperparameter(String name, Kind kind, Object defaultValue, Range range, List<String> choices, String doc) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Hyperparameter: name must be lower case letters, digits and '_' "
                    + "(PyTorch's keys, like lr or weight_decay), got '" + name + "'");
        }
        if (doc == null || doc.isBlank()) {
            throw new IllegalArgumentException("Hyperparameter " + name + ": give a one-line description");
        }
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.range = range;
        this.choices = choices;
        this.doc = doc;
        if (defaultValue != null) {
            check("Hyperparameter " + name + " default", defaultValue);
        }
    }

    /** A real number in {@code range}; a null default means "computed by the optimizer" (say how in the doc). */
    public static Hyperparameter number(String name, Double defaultValue, Range range, String doc) {
        return new Hyperparameter(name, Kind.NUMBER, defaultValue, Objects.requireNonNull(range, "range"), List.of(), doc);
    }

    /** A whole number in {@code range}; a null default means "computed by the optimizer". */
    public static Hyperparameter integer(String name, Integer defaultValue, Range range, String doc) {
        return new Hyperparameter(name, Kind.INTEGER, defaultValue, Objects.requireNonNull(range, "range"), List.of(), doc);
    }

    /** true or false. */
    public static Hyperparameter flag(String name, boolean defaultValue, String doc) {
        return new Hyperparameter(name, Kind.FLAG, defaultValue, null, List.of(), doc);
    }

    /** One of a few words. */
    public static Hyperparameter choice(String name, String defaultValue, List<String> choices, String doc) {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("Hyperparameter " + name + ": a choice needs at least one allowed value");
        }
        return new Hyperparameter(name, Kind.CHOICE, defaultValue, null, List.copyOf(choices), doc);
    }

    /** @return its key, as PyTorch spells it (lr, momentum, …) */
    public String name() { return name; }
    /** @return what kind of value it takes */
    public Kind kind() { return kind; }
    /** The default (Double, Integer, Boolean or String), or null when the optimizer computes it. */
    public Object defaultValue() { return defaultValue; }
    /** @return one line saying what it does */
    public String doc() { return doc; }
    /** The allowed range of a NUMBER or INTEGER, else null. */
    public Range range() { return range; }
    /** @return the allowed values of a CHOICE (empty otherwise) */
    public List<String> choices() { return choices; }

    /** The allowed values as a student reads them: {@code [0, 1)}, {@code true or false}, {@code one of [none]}. */
    public String validValues() {
        switch (kind) {
            case NUMBER: return range.toString();
            case INTEGER: return "a whole number in " + range;
            case FLAG: return "true or false";
            default: return "one of " + choices;
        }
    }

    /**
     * Converts a value given by a user (a String from {@code -Doptimizer.KEY=VALUE}, or a Number or
     * Boolean from code) to this hyperparameter's type, or throws naming the optimizer, key, value
     * and valid values: {@code sgd: momentum must be in [0, 1), got 1.5}.
     */
    public Object check(String optimizer, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be " + validValues() + ", got nothing (null)");
        }
        String text = value.toString().trim();
        switch (kind) {
            case NUMBER: {
                double v = parseNumber(optimizer, value, text, "a number in " + range);
                if (!range.contains(v)) {
                    throw new IllegalArgumentException(optimizer + ": " + name + " must be in " + range + ", got " + text);
                }
                return v;
            }
            case INTEGER: {
                double v = parseNumber(optimizer, value, text, "a whole number in " + range);
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(optimizer + ": " + name + " must be a whole number in " + range + ", got " + text);
                }
                if (!range.contains(v)) {
                    throw new IllegalArgumentException(optimizer + ": " + name + " must be in " + range + ", got " + text);
                }
                return (int) v;
            }
            case FLAG:
                if (value instanceof Boolean) return value;
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) return Boolean.parseBoolean(text);
                throw new IllegalArgumentException(optimizer + ": " + name + " must be true or false, got '" + text + "'");
            default:
                if (!choices.contains(text.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(optimizer + ": " + name + " must be one of " + choices + ", got '" + text + "'");
                }
                return text.toLowerCase(Locale.ROOT);
        }
    }

    /** A number as a student types it: ASCII digits, an optional point and exponent; no hex, no suffix, no other script's digits. */
    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile(
            "[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private static boolean javaWouldParse(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private double parseNumber(String optimizer, Object value, String text, String expected) {
        double v;
        if (value instanceof Number) {
            v = ((Number) value).doubleValue();
        } else if (PLAIN_DECIMAL.matcher(text).matches()) {
            v = Double.parseDouble(text);
        } else {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be " + expected + (javaWouldParse(text)
                    ? ", written as a plain decimal number such as 0.01 or 1e-3 (no hex, no suffix)" : "") + ", got '" + text + "'");
        }
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be " + expected + ", got NaN");
        }
        return v;
    }

    /** {@code lr = 0.001  [0, inf)  learning rate}. */
    @Override
    public String toString() {
        Object d = defaultValue == null ? "(computed)" : defaultValue;
        return name + " = " + d + "  " + validValues() + "  " + doc;
    }

    /** An interval of real numbers; either end may be open, closed or infinite. */
    public static final class Range {
        private final double min;
        private final boolean minInclusive;
        private final double max;
        private final boolean maxInclusive;

        private Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
            if (!(min <= max)) {
                throw new IllegalArgumentException("Range: min " + min + " must not exceed max " + max);
            }
            this.min = min;
            this.minInclusive = minInclusive;
            this.max = max;
            this.maxInclusive = maxInclusive;
        }

        /** [min, inf). */
        public static Range atLeast(double min) { return new Range(min, true, Double.POSITIVE_INFINITY, false); }
        /** (min, inf). */
        public static Range above(double min) { return new Range(min, false, Double.POSITIVE_INFINITY, false); }
        /** [min, max]. */
        public static Range closed(double min, double max) { return new Range(min, true, max, true); }
        /** [min, max). */
        public static Range halfOpen(double min, double max) { return new Range(min, true, max, false); }
        /** (min, max). */
        public static Range open(double min, double max) { return new Range(min, false, max, false); }
        /** Any finite or infinite number. */
        public static Range any() { return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false); }

        /** The lower end (may be -inf); whether it belongs to the range is {@link #contains}'s business. */
        public double min() {
            return min;
        }

        /** The upper end (may be inf). */
        public double max() {
            return max;
        }

        /** @return whether {@code v} lies in this range */
        public boolean contains(double v) {
            boolean aboveMin = minInclusive ? v >= min : v > min;
            boolean belowMax = maxInclusive ? v <= max : v < max;
            return aboveMin && belowMax;
        }

        @Override
        public String toString() {
            return (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
        }

        private static String format(double v) {
            if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
