package dev.steepest.core.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.steepest.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch fixtures that the scripts in {@code scripts/fixtures/} write under a module's
 * {@code src/test/resources/fixtures/}: {@code {"cases": [{"name": …, key: value, …}, …]}}, where a
 * value is a number, a string, a list of numbers, or a tensor {@code {"shape": […], "data": […]}}.
 */
public final class Fixtures {

    private final String resource;
    private final Map<String, Case> cases;

    private Fixtures(String resource, Map<String, Case> cases) {
        this.resource = resource;
        this.cases = cases;
    }

    /** Loads a classpath resource such as {@code "/fixtures/core_ops.json"}. */
    public static Fixtures load(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("fixture " + resource + " is not on the test classpath; run the script in scripts/fixtures/");
            }
            try (JsonParser p = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().createParser(in)) {
                p.nextToken();
                @SuppressWarnings("unchecked")
                Map<String, Object> root = (Map<String, Object>) read(p);
                Map<String, Case> cases = new LinkedHashMap<>();
                for (Object c : (List<?>) root.get("cases")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values = (Map<String, Object>) c;
                    Case fixtureCase = new Case(resource, (String) values.get("name"), values);
                    if (cases.put(fixtureCase.name(), fixtureCase) != null) {
                        throw new IllegalStateException("fixture " + resource + " has two cases named " + fixtureCase.name());
                    }
                }
                return new Fixtures(resource, cases);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Case> cases() {
        return new ArrayList<>(cases.values());
    }

    public Case get(String name) {
        Case c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException("fixture " + resource + " has no case '" + name + "'; it has " + cases.keySet());
        }
        return c;
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, read(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /** One named case: typed access to its values. */
    public static final class Case {
        private final String resource;
        private final String name;
        private final Map<String, Object> values;

        Case(String resource, String name, Map<String, Object> values) {
            this.resource = resource;
            this.name = name;
            this.values = values;
        }

        public String name() {
            return name;
        }

        /** The case's keys, in the order the script wrote them. */
        public List<String> keys() {
            return new ArrayList<>(values.keySet());
        }

        public boolean has(String key) {
            return values.containsKey(key) && values.get(key) != null;
        }

        private Object value(String key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("fixture " + resource + " case '" + name + "' has no '" + key + "'; it has " + values.keySet());
            }
            return values.get(key);
        }

        public double number(String key) {
            Object v = value(key);
            if (v instanceof Boolean) return ((Boolean) v) ? 1 : 0;
            return (Double) v;
        }

        public boolean bool(String key) {
            return (Boolean) value(key);
        }

        public String string(String key) {
            return (String) value(key);
        }

        /** A list of numbers, or a tensor's data. */
        public float[] floats(String key) {
            Object v = value(key);
            List<?> list = v instanceof Map ? (List<?>) ((Map<?, ?>) v).get("data") : (List<?>) v;
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Double) list.get(i)).floatValue();
            return out;
        }

        public int[] ints(String key) {
            Object v = value(key);
            List<?> list = v instanceof Map ? (List<?>) ((Map<?, ?>) v).get("shape") : (List<?>) v;
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Double) list.get(i)).intValue();
            return out;
        }

        /** A tensor value {@code {"shape": […], "data": […]}}. */
        public Tensor tensor(String key) {
            Object v = value(key);
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException("fixture " + resource + " case '" + name + "': '" + key + "' is not a tensor");
            }
            Map<?, ?> m = (Map<?, ?>) v;
            List<?> shape = (List<?>) m.get("shape");
            int[] s = new int[shape.size()];
            for (int i = 0; i < s.length; i++) s[i] = ((Double) shape.get(i)).intValue();
            return Tensor.of(floats(key), s);
        }

        /** The raw value (a Double, String, Boolean, List or Map), for anything else. */
        public Object raw(String key) {
            return value(key);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
