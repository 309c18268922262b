package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of an optimizer: which optimizer it is, the shape of every parameter, each group's
 * options (hyperparameters, including a changed {@code lr}) and every parameter's
 * {@link ParamState} (step counts and buffers). Parameters are numbered in group order, as in
 * PyTorch's {@code state_dict()}; the tensors are copies.
 *
 * <p>It flattens to the two maps a safetensors file holds ({@link #tensors()} and
 * {@link #metadata()}) and is rebuilt from them with {@link #fromFlat}:
 *
 * <pre>
 * tensors   state.0.exp_avg            the buffer exp_avg of parameter 0
 *           state.0.old_dirs.3         element 3 of a list of tensors
 * metadata  format                     steepest.optimizer/1
 *           optimizer.name             adam          optimizer.class  dev.steepest.optim.plugins.Adam
 *           params.0.shape             2,3
 *           param_groups.0.params      0,1           param_groups.0.lr  double:0.001
 *           state.0.step               long:12       state.0.exp_avg    tensor
 *           state.0.old_dirs           list:4
 * </pre>
 */
public final class StateDict {

    static final String FORMAT = "steepest.optimizer/1";

    private final String optimizerName;
    private final String optimizerClass;
    private final List<int[]> paramShapes;
    private final List<int[]> groupParams;
    private final List<Map<String, Object>> groupOptions;
    private final Map<Integer, ParamState> state;

    StateDict(String optimizerName, String optimizerClass, List<int[]> paramShapes, List<int[]> groupParams,
              List<Map<String, Object>> groupOptions, Map<Integer, ParamState> state) {
        this.optimizerName = optimizerName;
        this.optimizerClass = optimizerClass;
        this.paramShapes = paramShapes;
        this.groupParams = groupParams;
        this.groupOptions = groupOptions;
        this.state = state;
    }

    /** @return the registry name of the optimizer that saved it */
    public String optimizerName() { return optimizerName; }
    /** @return the class of the optimizer that saved it */
    public String optimizerClass() { return optimizerClass; }
    /** @return the number of parameters */
    public int paramCount() { return paramShapes.size(); }
    /** @return a parameter's shape (a copy) */
    public int[] paramShape(int index) { return paramShapes.get(index).clone(); }
    /** @return the number of parameter groups */
    public int groupCount() { return groupParams.size(); }
    /** @return the parameter indices of a group (a copy) */
    public int[] groupParams(int group) { return groupParams.get(group).clone(); }
    /** One group's saved options (read-only). */
    public Map<String, Object> groupOptions(int group) { return Collections.unmodifiableMap(groupOptions.get(group)); }
    /** The saved state of parameter {@code index}, or null if it had none. */
    public ParamState state(int index) { return state.get(index); }

    /** Every tensor, by the keys described above (the tensors themselves, not copies). */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> out = new TreeMap<>();
        for (Map.Entry<Integer, ParamState> e : state.entrySet()) {
            ParamState s = e.getValue();
            for (String name : s.names()) {
                String key = "state." + e.getKey() + "." + name;
                Object v = s.get(name);
                if (v instanceof Tensor) {
                    out.put(key, (Tensor) v);
                } else if (v instanceof List) {
                    List<Tensor> list = s.tensors(name);
                    for (int i = 0; i < list.size(); i++) out.put(key + "." + i, list.get(i));
                }
            }
        }
        return out;
    }

    /** Everything that is not a tensor, as text. */
    public Map<String, String> metadata() {
        Map<String, String> m = new TreeMap<>();
        m.put("format", FORMAT);
        m.put("optimizer.name", optimizerName);
        m.put("optimizer.class", optimizerClass);
        for (int i = 0; i < paramShapes.size(); i++) {
            m.put("params." + i + ".shape", join(paramShapes.get(i)));
        }
        for (int g = 0; g < groupParams.size(); g++) {
            m.put("param_groups." + g + ".params", join(groupParams.get(g)));
            for (Map.Entry<String, Object> e : groupOptions.get(g).entrySet()) {
                m.put("param_groups." + g + "." + e.getKey(), encode(e.getValue()));
            }
        }
        for (Map.Entry<Integer, ParamState> e : state.entrySet()) {
            ParamState s = e.getValue();
            for (String name : s.names()) {
                Object v = s.get(name);
                String key = "state." + e.getKey() + "." + name;
                m.put(key, v instanceof Tensor ? "tensor" : v instanceof List ? "list:" + ((List<?>) v).size() : encode(v));
            }
        }
        return m;
    }

    /** Rebuilds a state dict from {@link #tensors()} and {@link #metadata()} (e.g. read back from a file). */
    public static StateDict fromFlat(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return fromFlat(tensors, metadata, "");
    }

    /**
     * The same, for a state stored under {@code prefix} in a larger file (e.g. {@code "optimizer."}),
     * so that messages name keys as the file spells them. Nothing read is trusted: every number is
     * plain decimal ASCII, parameter and group indices are bounded by the parameters the state
     * describes (each group holds at least one), list lengths by the tensors present, and each
     * problem is an IllegalArgumentException naming the key, the value and what was expected.
     */
    public static StateDict fromFlat(Map<String, Tensor> tensors, Map<String, String> metadata, String prefix) {
        String format = metadata.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("StateDict.fromFlat: this is not a steepest optimizer state (" + prefix + "format is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "')");
        }
        Keys keys = new Keys(prefix);
        List<int[]> shapes = new ArrayList<>();
        while (metadata.containsKey("params." + shapes.size() + ".shape")) {
            String key = "params." + shapes.size() + ".shape";
            shapes.add(keys.wholeNumbers(key, metadata.get(key), Integer.MAX_VALUE, "the sizes of a parameter's shape"));
        }
        int params = shapes.size();
        List<int[]> groupParams = new ArrayList<>();
        List<Map<String, Object>> groupOptions = new ArrayList<>();
        Map<Integer, ParamState> state = new TreeMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String[] k = e.getKey().split("\\.", 3);
            if (k[0].equals("param_groups") && k.length == 3) {
                int g = keys.index(e.getKey(), k[1], params, "group", "a group holds at least one of the state's " + params + " parameter(s)");
                while (groupOptions.size() <= g) {
                    groupOptions.add(new TreeMap<>());
                    groupParams.add(null);
                }
                if (k[2].equals("params")) {
                    groupParams.set(g, keys.wholeNumbers(e.getKey(), e.getValue(), params - 1, "parameter indices below " + params));
                } else {
                    groupOptions.get(g).put(k[2], keys.decode(e.getKey(), e.getValue()));
                }
            } else if (k[0].equals("state") && k.length == 3) {
                int p = keys.index(e.getKey(), k[1], params, "parameter", "the state describes " + params + " parameter(s)");
                ParamState s = state.computeIfAbsent(p, i -> new ParamState());
                String v = e.getValue();
                if (v.equals("tensor")) {
                    s.put(k[2], keys.need(tensors, e.getKey()));
                } else if (v.startsWith("list:")) {
                    List<Tensor> list = new ArrayList<>();
                    int n = keys.listLength(e.getKey(), v, tensors.size(), "a list length no larger than the "
                            + tensors.size() + " tensors present");
                    for (int i = 0; i < n; i++) list.add(keys.need(tensors, e.getKey() + "." + i));
                    s.put(k[2], list);
                } else {
                    Object value = keys.decode(e.getKey(), v);
                    if (!(value instanceof Long || value instanceof Double)) {
                        throw keys.bad(e.getKey(), v, "a counter (long:N) or a number (double:X), as an optimizer's state holds");
                    }
                    s.put(k[2], value);
                }
            }
        }
        for (int g = 0; g < groupParams.size(); g++) {
            if (groupParams.get(g) == null) {
                throw keys.bad("param_groups." + g + ".params", null, "the parameter indices of group " + g
                        + " (groups are numbered 0, 1, … without gaps)");
            }
        }
        return new StateDict(metadata.get("optimizer.name"), metadata.get("optimizer.class"), shapes, groupParams, groupOptions, state);
    }

    /** Reads the values of one flat state, naming keys with the file's prefix in every complaint. */
    private static final class Keys {
        private final String prefix;

        Keys(String prefix) {
            this.prefix = prefix;
        }

        IllegalArgumentException bad(String key, String value, String expected) {
            return new IllegalArgumentException(prefix + key + " is " + (value == null ? "missing" : "'" + value + "'")
                    + "; expected " + expected);
        }

        /** An index in [0, limit), plain decimal digits. */
        int index(String key, String text, int limit, String what, String why) {
            if (!text.matches("[0-9]{1,10}") || Long.parseLong(text) >= limit) {
                throw new IllegalArgumentException(prefix + key + ": " + what + " index '" + text + "' is out of range; expected 0 to "
                        + (limit - 1) + " (" + why + ")");
            }
            return Integer.parseInt(text);
        }

        /** Comma-separated whole numbers in [0, max] (empty text: none). */
        int[] wholeNumbers(String key, String text, int max, String expected) {
            if (text.isEmpty()) {
                return new int[0];
            }
            String[] parts = text.split(",", -1);
            if (parts.length > 64 && !key.endsWith(".params")) {
                throw bad(key, text, expected);
            }
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].matches("[0-9]{1,10}") || Long.parseLong(parts[i]) > max) {
                    throw bad(key, text, expected);
                }
                out[i] = Integer.parseInt(parts[i]);
            }
            return out;
        }

        /** The N of {@code list:N}, at most {@code max}. */
        int listLength(String key, String text, int max, String expected) {
            String n = text.substring(5);
            if (!n.matches("[0-9]{1,10}") || Long.parseLong(n) > max) {
                throw bad(key, text, expected);
            }
            return Integer.parseInt(n);
        }

        Tensor need(Map<String, Tensor> tensors, String key) {
            Tensor t = tensors.get(key);
            if (t == null) {
                throw new IllegalArgumentException(prefix + key + " names a tensor that is not in the file (expected a tensor "
                        + prefix + key + ")");
            }
            return t;
        }

        Object decode(String key, String text) {
            try {
                return StateDict.decode(key, text);
            } catch (IllegalArgumentException e) {
                throw bad(key, text, "long:N, int:N, double:X, bool:true or bool:false, string:TEXT or null");
            }
        }
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?|NaN|-?Infinity");

    static String encode(Object v) {
        if (v == null) return "null";
        if (v instanceof Long) return "long:" + v;
        if (v instanceof Integer) return "int:" + v;
        if (v instanceof Number) return "double:" + ((Number) v).doubleValue();
        if (v instanceof Boolean) return "bool:" + v;
        return "string:" + v;
    }

    /** The value of one metadata entry; numbers must be plain decimal ASCII (NaN and ±Infinity are read, and refused later where they do not belong). */
    static Object decode(String key, String text) {
        if (text.equals("null")) return null;
        int colon = text.indexOf(':');
        String type = colon < 0 ? "" : text.substring(0, colon);
        String value = text.substring(colon + 1);
        boolean integer = value.matches("-?[0-9]{1,19}");
        switch (type) {
            case "long": if (integer) return Long.parseLong(value); break;
            case "int": if (integer && value.length() <= 11) return Integer.parseInt(value); break;
            case "double": if (DECIMAL.matcher(value).matches()) return Double.parseDouble(value); break;
            case "bool": if (value.equals("true") || value.equals("false")) return Boolean.parseBoolean(value); break;
            case "string": return value;
            default: break;
        }
        throw new IllegalArgumentException("StateDict.fromFlat: cannot read '" + key + "' = '" + text
                + "'; expected long:, int:, double:, bool: or string: before a plain decimal value");
    }

    private static String join(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ",").append(values[i]);
        return b.toString();
    }

    @Override
    public String toString() {
        return "StateDict(" + optimizerName + ", " + paramShapes.size() + " params, " + groupParams.size() + " groups, state of "
                + state.size() + " params)";
    }
}
