package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit as a student runs it: with the options given, with option sets drawn from
 * each range (naming the set that fails), skipped checks said to be skipped and why, a plugin that
 * refuses a second group failing that check, and one summary line over all optimizers.
 */
class ConformanceKitTest {
    @TempDir
    static Path work;

    /** lr / (1 + decay·t) with t counted in a field, not in the optimizer's state: right only at decay = 0. */
    static final String FIELD_COUNTER = """
            package counter;

            import com.google.auto.service.AutoService;
            import dev.steepest.core.Autograd;
            import dev.steepest.core.Tensor;
            import dev.steepest.optim.Hyperparameter;
            import dev.steepest.optim.Optimizer;
            import dev.steepest.optim.OptimizerProvider;
            import dev.steepest.optim.Options;
            import dev.steepest.optim.ParamGroup;
            import java.util.List;

            @AutoService(OptimizerProvider.class)
            public final class Provider implements OptimizerProvider {
                public String name() { return "counter"; }
                public String description() { return "lr decaying with a step counter kept in a field"; }
                public List<Hyperparameter> hyperparameters() {
                    return List.of(Hyperparameter.number("lr", 0.1, Hyperparameter.Range.atLeast(0), "learning rate"),
                            Hyperparameter.number("decay", 0.0, Hyperparameter.Range.atLeast(0), "lr / (1 + decay t)"));
                }
                public Optimizer create(List<Tensor> params, Options options) { return new Counter(params, options); }

                static final class Counter extends Optimizer {
                    private int t;
                    Counter(List<Tensor> params, Options options) { super(params, options.resolve(new Provider())); }
                    @Override public void step() {
                        t++;
                        try (var off = Autograd.noGrad()) {
                            for (ParamGroup group : paramGroups()) {
                                float lr = (float) (group.lr() / (1 + group.getDouble("decay") * t));
                                for (Tensor p : group.params()) {
                                    if (p.grad() != null) p.sub_(p.grad().mul(lr));
                                }
                            }
                        }
                    }
                }
            }
            """;

    @Test
    void theKitRunsWithTheOptionsGivenAndRefusesBadOnesAsElsewhere() {
        Launch.Result bad = Launch.inProcess(Map.of("optimizer", "sgd", "optimizer.momentum", "abc"), "conformance");
        assertEquals(2, bad.status(), bad.out() + bad.err());
        assertEquals("sgd: momentum must be a number in [0, 1), got 'abc' (from -Doptimizer.momentum)", bad.err().strip());

        Launch.Result given = Launch.inProcess(Map.of("optimizer", "sgd", "optimizer.momentum", "0.5"), "conformance");
        assertEquals(0, given.status(), given.out() + given.err());
        assertTrue(given.out().startsWith("PASS 'sgd' (dev.steepest.optim.plugins.SGDProvider) with {momentum=0.5}: "), given.out());
        assertTrue(given.out().contains("PASS the contract holds with {momentum=0.5, nesterov=true}"),
                "the drawn sets start from the options given:\n" + given.out());

        Launch.Result unnamed = Launch.inProcess(Map.of("optimizer.lr", "0.5"), "conformance");
        assertEquals(2, unnamed.status());
        assertEquals("conformance: the options {lr=0.5} are for one optimizer; name it with -Doptimizer=NAME", unnamed.err().strip());
    }

    @Test
    void aCounterKeptInAFieldPassesAtItsDefaultAndFailsAtADrawnValueWhichIsNamed() throws Exception {
        Path jar = PluginJars.fromSource(work, "counter.jar", "counter.Provider", FIELD_COUNTER);
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of("optimizer", "counter"), "conformance");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("PASS save -> load -> continue equals an uninterrupted run bit for bit"), "at decay = 0:\n" + r.out());
        assertTrue(r.out().contains("FAIL the contract holds with {decay=0.5} -- 'save -> load -> continue equals an uninterrupted "
                + "run bit for bit' failed: after save and load the run continued differently"), r.out());
        assertEquals("conformance failed: counter failed at least one check (see FAIL above); 0 checks skipped ", r.err().split("\\(run with")[0]);
    }

    @Test
    void aSkippedCheckIsReportedAsSkippedWithWhyAndNotCountedAsAPass() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "lbfgs"), "conformance");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("SKIP per-group lr is honoured -- it declares that it takes one group only "
                + "(supportsParamGroups() is false, as PyTorch's L-BFGS)"), r.out());
        assertTrue(r.out().matches("(?s)PASS 'lbfgs' \\(dev.steepest.optim.plugins.LBFGSProvider\\): \\d+ passed, 0 failed, 1 skipped.*"), r.out());
        assertTrue(r.out().strip().endsWith("conformance: lbfgs passed every check; 1 check skipped"), r.out());
    }

    @Test
    void aPluginThatThrowsInAddParamGroupFailsThePerGroupCheck() throws Exception {
        String source = PluginJars.plugin("nogroups", "nogroups", true, "", PluginFailureTest.DESCENT).replace(
                "@Override public void step() {",
                "@Override public void addParamGroup(ParamGroup g) { if (!paramGroups().isEmpty()) throw new UnsupportedOperationException(\"one group\"); "
                        + "super.addParamGroup(g); }\n                        @Override public void step() {");
        Path jar = PluginJars.fromSource(work, "nogroups.jar", "nogroups.Provider", source);
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of("optimizer", "nogroups"), "conformance");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL per-group lr is honoured -- addParamGroup refused a second group with lr = 0: "
                + "one group"), r.out());
    }

    @Test
    void overAllOptimizersEachIsReportedAndOneSummaryLineCountsThemWithEachWarningOnce() throws Exception {
        Path broken = PluginJars.fromSource(work, "nohps.jar", "nohps.Provider",
                PluginJars.plugin("nohps", "nohps", true, "", PluginFailureTest.DESCENT)
                        .replace("return List.of(Hyperparameter.number(\"lr\", 0.01, Hyperparameter.Range.atLeast(0), \"learning rate\"));",
                                "throw new IllegalStateException(\"forgot them\");"));
        Path good = PluginJars.fromSource(work, "good.jar", "good.Provider", PluginJars.plugin("good", "good", true, "", PluginFailureTest.DESCENT));
        Launch.Result r = Launch.childProcess(List.of(broken, good), Map.of(), "conformance");
        assertEquals(1, r.status(), r.out() + r.err());
        for (String name : Launch.BUILT_IN) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("PASS '" + name + "' (")), name + ":\n" + r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("PASS 'good' (good.Provider): ")), r.out());
        String all = r.out() + r.err();
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("BROKEN optimizer provider nohps.Provider (file:")
                && l.contains("nohps.jar") && l.endsWith("forgot them")).count(), "the kit reports the broken plugin once:\n" + all);
        assertEquals(1, all.split("skipping a broken optimizer plugin", -1).length - 1, "and it is logged once:\n" + all);
        assertTrue(r.out().contains("conformance: 14 of 14 optimizers passed every check, 0 failed; 2 checks skipped (see SKIP above); "
                + "1 plugin could not be loaded (see BROKEN above)"), r.out());
    }
}
