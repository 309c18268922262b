package dev.steepest.coursework.exercise;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A student's exercise run in this JVM: by the check a student runs on their own machine, and by the grading
 * child's harness, which answers the grader's requests through these same methods.
 */
public final class Local {
    private Local() {
    }

    /** @return the op behind the checks' interface */
    public static DifferentiableSubject op(OpExercise op) {
        return new DifferentiableSubject() {
            @Override
            public Map<String, Tensor> create() {
                return Map.of();
            }

            @Override
            public Run run(Map<String, Tensor> params, List<Tensor> inputs, List<Tensor> gradOutputs) {
                try (var recording = recording(gradOutputs)) {
                    List<Tensor> in = copies(inputs, gradOutputs != null);
                    Tensor out = op.forward(in.toArray(Tensor[]::new));
                    if (out == null) throw new IllegalStateException("forward returned null; return the op's result");
                    return backward(List.of(out), in, Map.of(), gradOutputs);
                }
            }
        };
    }

    /** @return the module behind the checks' interface, made with {@code sizes} */
    public static <M extends Module> DifferentiableSubject module(ModuleExercise<M> exercise, Map<String, Integer> sizes) {
        return new DifferentiableSubject() {
            private M module;

            @Override
            public Map<String, Tensor> create() {
                module = exercise.create(sizes);
                if (module == null) throw new IllegalStateException("create() returned null; return a new module");
                Map<String, Tensor> initial = new LinkedHashMap<>();
                module.namedParameters().forEach((name, p) -> initial.put(name, Tensor.of(p.toArray(), p.shape())));
                return initial;
            }

            @Override
            public Run run(Map<String, Tensor> params, List<Tensor> inputs, List<Tensor> gradOutputs) {
                if (module == null) create();
                Map<String, Tensor> own = module.namedParameters();
                try (var off = Autograd.noGrad()) {
                    for (Map.Entry<String, Tensor> e : params.entrySet()) {
                        Tensor p = own.get(e.getKey());
                        if (p == null) throw new IllegalArgumentException("the module has no parameter '" + e.getKey() + "'; it has " + own.keySet());
                        p.copy_(e.getValue());
                    }
                }
                module.zeroGrad();
                try (var recording = recording(gradOutputs)) {
                    List<Tensor> in = copies(inputs, gradOutputs != null);
                    Tensor[] out = exercise.forward(module, in.toArray(Tensor[]::new));
                    if (out == null) throw new IllegalStateException("forward returned null; return the module's outputs");
                    for (Tensor t : out) {
                        if (t == null) throw new IllegalStateException("forward returned a null output");
                    }
                    return backward(List.of(out), in, own, gradOutputs);
                }
            }
        };
    }

    /** @return the environment behind the checks' interface; {@code make} gives a new instance */
    public static EnvironmentSubject environment(Supplier<? extends EnvironmentExercise> make) {
        return new EnvironmentSubject() {
            private EnvironmentExercise env = make.get();

            @Override
            public int[] sizes() {
                return new int[] {env.observationSize(), env.actionCount()};
            }

            @Override
            public void fresh() {
                env = make.get();
            }

            @Override
            public Outcome reset(long seed) {
                return observe(() -> env.reset(new Generator(seed)));
            }

            @Override
            public Outcome resetTo(double[] state) {
                return observe(() -> env.resetTo(state.clone()));
            }

            @Override
            public Outcome step(int action) {
                try {
                    EnvironmentExercise.Step s = env.step(action);
                    if (s == null) return new Outcome(null, 0, false, false, "NullPointerException", "step returned null");
                    return new Outcome(s.observation() == null ? null : s.observation().clone(), s.reward(), s.terminated(), s.truncated(), null, null);
                } catch (RuntimeException e) {
                    return Outcome.threw(e);
                }
            }
        };
    }

    private static EnvironmentSubject.Outcome observe(Supplier<float[]> call) {
        try {
            float[] o = call.get();
            return new EnvironmentSubject.Outcome(o == null ? null : o.clone(), 0, false, false, null, null);
        } catch (RuntimeException e) {
            return EnvironmentSubject.Outcome.threw(e);
        }
    }

    /** Recording on when a backward follows (also inside another backward, as in a gradient check), off otherwise. */
    private static Autograd.Scope recording(List<Tensor> gradOutputs) {
        return gradOutputs != null ? Autograd.enableGrad() : Autograd.noGrad();
    }

    private static List<Tensor> copies(List<Tensor> inputs, boolean requiresGrad) {
        List<Tensor> in = new ArrayList<>();
        for (Tensor t : inputs) in.add(Tensor.of(t.toArray(), t.shape()).requiresGrad(requiresGrad));
        return in;
    }

    /** Copies the outputs and, when asked, runs backward with the given output gradients and collects every gradient. */
    private static DifferentiableSubject.Run backward(List<Tensor> outputs, List<Tensor> in, Map<String, Tensor> params, List<Tensor> gradOutputs) {
        String gradFn = outputs.get(0).gradFn();
        List<Tensor> values = new ArrayList<>();
        for (Tensor o : outputs) values.add(Tensor.of(o.toArray(), o.shape()));
        if (gradOutputs == null) return new DifferentiableSubject.Run(values, gradFn, null, null);
        if (gradOutputs.size() != outputs.size()) {
            throw new IllegalStateException("forward returned " + outputs.size() + " outputs; " + gradOutputs.size() + " were expected");
        }
        Tensor total = null;
        for (int i = 0; i < outputs.size(); i++) {
            Tensor o = outputs.get(i);
            if (!o.requiresGrad()) continue;
            if (outputs.size() == 1) {
                o.backward(gradOutputs.get(i));   // the op's own rule gets exactly PyTorch's output gradient
                break;
            }
            Tensor term = o.mul(gradOutputs.get(i)).sum();
            total = total == null ? term : total.add(term);
        }
        if (total != null) total.backward();
        List<Tensor> inputGrads = new ArrayList<>();
        for (Tensor t : in) inputGrads.add(t.grad() == null ? null : Tensor.of(t.grad().toArray(), t.grad().shape()));
        Map<String, Tensor> paramGrads = new LinkedHashMap<>();
        params.forEach((name, p) -> paramGrads.put(name, p.grad() == null ? null : Tensor.of(p.grad().toArray(), p.grad().shape())));
        return new DifferentiableSubject.Run(values, gradFn, inputGrads, paramGrads);
    }
}
