package dev.steepest.optim.conformance;

import static dev.steepest.optim.conformance.Quadratic.gradient;
import static dev.steepest.optim.conformance.Quadratic.loss;
import static dev.steepest.optim.conformance.Quadratic.param;
import static dev.steepest.optim.conformance.Quadratic.step;

import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.StateDict;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The conformance kit's checks over one provider with one option set, each stepping on the
 * {@link Quadratic}: each returns null when it passed, a reason when it does not apply (a skip),
 * and throws when it failed. {@link OptimizerConformance} runs them into a {@link ConformanceReport}.
 */
final class ContractChecks {
    /** A check: null when it passed, the reason when skipped; it throws when it failed. */
    interface Body {
        String run() throws Exception;
    }

    /** A check that must hold for every valid option set. */
    record Invariant(String name, String why, Body body) {
    }

    private final OptimizerProvider provider;
    private final Options given;

    ContractChecks(OptimizerProvider provider, Options given) {
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

    /** Creates it with the given options, overridden by {@code options} (e.g. lr = 0 for one check). */
    private Optimizer create(Options options, List<Tensor> params) {
        Options merged = given;
        for (String key : options.keys()) merged = merged.with(key, options.get(key));
        Optimizer o = provider.create(params, merged.resolve(provider.name(), provider.hyperparameters()));
        require(o != null, "create() returned null");
        return o;
    }

    private static void requireSame(float[] before, Tensor p, String message) {
        require(Arrays.equals(before, p.toArray()), message + ": " + Arrays.toString(before) + " became " + Arrays.toString(p.toArray()));
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new AssertionError(message);
    }

    /** @return a failure in one line: its message, and where it was thrown unless it is an assertion */
    static String describe(Throwable e) {
        String where = e instanceof AssertionError ? "" : Arrays.stream(e.getStackTrace())
                .filter(f -> !f.getClassName().startsWith("java.")).findFirst().map(f -> " at " + f).orElse("");
        return (e.getMessage() == null ? e.toString() : e.getMessage()) + where;
    }
}
