package dev.steepest.optim.conformance;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.OptimizerRegistry;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.StateDict;
import dev.steepest.optim.conformance.ConformanceReport.Check;
import dev.steepest.optim.conformance.ConformanceReport.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that an optimizer plugin keeps the contract every example and scheduler relies on. From a
 * test, in one line: {@code OptimizerConformance.check("mine").assertPassed();} From the command
 * line, against any jar on the classpath: {@code java -cp … dev.steepest.optim.conformance.OptimizerConformance mine}.
 *
 * <p>The battery, each on a small convex quadratic whose gradient is written out (no autograd):
 * discovered under a valid unique name; declares its hyperparameters and rejects bad ones; lr = 0
 * leaves parameters unchanged; a parameter with no grad is untouched; parameters outside its groups
 * are untouched; per-group lr is honoured; it descends; two seeded runs are bit-identical; save →
 * load → continue equals an uninterrupted run bit for bit; lr is re-read every step; toString
 * shows every hyperparameter.
 */
public final class OptimizerConformance {

    private OptimizerConformance() {
    }

    /** Checks the provider discovered under {@code name}. */
    public static ConformanceReport check(String name) {
        OptimizerRegistry registry = Optimizers.registry();
        OptimizerProvider provider;
        try {
            provider = registry.provider(name);
        } catch (RuntimeException e) {
            ConformanceReport report = new ConformanceReport("'" + name + "'");
            report.add(new Check(DISCOVERED, Outcome.FAIL, WHY_DISCOVERED, e.getMessage()));
            return report;
        }
        return check(provider);
    }

    /** Checks {@code provider} (it must also be discoverable under its name). */
    public static ConformanceReport check(OptimizerProvider provider) {
        if (provider == null) {
            throw new IllegalArgumentException("OptimizerConformance.check: the provider is null");
        }
        ConformanceReport report = new ConformanceReport("'" + provider.name() + "' (" + provider.getClass().getName() + ")");
        Battery b = new Battery(provider);
        run(report, DISCOVERED, WHY_DISCOVERED, b::discovered);
        run(report, "declares its hyperparameters (with lr) and rejects bad ones",
                "options come by name from the command line; a typo or an out-of-range value must fail before training, not be ignored",
                b::rejectsBadOptions);
        run(report, "lr = 0 leaves parameters unchanged",
                "lr scales every change; a parameter that moves with lr = 0 is updated outside the learning rate", b::zeroLr);
        run(report, "a parameter with no grad is untouched and its grad stays null",
                "frozen or unused parameters have no gradient and must be skipped, as in PyTorch", b::noGrad);
        run(report, "parameters outside its groups are untouched",
                "an optimizer owns only the tensors it was given; other tensors must not move even if they have gradients", b::outsiders);
        run(report, "per-group lr is honoured",
                "parameter groups are how layers get their own learning rates (fine-tuning, warm-up of a new head)", b::perGroupLr);
        run(report, "descends a convex quadratic",
                "the least an optimizer must do: on a bowl, its steps go downhill", b::descends);
        run(report, "two runs with the same seed are bit-identical",
                "reproducible runs are how bugs are found and results checked; no hidden randomness, time or shared state", b::reproducible);
        run(report, "save -> load -> continue equals an uninterrupted run bit for bit",
                "a resumed training run must go on exactly as before, so every buffer and counter must be in the state dict", b::resumes);
        run(report, "the learning rate is re-read every step",
                "schedulers write lr into the groups between steps; an optimizer that keeps its own copy ignores them", b::rereadsLr);
        run(report, "toString shows every hyperparameter",
                "printing the optimizer is how a student checks which settings a run really used", b::printsHyperparameters);
        return report;
    }

    private static final String DISCOVERED = "discovered by ServiceLoader under a valid, unique name";
    private static final String WHY_DISCOVERED = "-Doptimizer=NAME finds a plugin only through META-INF/services, "
            + "and a name provided twice makes every lookup of it fail";

    private interface Body {
        String run() throws Exception;
    }

    private static void run(ConformanceReport report, String name, String why, Body body) {
        try {
            String skipped = body.run();
            report.add(new Check(name, skipped == null ? Outcome.PASS : Outcome.SKIP, why, skipped == null ? "" : skipped));
        } catch (Throwable e) {
            String where = e instanceof AssertionError ? "" : Arrays.stream(e.getStackTrace())
                    .filter(f -> !f.getClassName().startsWith("java.")).findFirst().map(f -> " at " + f).orElse("");
            report.add(new Check(name, Outcome.FAIL, why, (e.getMessage() == null ? e.toString() : e.getMessage()) + where));
        }
    }

    /**
     * Checks every optimizer named (all on the classpath when {@code names} is empty), prints the
     * reports to {@code out}, and returns true if all passed. The examples' launcher calls this.
     */
    public static boolean run(PrintStream out, List<String> names) {
        OptimizerRegistry registry = Optimizers.registry();
        List<String> chosen = names == null || names.isEmpty() ? new ArrayList<>(registry.names()) : names;
        boolean all = registry.problems().isEmpty();
        for (String problem : registry.problems()) {
            out.println("FAIL a plugin could not be loaded: " + problem);
        }
        if (chosen.isEmpty()) {
            out.println("no optimizer plugins found on the classpath: add steepest-optim-plugins or a plugin jar");
            return false;
        }
        for (String name : chosen) {
            ConformanceReport report = check(name);
            out.println(report);
            out.println();
            all &= report.passed();
        }
        return all;
    }

    /** {@code OptimizerConformance [name …]}: exits with 1 if any check failed. */
    public static void main(String[] args) {
        boolean ok = run(System.out, Arrays.asList(args));
        if (!ok) {
            System.exit(1);
        }
    }

    /** The checks, over one provider. */
    private static final class Battery {
        private final OptimizerProvider provider;

        Battery(OptimizerProvider provider) {
            this.provider = provider;
        }

        String discovered() {
            String name = provider.name();
            require(name != null && name.matches("[a-z0-9-]+"), "its name must be lower case [a-z0-9-]+, got '" + name + "'");
            OptimizerProvider found = Optimizers.registry().provider(name);   // throws on unknown or duplicate names
            require(found.getClass() == provider.getClass(), "'" + name + "' is provided by " + found.getClass().getName()
                    + " on the classpath, not by " + provider.getClass().getName());
            require(provider.description() != null && !provider.description().isBlank(), "description() is empty");
            return null;
        }

        String rejectsBadOptions() {
            List<Hyperparameter> hps = provider.hyperparameters();
            require(hps != null && !hps.isEmpty(), "hyperparameters() is empty; declare at least lr");
            Set<String> names = new HashSet<>();
            for (Hyperparameter h : hps) require(names.add(h.name()), "hyperparameter " + h.name() + " is declared twice");
            require(names.contains("lr"), "no 'lr' hyperparameter; schedulers and per-group learning rates need one");
            rejects(Options.of("no_such_option", 1), "an unknown key");
            rejects(Options.of("lr", -1), "lr = -1");
            rejects(Options.of("lr", "abc"), "lr = abc");
            create(Options.empty(), List.of(param(1)));
            return null;
        }

        private void rejects(Options options, String what) {
            try {
                provider.create(List.of(param(1)), options.resolve(provider.name(), provider.hyperparameters()));
            } catch (IllegalArgumentException expected) {
                return;
            }
            throw new AssertionError(what + " was accepted; it must be rejected with an IllegalArgumentException");
        }

        String zeroLr() {
            Tensor p = param(1);
            float[] before = p.toArray();
            Optimizer o = create(Options.of("lr", 0.0), List.of(p));
            for (int i = 0; i < 3; i++) step(o, List.of(p));
            requireSame(before, p, "with lr = 0 the parameter changed");
            return null;
        }

        String noGrad() {
            Tensor p = param(1), frozen = param(2);
            float[] before = frozen.toArray();
            Optimizer o = create(Options.empty(), List.of(p, frozen));
            for (int i = 0; i < 3; i++) step(o, List.of(p));
            requireSame(before, frozen, "the parameter without a gradient changed");
            require(frozen.grad() == null, "the parameter without a gradient now has one: " + frozen.grad());
            return null;
        }

        String outsiders() {
            Tensor p = param(1), other = param(2);
            float[] before = other.toArray();
            Optimizer o = create(Options.empty(), List.of(p));
            for (int i = 0; i < 3; i++) {
                other.setGrad(gradient(other));
                step(o, List.of(p));
            }
            requireSame(before, other, "a tensor outside the optimizer's groups changed");
            return null;
        }

        String perGroupLr() {
            Tensor p = param(1), still = param(2);
            float[] pBefore = p.toArray(), stillBefore = still.toArray();
            Optimizer o = create(Options.empty(), List.of(p));
            try {
                o.addParamGroup(new ParamGroup(List.of(still)).set("lr", 0.0));
            } catch (IllegalArgumentException e) {
                return "does not support parameter groups: " + e.getMessage();
            }
            for (int i = 0; i < 3; i++) step(o, List.of(p, still));
            requireSame(stillBefore, still, "the group with lr = 0 moved");
            require(!Arrays.equals(pBefore, p.toArray()), "the group with the default lr did not move");
            return null;
        }

        String descends() {
            Tensor p = param(1);
            float before = loss(List.of(p));
            Optimizer o = create(Options.empty(), List.of(p));
            for (int i = 0; i < 50; i++) step(o, List.of(p));
            float after = loss(List.of(p));
            require(Float.isFinite(after) && after < before, "the loss went from " + before + " to " + after + " in 50 steps");
            return null;
        }

        String reproducible() {
            float[] a = trajectory(10), b = trajectory(10);
            require(Arrays.equals(a, b), "two runs from the same seed differ: " + Arrays.toString(a) + " vs " + Arrays.toString(b));
            return null;
        }

        private float[] trajectory(int steps) {
            Tensor p = param(7);
            Optimizer o = create(Options.empty(), List.of(p));
            for (int i = 0; i < steps; i++) step(o, List.of(p));
            return p.toArray();
        }

        String resumes() throws Exception {
            float[] uninterrupted = trajectory(10);
            Tensor p = param(7);
            Optimizer first = create(Options.empty(), List.of(p));
            for (int i = 0; i < 5; i++) step(first, List.of(p));
            StateDict saved = first.stateDict();
            byte[] file = SafeTensors.toBytes(saved.tensors(), saved.metadata());
            SafeTensors.Contents read = SafeTensors.fromBytes(file, "the saved state");
            Tensor q = Tensor.of(p.toArray(), p.shape()).requiresGrad(true);
            Optimizer second = create(Options.empty(), List.of(q));
            second.loadStateDict(StateDict.fromFlat(read.tensors(), read.metadata()));
            for (int i = 0; i < 5; i++) step(second, List.of(q));
            require(Arrays.equals(uninterrupted, q.toArray()), "after save and load the run continued differently: "
                    + Arrays.toString(q.toArray()) + " instead of " + Arrays.toString(uninterrupted)
                    + "; is every buffer and counter in the state?");
            return null;
        }

        String rereadsLr() {
            Tensor p = param(1);
            Optimizer o = create(Options.empty(), List.of(p));
            for (int i = 0; i < 3; i++) step(o, List.of(p));
            for (ParamGroup g : o.paramGroups()) g.set("lr", 0.0);
            float[] before = p.toArray();
            step(o, List.of(p));
            requireSame(before, p, "after setting every group's lr to 0 the parameter still moved");
            return null;
        }

        String printsHyperparameters() {
            String text = create(Options.empty(), List.of(param(1))).toString();
            for (Hyperparameter h : provider.hyperparameters()) {
                require(text.contains(h.name()), "toString() does not mention " + h.name() + ": " + text);
            }
            return null;
        }

        // ------------------------------------------------------------ the problem: f(p) = Σ wᵢ (pᵢ − cᵢ)²

        private Optimizer create(Options options, List<Tensor> params) {
            Optimizer o = provider.create(params, options.resolve(provider.name(), provider.hyperparameters()));
            require(o != null, "create() returned null");
            return o;
        }

        private static Tensor param(long seed) {
            return Tensor.randn(new Generator(seed), 2, 3).requiresGrad(true);
        }

        private static float weight(int i) {
            return (i + 1) / 3f;
        }

        private static float target(int i) {
            return 0.5f - 0.25f * i;
        }

        private static Tensor gradient(Tensor p) {
            float[] x = p.toArray(), g = new float[x.length];
            for (int i = 0; i < x.length; i++) g[i] = 2f * weight(i) * (x[i] - target(i));   // d/dp w(p − c)² = 2w(p − c)
            return Tensor.of(g, p.shape());
        }

        private static float loss(List<Tensor> params) {
            float sum = 0;
            for (Tensor p : params) {
                float[] x = p.toArray();
                for (int i = 0; i < x.length; i++) sum += weight(i) * (x[i] - target(i)) * (x[i] - target(i));
            }
            return sum;
        }

        /** One step with gradients for {@code active} only (the others keep a null grad). */
        private static void step(Optimizer o, List<Tensor> active) {
            if (o.requiresClosure()) {
                o.step(() -> {
                    o.zeroGrad();
                    for (Tensor p : active) p.setGrad(gradient(p));
                    return Tensor.scalar(loss(active));
                });
            } else {
                o.zeroGrad();
                for (Tensor p : active) p.setGrad(gradient(p));
                o.step();
            }
        }

        private static void requireSame(float[] before, Tensor p, String message) {
            require(Arrays.equals(before, p.toArray()), message + ": " + Arrays.toString(before) + " became " + Arrays.toString(p.toArray()));
        }

        private static void require(boolean ok, String message) {
            if (!ok) throw new AssertionError(message);
        }
    }
}
