package dev.steepest.coursework.exercise;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.steepest.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference values the checks compare with, read from this package's resources: PyTorch 1.13's forward and
 * backward for each op and module case, and Gymnasium's trajectories for each environment, as
 * {@code scripts/fixtures/coursework_exercises.py} wrote them.
 */
public final class References {
    private References() {
    }

    /** One op case: inputs, the output gradient given to backward, and PyTorch's outputs and input gradients. */
    public record OpCase(String op, List<Tensor> inputs, List<Tensor> gradOutputs, List<Tensor> outputs, List<Tensor> inputGrads) {
    }

    /** One module case: parameters, inputs, output gradients, and PyTorch's outputs and gradients. */
    public record ModuleCase(String module, Map<String, Tensor> params, List<Tensor> inputs, List<Tensor> gradOutputs, List<Tensor> outputs,
                             List<Tensor> inputGrads, Map<String, Tensor> paramGrads) {
    }

    /** One trajectory: the start state, the actions, and after each action what Gymnasium's equations gave. */
    public record Trajectory(String environment, String name, double[] start, float[] firstObservation, int[] actions,
                             float[][] observations, float[] rewards, boolean[] terminated, boolean[] truncated) {
    }

    private static List<OpCase> ops;
    private static List<ModuleCase> modules;
    private static List<Trajectory> trajectories;

    /** @return the cases of op {@code name}, in the file's order */
    public static synchronized List<OpCase> op(String name) {
        if (ops == null) {
            ops = new ArrayList<>();
            for (Map<String, Object> c : cases("ops.json")) {
                ops.add(new OpCase((String) c.get("op"), tensors(c.get("inputs")), tensors(c.get("grad_outputs")), tensors(c.get("outputs")),
                        tensors(c.get("input_grads"))));
            }
        }
        return ops.stream().filter(c -> c.op().equals(name)).toList();
    }

    /** @return the cases of module {@code name} */
    public static synchronized List<ModuleCase> module(String name) {
        if (modules == null) {
            modules = new ArrayList<>();
            for (Map<String, Object> c : cases("modules.json")) {
                modules.add(new ModuleCase((String) c.get("module"), named(c.get("params")), tensors(c.get("inputs")),
                        tensors(c.get("grad_outputs")), tensors(c.get("outputs")), tensors(c.get("input_grads")), named(c.get("param_grads"))));
            }
        }
        return modules.stream().filter(c -> c.module().equals(name)).toList();
    }

    /** @return the trajectories of environment {@code name} */
    public static synchronized List<Trajectory> environment(String name) {
        if (trajectories == null) {
            trajectories = new ArrayList<>();
            for (Map<String, Object> c : cases("environments.json")) {
                List<?> obs = (List<?>) c.get("observations");
                float[][] observations = new float[obs.size()][];
                for (int i = 0; i < observations.length; i++) observations[i] = floats(obs.get(i));
                List<?> flagsT = (List<?>) c.get("terminated");
                List<?> flagsU = (List<?>) c.get("truncated");
                boolean[] terminated = new boolean[flagsT.size()];
                boolean[] truncated = new boolean[flagsU.size()];
                for (int i = 0; i < terminated.length; i++) {
                    terminated[i] = (Boolean) flagsT.get(i);
                    truncated[i] = (Boolean) flagsU.get(i);
                }
                float[] actions = floats(c.get("actions"));
                int[] a = new int[actions.length];
                for (int i = 0; i < a.length; i++) a[i] = (int) actions[i];
                List<?> start = (List<?>) c.get("start");
                double[] s = start.stream().mapToDouble(v -> (Double) v).toArray();
                trajectories.add(new Trajectory((String) c.get("environment"), (String) c.get("name"), s, floats(c.get("first_observation")),
                        a, observations, floats(c.get("rewards")), terminated, truncated));
            }
        }
        return trajectories.stream().filter(t -> t.environment().equals(name)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(String file) {
        try (InputStream in = References.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("the reference file " + file + " is missing from the coursework jar");
            try (JsonParser p = new JsonFactory().createParser(in)) {
                p.nextToken();
                Map<String, Object> root = (Map<String, Object>) value(p);
                return (List<Map<String, Object>>) root.get("cases");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference file " + file, e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(value(p));
                return list;
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getBooleanValue();
            case VALUE_NULL:
                return null;
            default:
                return p.getText();
        }
    }

    private static List<Tensor> tensors(Object list) {
        List<Tensor> out = new ArrayList<>();
        for (Object o : (List<?>) list) out.add(o == null ? null : tensor(o));
        return out;
    }

    private static Map<String, Tensor> named(Object map) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> out.put((String) k, tensor(v)));
        return out;
    }

    private static Tensor tensor(Object o) {
        Map<?, ?> m = (Map<?, ?>) o;
        float[] shape = floats(m.get("shape"));
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) shape[i];
        return Tensor.of(floats(m.get("data")), dims);
    }

    private static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] v = new float[l.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (double) (Double) l.get(i);
        return v;
    }
}
