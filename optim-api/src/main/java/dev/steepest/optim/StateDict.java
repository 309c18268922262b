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

    public String optimizerName() { return optimizerName; }
    public String optimizerClass() { return optimizerClass; }
    public int paramCount() { return paramShapes.size(); }
    public int[] paramShape(int index) { return paramShapes.get(index).clone(); }
    public int groupCount() { return groupParams.size(); }
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
        String format = metadata.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("StateDict.fromFlat: this is not a steepest optimizer state (format is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "')");
        }
        List<int[]> shapes = new ArrayList<>();
        while (metadata.containsKey("params." + shapes.size() + ".shape")) {
            shapes.add(split(metadata.get("params." + shapes.size() + ".shape")));
        }
        List<int[]> groupParams = new ArrayList<>();
        List<Map<String, Object>> groupOptions = new ArrayList<>();
        Map<Integer, ParamState> state = new TreeMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String[] k = e.getKey().split("\\.", 3);
            if (k[0].equals("param_groups") && k.length == 3) {
                int g = Integer.parseInt(k[1]);
                while (groupOptions.size() <= g) {
                    groupOptions.add(new TreeMap<>());
                    groupParams.add(new int[0]);
                }
                if (k[2].equals("params")) {
                    groupParams.set(g, split(e.getValue()));
                } else {
                    groupOptions.get(g).put(k[2], decode(e.getKey(), e.getValue()));
                }
            } else if (k[0].equals("state") && k.length == 3) {
                int p = Integer.parseInt(k[1]);
                ParamState s = state.computeIfAbsent(p, i -> new ParamState());
                String v = e.getValue();
                if (v.equals("tensor")) {
                    s.put(k[2], need(tensors, e.getKey()));
                } else if (v.startsWith("list:")) {
                    List<Tensor> list = new ArrayList<>();
                    int n = Integer.parseInt(v.substring(5));
                    for (int i = 0; i < n; i++) list.add(need(tensors, e.getKey() + "." + i));
                    s.put(k[2], list);
                } else {
                    s.put(k[2], decode(e.getKey(), v));
                }
            }
        }
        return new StateDict(metadata.get("optimizer.name"), metadata.get("optimizer.class"), shapes, groupParams, groupOptions, state);
    }

    private static Tensor need(Map<String, Tensor> tensors, String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("StateDict.fromFlat: the metadata names a tensor '" + key + "' that is not among the tensors");
        }
        return t;
    }

    static String encode(Object v) {
        if (v == null) return "null";
        if (v instanceof Long) return "long:" + v;
        if (v instanceof Integer) return "int:" + v;
        if (v instanceof Number) return "double:" + ((Number) v).doubleValue();
        if (v instanceof Boolean) return "bool:" + v;
        return "string:" + v;
    }

    static Object decode(String key, String text) {
        if (text.equals("null")) return null;
        int colon = text.indexOf(':');
        String type = colon < 0 ? "" : text.substring(0, colon);
        String value = text.substring(colon + 1);
        switch (type) {
            case "long": return Long.parseLong(value);
            case "int": return Integer.parseInt(value);
            case "double": return Double.parseDouble(value);
            case "bool": return Boolean.parseBoolean(value);
            case "string": return value;
            default: throw new IllegalArgumentException("StateDict.fromFlat: cannot read '" + key + "' = '" + text
                    + "'; expected long:, int:, double:, bool: or string: before the value");
        }
    }

    private static String join(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ",").append(values[i]);
        return b.toString();
    }

    private static int[] split(String text) {
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public String toString() {
        return "StateDict(" + optimizerName + ", " + paramShapes.size() + " params, " + groupParams.size() + " groups, state of "
                + state.size() + " params)";
    }
}
