package dev.steepest.coursework;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Hyperparameter.Range;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A student's provider as the grader sees it: its name, description and hyperparameters as the
 * child described them, and {@link #create} making a {@link RemoteOptimizer} whose steps run in
 * the child. Everything the conformance kit, the race and the training runs measure through it is
 * measured here, in the grader. It is handed to the kit as an {@link OptimizerProvider} through a JDK
 * proxy ({@link #asProvider()}), so that no class file of the grader implements that interface: the
 * registry's scan for unregistered providers would otherwise name this class to every user.
 */
final class RemoteProvider {
    /** A plugin's own failure, told by the child; it has no stack of the grader's (the text names the plugin's frame). */
    static final class PluginFailed extends RuntimeException {
        PluginFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** A refusal (the plugin's IllegalArgumentException), without the grader's stack. */
    static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
            setStackTrace(new StackTraceElement[0]);
        }
    }

    /** The longest text of a student's kept (a name, a description, a message). */
    static final int TEXT = 2000;

    final Child child;
    private final int index;
    private final String name;
    private final String description;
    private final List<Hyperparameter> hyperparameters;
    private final int[] ids;

    private RemoteProvider(Child child, int index, String name, String description, List<Hyperparameter> hyperparameters, int[] ids) {
        this.child = child;
        this.index = index;
        this.name = name;
        this.description = description;
        this.hyperparameters = hyperparameters;
        this.ids = ids;
    }

    /**
     * Asks the child to create each provider class and describe it.
     *
     * @return one entry per class: the provider, or the reason it could not be created
     */
    static List<Object> describe(Child child, List<String> classes) {
        Wire.In answer = child.call(request(Wire.PROVIDERS, o -> o.texts(classes)));
        List<Object> out = new ArrayList<>();
        int[] ids = {0};
        read(child, () -> {
            int n = answer.count("providers");
            if (n != classes.size()) throw new Wire.BrokenMessage(n + " providers described for " + classes.size() + " asked");
            for (int i = 0; i < n; i++) {
                if (!answer.flag()) {
                    out.add(bounded(answer.text()));
                    continue;
                }
                String name = bounded(answer.text());
                String description = bounded(answer.text());
                int count = answer.integer();
                List<Hyperparameter> hps = null;
                if (count >= 0) {
                    hps = new ArrayList<>();
                    for (int h = 0; h < count; h++) hps.add(hyperparameter(answer));
                }
                out.add(new RemoteProvider(child, i, name, description, hps, ids));
            }
        });
        return out;
    }

    private static Hyperparameter hyperparameter(Wire.In in) throws IOException {
        String name = in.text();
        int kind = in.integer();
        Object value = in.value();
        String doc = in.text();
        List<String> choices = in.texts();
        Range range = null;
        if (in.flag()) {
            double min = in.number();
            boolean minIn = in.flag();
            double max = in.number();
            boolean maxIn = in.flag();
            range = Double.isInfinite(max) ? (Double.isInfinite(min) ? Range.any() : minIn ? Range.atLeast(min) : Range.above(min))
                    : minIn ? (maxIn ? Range.closed(min, max) : Range.halfOpen(min, max)) : Range.open(min, max);
        }
        try {
            return switch (Hyperparameter.Kind.values()[kind]) {
                case NUMBER -> Hyperparameter.number(name, value == null ? null : ((Number) value).doubleValue(), range, doc);
                case INTEGER -> Hyperparameter.integer(name, value == null ? null : ((Number) value).intValue(), range, doc);
                case FLAG -> Hyperparameter.flag(name, Boolean.TRUE.equals(value), doc);
                case CHOICE -> Hyperparameter.choice(name, value == null ? null : value.toString(), choices, doc);
            };
        } catch (RuntimeException e) {
            throw new Wire.BrokenMessage("a hyperparameter the grader cannot rebuild (" + e.getMessage() + ")");
        }
    }

    /** @return this provider as the conformance kit takes one; every call goes to the methods here */
    OptimizerProvider asProvider() {
        return (OptimizerProvider) java.lang.reflect.Proxy.newProxyInstance(OptimizerProvider.class.getClassLoader(),
                new Class<?>[] {OptimizerProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name();
                    case "description" -> description();
                    case "hyperparameters" -> hyperparameters();
                    case "create" -> create(castParams(args[0]), (Options) args[1]);
                    case "toString" -> "'" + name() + "' (a submission's provider)";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> castParams(Object params) {
        return (List<Tensor>) params;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Hyperparameter> hyperparameters() {
        return hyperparameters;
    }

    public Optimizer create(List<Tensor> params, Options options) {
        int id = ++ids[0];
        Map<String, Object> given = new LinkedHashMap<>();
        options.asMap().forEach((k, v) -> {
            if (v != null) given.put(k, v);
        });
        Wire.In answer = child.call(request(Wire.CREATE, o -> {
            o.integer(id).integer(index).options(given);
            writeTensors(o, params);
        }));
        boolean[] flags = new boolean[3];
        read(child, () -> {
            check(answer);
            flags[0] = answer.flag();
            flags[1] = answer.flag();
            flags[2] = answer.flag();
        });
        Options resolved = options.optimizer() != null ? options : options.resolve(name, hyperparameters);
        return new RemoteOptimizer(params, resolved, this, id, flags[0], flags[1], flags[2]);
    }

    // ------------------------------------------------------------ helpers shared with RemoteOptimizer

    interface Writing {
        void write(Wire.Out out) throws IOException;
    }

    interface Reading {
        void read() throws IOException;
    }

    static Wire.Out request(byte kind, Writing body) {
        Wire.Out out = new Wire.Out(kind);
        try {
            body.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("grade: could not write a request: " + e.getMessage(), e);
        }
        return out;
    }

    /** Reads an answer; a malformed one ends the child's grading as a broken channel. */
    static void read(Child child, Reading body) {
        try {
            body.read();
        } catch (IOException e) {
            throw child.broken(e.getMessage());
        }
    }

    /** Throws the plugin's refusal or failure told in {@code answer}; returns on OK. */
    static void check(Wire.In answer) throws IOException {
        switch (answer.kind) {
            case Wire.OK -> { }
            case Wire.REFUSED -> throw new Refused(bounded(answer.text()));
            case Wire.FAILED -> throw new PluginFailed(bounded(answer.text()));
            default -> throw new Wire.BrokenMessage("an answer of unknown kind " + answer.kind);
        }
    }

    static void writeTensors(Wire.Out o, List<Tensor> params) throws IOException {
        o.integer(params.size());
        for (Tensor p : params) o.ints(p.shape()).floats(p.toArray());
    }

    static String bounded(String text) {
        return text.length() <= TEXT ? text : text.substring(0, TEXT) + "…";
    }
}
