package dev.steepest.train.command;

import java.math.BigDecimal;

/**
 * One numeric option of a program, declared once: its name, the word help shows for its value, what
 * it does, its default and its range. {@link #declared()} is what a {@link Command#options()} lists
 * (so {@code help NAME} shows the default it really has), and {@link Args#integer(Option)} or
 * {@link Args#number(Option)} reads it with that default and range, so the two cannot drift apart.
 *
 * <pre>{@code
 * static final Option STEPS = Option.integer("--steps", "N", 50, 1, 10_000, "gradient steps");
 * public List<String> options() { return List.of(STEPS.declared()); }     // "--steps N  gradient steps (default 50)"
 * int steps = run.args().integer(STEPS);                                   // 50 unless given; refused outside [1, 10000]
 * }</pre>
 */
public final class Option {
    private final String name;
    private final String metavar;
    private final boolean whole;
    private final double fallback;
    private final double min;
    private final double max;
    private final String doc;

    private Option(String name, String metavar, boolean whole, double fallback, double min, double max, String doc) {
        if (!name.startsWith("--") || metavar.isBlank() || !(min <= fallback && fallback <= max)) {
            throw new IllegalArgumentException("Option: " + name + " " + metavar + " needs a name starting with --, a METAVAR and a default "
                    + fallback + " in [" + min + ", " + max + "]");
        }
        this.name = name;
        this.metavar = metavar;
        this.whole = whole;
        this.fallback = fallback;
        this.min = min;
        this.max = max;
        this.doc = doc;
    }

    /**
     * @param name e.g. {@code "--steps"}
     * @param metavar what help calls its value, e.g. {@code "N"}
     * @param fallback the value when it is not given
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param doc what it does, for help (the default is added); empty to show only {@code --name METAVAR}
     * @return a whole-number option
     */
    public static Option integer(String name, String metavar, int fallback, int min, int max, String doc) {
        return new Option(name, metavar, true, fallback, min, max, doc);
    }

    /**
     * As {@link #integer}, for a plain decimal number ({@code 0.99}, {@code 5e-3}).
     *
     * @return a decimal option
     */
    public static Option number(String name, String metavar, double fallback, double min, double max, String doc) {
        return new Option(name, metavar, false, fallback, min, max, doc);
    }

    /** @return the option's name, e.g. {@code --steps} */
    public String name() {
        return name;
    }

    /** @return its declaration for {@link Command#options()}: {@code "--steps N  gradient steps (default 50)"} */
    public String declared() {
        String usage = name + " " + metavar;
        return doc.isEmpty() ? usage : usage + "  " + doc + " (default " + decimal(fallback) + ")";
    }

    int wholeDefault() {
        return (int) fallback;
    }

    double numberDefault() {
        return fallback;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    boolean whole() {
        return whole;
    }

    /** @return the number as it would be typed: 0.99, 1000, 0.005 (a float's shortest decimal, not 0.9900000095) */
    public static String decimal(double value) {
        return new BigDecimal(value == (float) value ? Float.toString((float) value) : Double.toString(value))
                .stripTrailingZeros().toPlainString();
    }
}
