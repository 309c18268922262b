package dev.steepest.train.command;

import dev.steepest.optim.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options given after an example's name, {@code --name VALUE} or {@code --name=VALUE}, checked
 * against the options that example declares. Every problem is a {@link BadInput} whose message
 * names the option, the value and what would be right.
 */
public final class Args {
    private final String example;
    private final Map<String, String> values;
    private final List<String> positional;

    private Args(String example, Map<String, String> values, List<String> positional) {
        this.example = example;
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses the options of one example.
     *
     * @param example the example's name, for messages
     * @param tokens the command-line words after the example's name
     * @param declared the accepted options as {@code "--name METAVAR"}, optionally followed by two spaces and
     *     what the option does ({@code "--z N  size of the noise (default 32)"}, which {@code help} shows); every
     *     option takes a value. An entry that does not start with {@code --} (e.g. {@code "SUBMISSION..."}) lets the
     *     example take plain arguments too, read with {@link #positional()}; an option declared without a METAVAR
     *     (e.g. {@code "--variational"}) is a switch whose value is {@code "true"} unless given as {@code --name=VALUE};
     *     a METAVAR in brackets ({@code "--explain [N]"}) makes the value optional: the next word is taken when it is
     *     not an option. A value never starts with {@code --}: {@code --epochs --seed 1} lacks the epochs (a value that
     *     starts with {@code --} is given as {@code --name=--VALUE})
     * @return the parsed options
     * @throws BadInput for an unknown option, a missing value, or an option given twice
     */
    public static Args parse(String example, List<String> tokens, List<String> declared) {
        List<String> usages = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String option : declared) {
            usages.add(usage(option));
            names.add(option.split(" ")[0]);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean takesPlain = declared.stream().anyMatch(d -> !d.startsWith("--"));
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (takesPlain && !token.startsWith("--")) {
                positional.add(token);
                continue;
            }
            String name = token;
            String value = null;
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0) {
                name = token.substring(0, eq);
                value = token.substring(eq + 1);
            }
            if (!names.contains(name)) {
                String what = token.startsWith("-") ? "unknown option '" + name + "'" : "unexpected argument '" + token + "'";
                throw new BadInput(example + ": " + what + "." + Names.didYouMean(name, names)
                        + " Options: " + String.join(", ", usages) + ".");
            }
            String usage = usages.get(names.indexOf(name));
            boolean flag = usage.equals(name);                          // declared without a METAVAR: a switch, e.g. --variational
            boolean optional = usage.endsWith("]");                     // --explain [N]: the value may follow or not
            if (value == null && optional && i + 1 < tokens.size() && !tokens.get(i + 1).startsWith("--")) {
                value = tokens.get(++i);
            }
            if (value == null && (flag || optional)) {
                value = "true";
            }
            if (value == null) {
                // The next word is the value unless it is an option itself: "--epochs --seed 1" lacks the epochs.
                if (i + 1 >= tokens.size() || tokens.get(i + 1).startsWith("--")) {
                    throw new BadInput(example + ": option " + name + " needs a value: " + usage + ".");
                }
                value = tokens.get(++i);
            }
            if (values.put(name, value) != null) {
                throw new BadInput(example + ": option " + name + " is given twice; give it once.");
            }
        }
        return new Args(example, values, positional);
    }

    /** @return an option's declaration without its description: {@code "--z N"} of {@code "--z N  size of the noise"} */
    public static String usage(String declared) {
        int gap = declared.indexOf("  ");
        return gap < 0 ? declared : declared.substring(0, gap);
    }

    /** @return the plain arguments, in order (empty unless the example declares them) */
    public List<String> positional() {
        return positional;
    }

    /** @return the value of an option, if it was given */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * @return whether a switch (an option declared without a METAVAR) is on: given alone or as
     *     {@code --name=true}; off when not given or {@code --name=false}
     * @throws BadInput for any other value
     */
    public boolean flag(String name) {
        String value = values.getOrDefault(name, "false").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new BadInput(example + ": " + name + " is a switch: give " + name + " alone (or " + name + "=false), not '"
                    + value + "'.");
        }
        return value.equals("true");
    }

    /**
     * @return the value of an option as a path, if it was given
     * @throws BadInput when the value is empty or not a path this system can name
     */
    public Optional<Path> path(String name) {
        return string(name).map(text -> {
            if (text.isBlank()) {
                throw new BadInput(example + ": " + name + " needs a file or folder name, got an empty one ('" + text + "').");
            }
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new BadInput(example + ": " + name + " '" + text + "' is not a valid path: " + e.getReason() + ".", e);
            }
        });
    }

    /**
     * @return the option's integer value, or {@code fallback} when it was not given
     * @throws BadInput when the value is not an integer in [min, max]
     */
    public int integer(String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        String digits = text.trim();
        if (digits.matches("[-+]?[0-9]{1,10}")) {   // ASCII digits only: Integer.parseInt would also take ３ or ٣
            long value = Long.parseLong(digits);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        throw new BadInput(example + ": " + name + " must be an integer in [" + min + ", " + max + "], got '" + text + "'.");
    }

    /**
     * @return the value of a whole-number option declared once as an {@link Option}, its default when not given
     * @throws BadInput when the value is not an integer in the option's range
     */
    public int integer(Option option) {
        if (!option.whole()) {
            throw new IllegalArgumentException(option.name() + " is a decimal option; read it with number(option)");
        }
        return integer(option.name(), option.wholeDefault(), (int) option.min(), (int) option.max());
    }

    /**
     * @return the value of a decimal option declared once as an {@link Option}, its default when not given
     * @throws BadInput when the value is not a plain decimal number in the option's range
     */
    public double number(Option option) {
        return number(option.name(), option.numberDefault(), option.min(), option.max());
    }

    /**
     * @return the option's value as a plain decimal number ({@code 0.99}, {@code 5e-3}), or {@code fallback} when it was not given
     * @throws BadInput when the value is not such a number in [min, max]
     */
    public double number(String name, double fallback, double min, double max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        String number = text.trim();
        // ASCII decimals only: Double.parseDouble would also take 0x1p-3, 1e-3f or NaN
        if (number.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?")) {
            double value = Double.parseDouble(number);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw new BadInput(example + ": " + name + " must be a number in [" + plain(min) + ", " + plain(max) + "], got '" + text + "'.");
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
