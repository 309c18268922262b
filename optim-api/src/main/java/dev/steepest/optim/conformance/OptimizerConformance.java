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

    /** Checks the provider discovered under {@code name}, with its defaults. */
    public static ConformanceReport check(String name) {
        return check(name, Options.empty());
    }

    /**
     * Checks the provider discovered under {@code name} with {@code options} (e.g. the
     * {@code -Doptimizer.KEY=VALUE} a student gave), then with option sets drawn from each
     * hyperparameter's declared range.
     *
     * @throws IllegalArgumentException when {@code options} do not fit its hyperparameters (unknown key, bad value)
     */
    public static ConformanceReport check(String name, Options options) {
        OptimizerRegistry registry = Optimizers.registry();
        OptimizerProvider provider;
        try {
            provider = registry.provider(name);
        } catch (RuntimeException e) {
            ConformanceReport report = new ConformanceReport("'" + name + "'");
            report.add(new Check(DISCOVERED, Outcome.FAIL, WHY_DISCOVERED, e.getMessage()));
            return report;
        }
        return check(provider, options);
    }

    /** Checks {@code provider} (it must also be discoverable under its name), with its defaults. */
    public static ConformanceReport check(OptimizerProvider provider) {
        return check(provider, Options.empty());
    }

    /**
     * Checks {@code provider} with {@code options}, then with option sets drawn from each
     * hyperparameter's range (each named in its line of the report).
     *
     * @throws IllegalArgumentException when {@code options} do not fit its hyperparameters
     */
    public static ConformanceReport check(OptimizerProvider provider, Options options) {
        if (provider == null) {
            throw new IllegalArgumentException("OptimizerConformance.check: the provider is null");
        }
        Options given = options == null ? Options.empty() : options;
        List<Hyperparameter> declared = provider.hyperparameters();
        if (declared != null && !given.keys().isEmpty()) {
            given.resolve(provider.name(), declared);   // a bad -Doptimizer.KEY=VALUE is the user's, refused as elsewhere
        }
        String with = given.keys().isEmpty() ? "" : " with " + given;
        ConformanceReport report = new ConformanceReport("'" + provider.name() + "' (" + provider.getClass().getName() + ")" + with);
        Battery b = new Battery(provider, given);
        run(report, DISCOVERED, WHY_DISCOVERED, b::discovered);
        run(report, "declares its hyperparameters (with lr) and rejects bad ones",
                "options come by name from the command line; a typo or an out-of-range value must fail before training, not be ignored",
                b::rejectsBadOptions);
        for (Invariant i : b.invariants()) {
            run(report, i.name, i.why, i.body);
        }
        run(report, "descends a convex quadratic",
                "the least an optimizer must do: on a bowl, its steps go downhill", b::descends);
        run(report, "per-group lr is honoured",
                "parameter groups are how layers get their own learning rates (fine-tuning, warm-up of a new head)", b::perGroupLr);
        run(report, "toString shows every hyperparameter",
                "printing the optimizer is how a student checks which settings a run really used", b::printsHyperparameters);
        if (declared != null) {
            for (Options set : OptionSets.drawn(declared, given)) {
                Battery other = new Battery(provider, set);
                run(report, "the contract holds with " + set,
                        "a plugin must keep its contract for every value its hyperparameters allow, not only the defaults "
                                + "(a counter kept in a field instead of the state passes at one value and fails at another)",
                        other::allInvariants);
            }
        }
        return report;
    }

    private static final String DISCOVERED = "discovered by ServiceLoader under a valid, unique name";
    private static final String WHY_DISCOVERED = "-Doptimizer=NAME finds a plugin only through META-INF/services, "
            + "and a name provided twice makes every lookup of it fail";

    private interface Body {
        String run() throws Exception;
    }

    /** A check that must hold for every valid option set. */
    private record Invariant(String name, String why, Body body) {
    }

    private static void run(ConformanceReport report, String name, String why, Body body) {
        try {
            String skipped = body.run();
            report.add(new Check(name, skipped == null ? Outcome.PASS : Outcome.SKIP, why, skipped == null ? "" : skipped));
        } catch (Throwable e) {
            report.add(new Check(name, Outcome.FAIL, why, describe(e)));
        }
    }

    private static String describe(Throwable e) {
        String where = e instanceof AssertionError ? "" : Arrays.stream(e.getStackTrace())
                .filter(f -> !f.getClassName().startsWith("java.")).findFirst().map(f -> " at " + f).orElse("");
        return (e.getMessage() == null ? e.toString() : e.getMessage()) + where;
    }

    /** What a run over several optimizers found, and its one summary line. */
    public record Summary(List<String> passed, List<String> failed, int skippedChecks, int brokenPlugins) {
        /** @return true if every optimizer passed and every plugin could be loaded */
        public boolean allPassed() {
            return failed.isEmpty() && brokenPlugins == 0;
        }

        /** {@code conformance: 11 of 12 optimizers passed every check, 1 failed (boom); 2 checks skipped; 1 plugin could not be loaded}. */
        public String line() {
            int total = passed.size() + failed.size();
            StringBuilder b = new StringBuilder("conformance: ");
            if (total == 1 && brokenPlugins == 0) {
                b.append(passed.isEmpty() ? failed.get(0) + " failed at least one check (see FAIL above)" : passed.get(0) + " passed every check");
                return b.append("; ").append(skippedChecks).append(skippedChecks == 1 ? " check" : " checks").append(" skipped").toString();
            }
            b.append(passed.size()).append(" of ").append(total).append(total == 1 ? " optimizer" : " optimizers").append(" passed every check");
            b.append(", ").append(failed.size()).append(" failed").append(failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
            b.append("; ").append(skippedChecks).append(skippedChecks == 1 ? " check" : " checks").append(" skipped (see SKIP above)");
            if (brokenPlugins > 0) {
                b.append("; ").append(brokenPlugins).append(brokenPlugins == 1 ? " plugin" : " plugins")
                        .append(" could not be loaded (see BROKEN above)");
            }
            return b.toString();
        }
    }

    /**
     * Checks every optimizer named (all on the classpath when {@code names} is empty) and prints,
     * for each, its report (only the checks that did not pass when checking all), each broken
     * plugin once, and one summary line with the counts. The examples' launcher calls this.
     *
     * @param options options for the one optimizer named (empty for all)
     * @throws IllegalArgumentException when options are given for more than one optimizer, or do not fit
     */
    public static Summary run(PrintStream out, List<String> names, Options options) {
        OptimizerRegistry registry = Optimizers.registry();
        List<String> chosen = names == null || names.isEmpty() ? new ArrayList<>(registry.names()) : names;
        Options given = options == null ? Options.empty() : options;
        if (!given.keys().isEmpty() && chosen.size() != 1) {
            throw new IllegalArgumentException("conformance: options " + given + " apply to one optimizer; "
                    + "name it with -Doptimizer=NAME");
        }
        boolean all = names == null || names.isEmpty();
        int broken = all ? registry.problems().size() : 0;
        if (all) {
            for (String problem : registry.problems()) {
                out.println("BROKEN " + problem);
            }
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int skipped = 0;
        for (String name : chosen) {
            ConformanceReport report = check(name, given);
            out.println(all ? report.brief() : report.toString());
            out.println();
            (report.passed() ? passed : failed).add(name);
            skipped += report.count(Outcome.SKIP);
        }
        Summary summary = new Summary(passed, failed, skipped, broken);
        out.println(summary.line());
        return summary;
    }

    /** Prints like {@link #run(PrintStream, List, Options)} with defaults; true if every optimizer passed. */
    public static boolean run(PrintStream out, List<String> names) {
        return run(out, names, Options.empty()).allPassed();
    }

    /** {@code OptimizerConformance [name]} with {@code -Doptimizer.KEY=VALUE}: exits with 1 if any check failed, 2 for bad options. */
    public static void main(String[] args) {
        Options options = Options.fromProperties(System.getProperties(), "optimizer.");
        try {
            if (!run(System.out, Arrays.asList(args), options).allPassed()) {
                System.exit(1);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The checks, over one provider. */
    private static final class Battery {
        private final OptimizerProvider provider;
        private final Options given;

        Battery(OptimizerProvider provider, Options given) {
            this.provider = provider;
            this.given = given;
        }

        /** The checks that must hold for every valid option set. */
        List<Invariant> invariants() {
            return List.of(
                    new Invariant("lr = 0 leaves parameters unchanged",
                            "lr scales every change; a parameter that moves with lr = 0 is updated outside the learning rate", this::zeroLr),
                    new Invariant("a parameter with no grad is untouched and its grad stays null",
                            "frozen or unused parameters have no gradient and must be skipped, as in PyTorch", this::noGrad),
                    new Invariant("parameters outside its groups are untouched",
                            "an optimizer owns only the tensors it was given; other tensors must not move even if they have gradients",
                            this::outsiders),
                    new Invariant("two runs with the same seed are bit-identical",
                            "reproducible runs are how bugs are found and results checked; no hidden randomness, time or shared state",
                            this::reproducible),
                    new Invariant("save -> load -> continue equals an uninterrupted run bit for bit",
                            "a resumed training run must go on exactly as before, so every buffer and counter must be in the state dict",
                            this::resumes),
                    new Invariant("the learning rate is re-read every step",
                            "schedulers write lr into the groups between steps; an optimizer that keeps its own copy ignores them",
                            this::rereadsLr));
        }

        /** Every invariant; the first that fails is named. A set the plugin refuses (IllegalArgumentException) is skipped. */
        String allInvariants() throws Exception {
            try {
                create(Options.empty(), List.of(param(1)));
            } catch (IllegalArgumentException refused) {
                return "the plugin refuses this combination: " + refused.getMessage();
            }
            for (Invariant i : invariants()) {
                try {
                    i.body().run();
                } catch (Throwable e) {
                    throw new AssertionError("'" + i.name() + "' failed: " + describe(e), e);
                }
            }
            return null;
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
            if (!o.supportsParamGroups()) {
                return "it declares that it takes one group only (supportsParamGroups() is false, as PyTorch's L-BFGS)";
            }
            try {
                o.addParamGroup(new ParamGroup(List.of(still)).set("lr", 0.0));
            } catch (RuntimeException e) {
                throw new AssertionError("addParamGroup refused a second group with lr = 0: " + describe(e)
                        + "; accept it (the base class does), or override supportsParamGroups() to return false", e);
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

        /** Creates it with the given options, overridden by {@code options} (e.g. lr = 0 for one check). */
        private Optimizer create(Options options, List<Tensor> params) {
            Options merged = given;
            for (String key : options.keys()) merged = merged.with(key, options.get(key));
            Optimizer o = provider.create(params, merged.resolve(provider.name(), provider.hyperparameters()));
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
