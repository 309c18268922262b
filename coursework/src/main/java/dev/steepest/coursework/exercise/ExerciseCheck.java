package dev.steepest.coursework.exercise;

import dev.steepest.core.GradCheck;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.coursework.exercise.Catalog.EnvironmentSpec;
import dev.steepest.coursework.exercise.Catalog.ModuleSpec;
import dev.steepest.coursework.exercise.Catalog.OpSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The checks of every exercise kind, the same on a student's machine ({@code ExerciseCheck.op(new Softplus())
 * .assertPassed()} in the template's test) and in {@code grade --assignment KIND}, where the subject runs in the
 * submission's own child and every comparison is made here, in the grader.
 *
 * <ul>
 *   <li>an op: its result's grad_fn is the op's own (recorded with {@link Tensor#record}), its values and its input
 *       gradients match PyTorch 1.13's to float rounding, and its rule agrees with central differences ({@link GradCheck});
 *   <li>a module: PyTorch's parameter names and shapes, PyTorch's initialisation range, outputs and every gradient
 *       (inputs and parameters) as PyTorch's with PyTorch's parameters loaded, and a gradient check over all of them;
 *   <li>an environment: its sizes, start states drawn as Gymnasium draws them, each recorded trajectory replayed
 *       step by step (observation, reward, terminated, truncated), and the refusals of a bad action and of a step
 *       outside an episode.
 * </ul>
 */
public final class ExerciseCheck {
    /** "To float rounding": |actual − expected| ≤ ATOL + RTOL·|expected|. */
    static final float ATOL = 1e-5f;
    static final float RTOL = 1e-4f;
    /** The seed of the gradient check's inputs and of the start states drawn. */
    static final long SEED = 19;

    private ExerciseCheck() {
    }

    /** Checks a student's op in this JVM. */
    public static ExerciseReport op(OpExercise op) {
        return op(op.op(), Local.op(op));
    }

    /** Checks a student's module in this JVM. */
    public static ExerciseReport module(ModuleExercise<?> module) {
        ModuleSpec spec = Catalog.MODULES.get(module.module());
        return module(module.module(), spec == null ? null : Local.module(module, spec.sizes()));
    }

    /** Checks a student's environment in this JVM; {@code make} gives a new instance (e.g. {@code MountainCar::new}). */
    public static ExerciseReport environment(Supplier<? extends EnvironmentExercise> make) {
        return environment(make.get().environment(), Local.environment(make));
    }

    // ---------------------------------------------------------------- ops

    /** Checks the op named {@code name} (as the exercise says it is) through {@code s}. */
    public static ExerciseReport op(String name, DifferentiableSubject s) {
        ExerciseReport report = new ExerciseReport("op '" + name + "'");
        OpSpec spec = Catalog.OPS.get(name);
        if (spec == null) {
            report.add("is an op of the assignment", "op() returned '" + name + "'; the ops are " + Catalog.names(Catalog.OPS));
            return report;
        }
        List<References.OpCase> cases = References.op(name);
        References.OpCase first = cases.get(0);
        check(report, "records its own backward as " + spec.gradFn(), () -> {
            String gradFn = s.run(Map.of(), first.inputs(), first.gradOutputs()).gradFn();
            if (spec.gradFn().equals(gradFn)) return null;
            String how = "return Tensor.record(\"" + spec.gradFn() + "\", result, inputs, saved, rule) so that backward() runs your rule";
            return gradFn == null ? "the result has no grad_fn: " + how
                    : "the result's grad_fn is " + gradFn + ", not " + spec.gradFn() + ": a result built from steepest's own ops gets their "
                    + "gradient, not a rule of yours; " + how;
        });
        check(report, "forward matches PyTorch 1.13", () -> {
            for (int c = 0; c < cases.size(); c++) {
                References.OpCase k = cases.get(c);
                String wrong = compareAll("output", s.run(Map.of(), k.inputs(), null).outputs(), k.outputs());
                if (wrong != null) return "case " + (c + 1) + " (input " + shown(k.inputs().get(0)) + "): " + wrong;
            }
            return null;
        });
        check(report, "backward matches PyTorch 1.13", () -> {
            for (int c = 0; c < cases.size(); c++) {
                References.OpCase k = cases.get(c);
                String wrong = compareAll("gradient of input", s.run(Map.of(), k.inputs(), k.gradOutputs()).inputGrads(), k.inputGrads());
                if (wrong != null) return "case " + (c + 1) + " (input " + shown(k.inputs().get(0)) + "): " + wrong + " (the rule: " + spec.rule() + ")";
            }
            return null;
        });
        check(report, "backward agrees with central differences (GradCheck)", () -> {
            Tensor[] in = spec.draw().apply(new Generator(SEED));
            return gradCheck(s, List.of(), in.length, in);
        });
        return report;
    }

    // ---------------------------------------------------------------- modules

    /** Checks the module named {@code name} through {@code s} (null when the name is not in the catalog). */
    public static ExerciseReport module(String name, DifferentiableSubject s) {
        ExerciseReport report = new ExerciseReport("module '" + name + "'");
        ModuleSpec spec = Catalog.MODULES.get(name);
        if (spec == null || s == null) {
            report.add("is a module of the assignment", "module() returned '" + name + "'; the modules are " + Catalog.names(Catalog.MODULES));
            return report;
        }
        List<Map<String, Tensor>> initial = new ArrayList<>(java.util.Collections.nCopies(1, null));
        check(report, "has PyTorch's parameters " + describe(spec.parameters()), () -> {
            initial.set(0, s.create());
            Map<String, int[]> has = new LinkedHashMap<>();
            initial.get(0).forEach((k, v) -> has.put(k, v.shape()));
            if (has.keySet().equals(spec.parameters().keySet())
                    && spec.parameters().entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), has.get(e.getKey())))) {
                return null;
            }
            return "it has " + describe(has) + "; name and shape them as PyTorch does (registerParameter(\"weight_ih\", ...); a child "
                    + "module registered as \"key\" gives key.weight)";
        });
        check(report, "initialises its parameters in U(-" + spec.initBound() + ", " + spec.initBound() + ") as PyTorch does", () -> {
            if (initial.get(0) == null) initial.set(0, s.create());
            for (Map.Entry<String, Tensor> e : initial.get(0).entrySet()) {
                float[] v = e.getValue().toArray();
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (float f : v) {
                    if (!(Math.abs(f) <= spec.initBound())) {
                        return e.getKey() + " holds " + f + ", outside [-" + spec.initBound() + ", " + spec.initBound() + "]";
                    }
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
                if (v.length > 1 && lo == hi) {
                    return "every value of " + e.getKey() + " is " + lo + "; draw each from U(-" + spec.initBound() + ", " + spec.initBound()
                            + ") (init.uniform_), or the units all learn the same";
                }
            }
            return null;
        });
        List<References.ModuleCase> cases = References.module(name);
        check(report, "forward matches PyTorch 1.13", () -> {
            for (int c = 0; c < cases.size(); c++) {
                References.ModuleCase k = cases.get(c);
                String wrong = compareAll("output", s.run(k.params(), k.inputs(), null).outputs(), k.outputs());
                if (wrong != null) return "case " + (c + 1) + " with PyTorch's parameters: " + wrong + " (outputs: " + spec.outputs() + ")";
            }
            return null;
        });
        check(report, "backward matches PyTorch 1.13 (inputs and parameters)", () -> {
            for (int c = 0; c < cases.size(); c++) {
                References.ModuleCase k = cases.get(c);
                DifferentiableSubject.Run r = s.run(k.params(), k.inputs(), k.gradOutputs());
                String wrong = compareAll("gradient of input", r.inputGrads(), k.inputGrads());
                for (String p : spec.parameters().keySet()) {
                    if (wrong != null) break;
                    Tensor g = r.paramGrads() == null ? null : r.paramGrads().get(p);
                    wrong = compare("gradient of " + p, g, k.paramGrads().get(p));
                }
                if (wrong != null) return "case " + (c + 1) + ": " + wrong;
            }
            return null;
        });
        check(report, "backward agrees with central differences (GradCheck, inputs and parameters)", () -> {
            Generator g = new Generator(SEED);
            Tensor[] in = spec.draw().apply(g);
            List<Tensor> all = new ArrayList<>(List.of(in));
            for (int[] shape : spec.parameters().values()) all.add(Catalog.normal(g, shape).mul(0.5f));
            return gradCheck(s, List.copyOf(spec.parameters().keySet()), in.length, all.toArray(Tensor[]::new));
        });
        return report;
    }

    /**
     * Runs {@link GradCheck} over {@code s}: each forward is one run of the subject, and its backward one run with the
     * output gradient, so that the rule checked is the subject's own, wherever it runs.
     */
    private static String gradCheck(DifferentiableSubject s, List<String> paramNames, int inputs, Tensor[] all) {
        for (Tensor t : all) t.requiresGrad(true);
        Function<Tensor[], Tensor> f = x -> {
            Map<String, Tensor> params = new LinkedHashMap<>();
            for (int i = 0; i < paramNames.size(); i++) params.put(paramNames.get(i), x[inputs + i]);
            List<Tensor> in = List.of(Arrays.copyOf(x, inputs));
            List<Tensor> outs = s.run(params, in, null).outputs();
            int n = 0;
            for (Tensor o : outs) n += o.numel();
            float[] flat = new float[n];
            int at = 0;
            for (Tensor o : outs) {
                System.arraycopy(o.toArray(), 0, flat, at, o.numel());
                at += o.numel();
            }
            return Tensor.record("ExerciseBackward", Tensor.of(flat, n), x, new Tensor[0], g -> {
                float[] gv = g.toArray();
                List<Tensor> gs = new ArrayList<>();
                int from = 0;
                for (Tensor o : outs) {
                    gs.add(Tensor.of(Arrays.copyOfRange(gv, from, from + o.numel()), o.shape()));
                    from += o.numel();
                }
                DifferentiableSubject.Run r = s.run(params, in, gs);
                Tensor[] grads = new Tensor[x.length];
                for (int i = 0; i < x.length; i++) {
                    Tensor gi = i < inputs ? r.inputGrads().get(i) : r.paramGrads().get(paramNames.get(i - inputs));
                    if (gi != null && !Arrays.equals(gi.shape(), x[i].shape())) {
                        throw new IllegalStateException("the gradient of " + (i < inputs ? "input " + i : paramNames.get(i - inputs)) + " has shape "
                                + Arrays.toString(gi.shape()) + ", but it is of shape " + Arrays.toString(x[i].shape()));
                    }
                    grads[i] = gi;
                }
                return grads;
            });
        };
        GradCheck.Report r = GradCheck.check(f, all);
        if (r.passed()) return null;
        String where = r.input() < inputs ? "input " + r.input() : paramNames.get(r.input() - inputs);
        return String.format(Locale.ROOT, "at %s element %d the rule gives %.6g but central differences give %.6g (%d derivatives checked)",
                where, r.element(), r.analytic(), r.numeric(), r.checked());
    }

    // ---------------------------------------------------------------- environments

    /** Checks the environment named {@code name} through {@code s}. */
    public static ExerciseReport environment(String name, EnvironmentSubject s) {
        ExerciseReport report = new ExerciseReport("environment '" + name + "'");
        EnvironmentSpec spec = Catalog.ENVIRONMENTS.get(name);
        if (spec == null) {
            report.add("is an environment of the assignment", "environment() returned '" + name + "'; the environments are "
                    + Catalog.names(Catalog.ENVIRONMENTS));
            return report;
        }
        check(report, "has " + spec.gymnasium() + "'s sizes (" + spec.observationSize() + " numbers observed, " + spec.actionCount() + " actions)", () -> {
            int[] sizes = s.sizes();
            return sizes[0] == spec.observationSize() && sizes[1] == spec.actionCount() ? null
                    : "observationSize() is " + sizes[0] + " and actionCount() " + sizes[1] + "; " + spec.gymnasium() + " has "
                    + spec.observationSize() + " and " + spec.actionCount();
        });
        check(report, "reset draws the start state as " + spec.gymnasium() + " does", () -> {
            List<String> starts = new ArrayList<>();
            for (long seed = SEED; seed < SEED + 20; seed++) {
                EnvironmentSubject.Outcome o = s.reset(seed);
                if (o.thrown() != null) return "reset " + o.refusal();
                String wrong = start(spec, o.observation());
                if (wrong != null) return wrong;
                starts.add(Arrays.toString(o.observation()));
            }
            EnvironmentSubject.Outcome again = s.reset(SEED);
            if (again.thrown() != null || !Arrays.toString(again.observation()).equals(starts.get(0))) {
                return "two resets with generators of the same seed start differently; draw the start only from the generator given";
            }
            return starts.stream().distinct().count() > 1 ? null : "20 resets with different seeds all start at " + starts.get(0)
                    + "; draw the start from the generator";
        });
        for (References.Trajectory t : References.environment(name)) {
            check(report, "replays '" + t.name() + "' (" + t.actions().length + " steps) as Gymnasium's equations do", () -> replay(spec, s, t));
        }
        References.Trajectory first = References.environment(name).get(0);
        check(report, "refuses an action out of range, naming it", () -> {
            for (int bad : new int[] {spec.actionCount(), -1}) {
                s.resetTo(first.start());
                EnvironmentSubject.Outcome o = s.step(bad);
                if (!"IllegalArgumentException".equals(o.thrown()) || !o.message().contains(Integer.toString(bad))) {
                    return "step(" + bad + ") " + (o.thrown() == null ? "was taken" : o.refusal())
                            + "; throw an IllegalArgumentException whose message names the action and the valid ones (0 to " + (spec.actionCount() - 1) + ")";
                }
            }
            return null;
        });
        check(report, "refuses a step before reset and after the episode ended", () -> {
            s.fresh();
            EnvironmentSubject.Outcome o = s.step(0);
            if (!"IllegalStateException".equals(o.thrown())) {
                return "step(0) before any reset " + (o.thrown() == null ? "was taken" : o.refusal()) + "; throw an IllegalStateException "
                        + "saying to call reset first";
            }
            References.Trajectory ends = References.environment(name).stream()
                    .filter(t -> t.terminated()[t.actions().length - 1] || t.truncated()[t.actions().length - 1]).findFirst().orElse(null);
            if (ends == null) return null;
            s.resetTo(ends.start());
            for (int a : ends.actions()) s.step(a);
            o = s.step(0);
            return "IllegalStateException".equals(o.thrown()) ? null : "step(0) after '" + ends.name() + "' ended "
                    + (o.thrown() == null ? "was taken" : o.refusal()) + "; throw an IllegalStateException saying the episode is over";
        });
        return report;
    }

    private static String replay(EnvironmentSpec spec, EnvironmentSubject s, References.Trajectory t) {
        EnvironmentSubject.Outcome o = s.resetTo(t.start());
        if (o.thrown() != null) return "resetTo" + Arrays.toString(t.start()) + " " + o.refusal();
        String wrong = close(o.observation(), t.firstObservation());
        if (wrong != null) return "resetTo" + Arrays.toString(t.start()) + " observes " + wrong;
        for (int i = 0; i < t.actions().length; i++) {
            String at = "step " + (i + 1) + " (action " + t.actions()[i] + ")";
            o = s.step(t.actions()[i]);
            if (o.thrown() != null) return at + " " + o.refusal();
            wrong = close(o.observation(), t.observations()[i]);
            if (wrong != null) return at + ": the observation is " + wrong;
            if (o.reward() != t.rewards()[i]) return at + ": the reward is " + o.reward() + " but Gymnasium gives " + t.rewards()[i];
            if (o.terminated() != t.terminated()[i]) {
                return at + ": terminated is " + o.terminated() + " but Gymnasium's is " + t.terminated()[i] + " (observation "
                        + Arrays.toString(t.observations()[i]) + ")";
            }
            if (o.truncated() != t.truncated()[i]) {
                return at + ": truncated is " + o.truncated() + " but Gymnasium's is " + t.truncated()[i] + " (the time limit is "
                        + spec.timeLimit() + " steps)";
            }
        }
        return null;
    }

    /** Whether an observation after reset could be a start state Gymnasium draws. */
    private static String start(EnvironmentSpec spec, float[] observation) {
        if (observation == null || observation.length != spec.observationSize()) {
            return "reset returned " + (observation == null ? "null" : observation.length + " numbers") + "; an observation has "
                    + spec.observationSize();
        }
        double[] state = spec.name().equals("acrobot")
                ? new double[] {Math.atan2(observation[1], observation[0]), Math.atan2(observation[3], observation[2]), observation[4], observation[5]}
                : new double[] {observation[0], observation[1]};
        for (int i = 0; i < state.length; i++) {
            if (!(state[i] >= spec.startLow()[i] - 1e-6 && state[i] <= spec.startHigh()[i] + 1e-6)) {
                return "reset started at " + Arrays.toString(observation) + ": state number " + i + " is " + (float) state[i] + ", but "
                        + spec.gymnasium() + " draws it from [" + spec.startLow()[i] + ", " + spec.startHigh()[i] + "]";
            }
        }
        return null;
    }

    private static String close(float[] actual, float[] expected) {
        if (actual == null || actual.length != expected.length) {
            return (actual == null ? "null" : actual.length + " numbers") + ", but Gymnasium observes " + expected.length;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= ATOL + RTOL * Math.abs(expected[i]))) {
                return Arrays.toString(actual) + " but Gymnasium's equations give " + Arrays.toString(expected) + " (number " + i + ")";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- comparing

    private static String compareAll(String what, List<Tensor> actual, List<Tensor> expected) {
        if (actual == null || actual.size() != expected.size()) {
            return (actual == null ? "nothing" : actual.size() + " tensors") + " where PyTorch has " + expected.size();
        }
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) == null) continue;
            String wrong = compare(what + (expected.size() > 1 || what.startsWith("gradient") ? " " + i : ""), actual.get(i), expected.get(i));
            if (wrong != null) return wrong;
        }
        return null;
    }

    private static String compare(String what, Tensor actual, Tensor expected) {
        if (actual == null) {
            return "no " + what + " came back (does every output depend on it, and does every backward rule return a gradient for each "
                    + "of its inputs?)";
        }
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return what + " has shape " + Arrays.toString(actual.shape()) + " but PyTorch's has " + Arrays.toString(expected.shape());
        }
        float[] a = actual.toArray();
        float[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= ATOL + RTOL * Math.abs(e[i]))) {
                return String.format(Locale.ROOT, "%s element %d is %s but PyTorch 1.13 gives %s", what, i, a[i], e[i]);
            }
        }
        return null;
    }

    private static String shown(Tensor t) {
        return t.numel() <= 8 ? Arrays.toString(t.toArray()) : "of shape " + Arrays.toString(t.shape());
    }

    private static String describe(Map<String, int[]> shapes) {
        StringBuilder b = new StringBuilder();
        shapes.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(Arrays.toString(v)));
        return b.length() == 0 ? "no parameters" : b.toString();
    }

    private interface Body {
        String run();
    }

    /** Runs one check: a failure is its message, an exception the student's code threw fails this check alone. */
    private static void check(ExerciseReport report, String name, Body body) {
        String failure;
        try {
            failure = body.run();
        } catch (GradingStopped e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            // a failure told by a grading child has no stack here: its message is thrown(e) of the child's exception
            failure = "threw " + (e.getStackTrace().length == 0 && e.getMessage() != null ? e.getMessage() : thrown(e));
        }
        report.add(name, failure);
    }

    /** @return the exception in a line: its simple class name, its message, and where in the student's code it was thrown */
    public static String thrown(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage() + where(e);
    }

    /** The first frame outside the JDK and this package: where in the student's code it went wrong. */
    private static String where(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith("dev.steepest.core.") && !f.getClassName().startsWith("dev.steepest.nn.")
                        && !f.getClassName().startsWith("dev.steepest.coursework."))
                .findFirst().map(f -> " at " + f).orElse("");
    }
}
