package dev.steepest.coursework;

import dev.steepest.core.Tensor;
import dev.steepest.coursework.exercise.Catalog;
import dev.steepest.coursework.exercise.DifferentiableSubject;
import dev.steepest.coursework.exercise.EnvironmentExercise;
import dev.steepest.coursework.exercise.EnvironmentSubject;
import dev.steepest.coursework.exercise.Local;
import dev.steepest.coursework.exercise.ModuleExercise;
import dev.steepest.coursework.exercise.OpExercise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A student's exercise across the grading channel. In the child ({@link Harness}), the student's object is put
 * behind the checks' interface with {@link Local}, and each request is answered through it; in the grader, the
 * same interface sends the requests, so that {@link dev.steepest.coursework.exercise.ExerciseCheck} runs here,
 * unchanged, and every comparison, gradient check and verdict is the grader's. Every tensor read from the child
 * is checked: a shape of at most {@link #RANK} dimensions whose size is the number of values sent.
 */
final class RemoteExercise {
    static final int RANK = 8;

    private RemoteExercise() {
    }

    // ---------------------------------------------------------------- the child's side

    /** A student's object behind the checks' interface, and the name it gives itself. */
    record Served(String name, Object subject) {
    }

    /** Puts {@code made} (an instance of {@code c}) behind the checks' interface; new instances come from {@code c} too. */
    static Served serve(Object made, Class<?> c) {
        if (made instanceof OpExercise op) return new Served(op.op(), Local.op(op));
        if (made instanceof ModuleExercise<?> module) {
            String name = module.module();
            Catalog.ModuleSpec spec = Catalog.MODULES.get(name);
            return new Served(name, spec == null ? null : Local.module(module, spec.sizes()));
        }
        EnvironmentExercise env = (EnvironmentExercise) made;
        EnvironmentExercise[] first = {env};
        return new Served(env.environment(), Local.environment(() -> {
            if (first[0] != null) {
                EnvironmentExercise e = first[0];
                first[0] = null;
                return e;
            }
            try {
                return (EnvironmentExercise) c.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a new " + c.getName() + " could not be made: " + e, e);
            }
        }));
    }

    /** Answers RUN: forward (and backward) through the subject. */
    static Wire.Out answerRun(DifferentiableSubject subject, Wire.In r) throws IOException {
        Map<String, Tensor> params = readNamed(r);
        List<Tensor> inputs = readList(r);
        List<Tensor> grads = r.flag() ? readList(r) : null;
        DifferentiableSubject.Run run = subject.run(params, inputs, grads);
        Wire.Out o = list(new Wire.Out(Wire.OK), run.outputs());
        o.flag(run.gradFn() != null).text(run.gradFn());
        o.flag(run.inputGrads() != null);
        if (run.inputGrads() != null) list(o, run.inputGrads());
        o.flag(run.paramGrads() != null);
        if (run.paramGrads() != null) named(o, run.paramGrads());
        return o;
    }

    /** Answers ENVIRONMENT: one call on the environment. */
    static Wire.Out answerEnvironment(EnvironmentSubject subject, Wire.In r) throws IOException {
        int what = r.integer();
        EnvironmentSubject.Outcome outcome;
        switch (what) {
            case Wire.ENV_SIZES:
                return new Wire.Out(Wire.OK).ints(subject.sizes());
            case Wire.ENV_FRESH:
                subject.fresh();
                return new Wire.Out(Wire.OK);
            case Wire.ENV_RESET:
                outcome = subject.reset((long) r.number());
                break;
            case Wire.ENV_RESET_TO: {
                int n = r.count("numbers");
                double[] state = new double[n];
                for (int i = 0; i < n; i++) state[i] = r.number();
                outcome = subject.resetTo(state);
                break;
            }
            case Wire.ENV_STEP:
                outcome = subject.step(r.integer());
                break;
            default:
                throw new Wire.BrokenMessage("an environment request of unknown kind " + what);
        }
        return new Wire.Out(Wire.OK).floats(outcome.observation()).number(outcome.reward()).flag(outcome.terminated())
                .flag(outcome.truncated()).flag(outcome.thrown() != null).text(outcome.thrown()).text(outcome.message());
    }

    // ---------------------------------------------------------------- the grader's side

    /**
     * Asks the child to create each class and say its name.
     *
     * @return one entry per class: its exercise's name, or (as a {@link Failed}) why it could not be made
     */
    static List<Object> describe(Child child, Assignment kind, List<String> classes) {
        Wire.In answer = child.call(RemoteProvider.request(Wire.EXERCISES, o -> o.text(kind.name()).texts(classes)));
        List<Object> out = new ArrayList<>();
        RemoteProvider.read(child, () -> {
            RemoteProvider.check(answer);
            int n = answer.count("exercises");
            if (n != classes.size()) throw new Wire.BrokenMessage(n + " exercises described for " + classes.size() + " asked");
            for (int i = 0; i < n; i++) {
                boolean made = answer.flag();
                String text = RemoteProvider.bounded(answer.text());
                out.add(made ? text : new Failed(text));
            }
        });
        return out;
    }

    /** Why a class could not be made, as the child said it. */
    record Failed(String reason) {
    }

    /** @return the op or module at {@code index} of the child, for the checks */
    static DifferentiableSubject differentiable(Child child, int index) {
        return new DifferentiableSubject() {
            @Override
            public Map<String, Tensor> create() {
                Wire.In answer = child.call(RemoteProvider.request(Wire.CREATE_MODULE, o -> o.integer(index)));
                List<Map<String, Tensor>> made = new ArrayList<>();
                RemoteProvider.read(child, () -> {
                    RemoteProvider.check(answer);
                    made.add(readNamed(answer));
                });
                return made.get(0);
            }

            @Override
            public Run run(Map<String, Tensor> params, List<Tensor> inputs, List<Tensor> gradOutputs) {
                Wire.In answer = child.call(RemoteProvider.request(Wire.RUN, o -> {
                    named(o.integer(index), params);
                    list(o, inputs).flag(gradOutputs != null);
                    if (gradOutputs != null) list(o, gradOutputs);
                }));
                List<Run> run = new ArrayList<>();
                RemoteProvider.read(child, () -> {
                    RemoteProvider.check(answer);
                    List<Tensor> outputs = readList(answer);
                    boolean hasGradFn = answer.flag();
                    String gradFn = RemoteProvider.bounded(answer.text());
                    List<Tensor> inputGrads = answer.flag() ? readList(answer) : null;
                    Map<String, Tensor> paramGrads = answer.flag() ? readNamed(answer) : null;
                    if (outputs.isEmpty()) throw new RemoteProvider.PluginFailed("forward returned no outputs");
                    run.add(new Run(outputs, hasGradFn ? gradFn : null, inputGrads, paramGrads));
                });
                return run.get(0);
            }
        };
    }

    /** @return the environment at {@code index} of the child, for the checks */
    static EnvironmentSubject environment(Child child, int index) {
        return new EnvironmentSubject() {
            @Override
            public int[] sizes() {
                Wire.In answer = child.call(RemoteProvider.request(Wire.ENVIRONMENT, o -> o.integer(index).integer(Wire.ENV_SIZES)));
                int[][] sizes = new int[1][];
                RemoteProvider.read(child, () -> {
                    RemoteProvider.check(answer);
                    sizes[0] = answer.ints();
                    if (sizes[0].length != 2) throw new Wire.BrokenMessage(sizes[0].length + " sizes for 2");
                });
                return sizes[0];
            }

            @Override
            public void fresh() {
                Wire.In answer = child.call(RemoteProvider.request(Wire.ENVIRONMENT, o -> o.integer(index).integer(Wire.ENV_FRESH)));
                RemoteProvider.read(child, () -> RemoteProvider.check(answer));
            }

            @Override
            public Outcome reset(long seed) {
                return outcome(o -> o.integer(Wire.ENV_RESET).number(seed));
            }

            @Override
            public Outcome resetTo(double[] state) {
                return outcome(o -> {
                    o.integer(Wire.ENV_RESET_TO).integer(state.length);
                    for (double v : state) o.number(v);
                });
            }

            @Override
            public Outcome step(int action) {
                return outcome(o -> o.integer(Wire.ENV_STEP).integer(action));
            }

            private Outcome outcome(RemoteProvider.Writing body) {
                Wire.In answer = child.call(RemoteProvider.request(Wire.ENVIRONMENT, o -> body.write(o.integer(index))));
                List<Outcome> got = new ArrayList<>();
                RemoteProvider.read(child, () -> {
                    RemoteProvider.check(answer);
                    float[] observation = answer.floats();
                    float reward = (float) answer.number();
                    boolean terminated = answer.flag();
                    boolean truncated = answer.flag();
                    boolean threw = answer.flag();
                    String thrown = RemoteProvider.bounded(answer.text());
                    String message = RemoteProvider.bounded(answer.text());
                    got.add(new Outcome(observation, reward, terminated, truncated, threw ? thrown : null, threw ? message : null));
                });
                return got.get(0);
            }
        };
    }

    // ---------------------------------------------------------------- tensors on the wire

    static Wire.Out list(Wire.Out o, List<Tensor> tensors) throws IOException {
        o.integer(tensors.size());
        for (Tensor t : tensors) tensor(o, t);
        return o;
    }

    static Wire.Out named(Wire.Out o, Map<String, Tensor> tensors) throws IOException {
        o.integer(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) tensor(o.text(e.getKey()), e.getValue());
        return o;
    }

    private static void tensor(Wire.Out o, Tensor t) throws IOException {
        o.flag(t != null);
        if (t != null) o.ints(t.shape()).floats(t.toArray());
    }

    static List<Tensor> readList(Wire.In in) throws IOException {
        int n = in.count("tensors");
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(readTensor(in));
        return out;
    }

    static Map<String, Tensor> readNamed(Wire.In in) throws IOException {
        int n = in.count("named tensors");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = RemoteProvider.bounded(in.text());
            out.put(name, readTensor(in));
        }
        return out;
    }

    private static Tensor readTensor(Wire.In in) throws IOException {
        if (!in.flag()) return null;
        int[] shape = in.ints();
        float[] values = in.floats();
        long size = shape.length > RANK ? -1 : 1;
        for (int i = 0; size >= 0 && i < shape.length; i++) size = shape[i] < 0 ? -1 : Math.min(size * shape[i], 1L << 31);
        if (values == null || size != values.length) {
            throw new Wire.BrokenMessage("a tensor of shape " + java.util.Arrays.toString(shape) + " with "
                    + (values == null ? "no" : values.length) + " values");
        }
        return Tensor.of(values, shape);
    }
}
