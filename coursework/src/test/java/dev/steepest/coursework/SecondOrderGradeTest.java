package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.coursework.tasks.DigitsTask;
import dev.steepest.coursework.tasks.PatternTask;
import dev.steepest.coursework.tasks.RaceTask;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade} measures an optimizer that needs the loss's graph like any other: the built-in
 * {@code newton} and {@code sophia} graded as references (their steps in a child JVM, every H·v
 * computed by the grader through its own graph) race, classify the patterns and train on digits to
 * the same numbers as in this JVM; so does a student's second-order plugin handed in as a jar, and
 * one that takes H·v through a gradient of an earlier step is told why it failed. Small limits.
 */
class SecondOrderGradeTest {
    static final GradeRun.Limits LIMITS = new GradeRun.Limits(60, 128, 20, 1, 1);

    @TempDir
    static Path work;

    private static GradeRun run() {
        return new GradeRun(LIMITS, Sandbox.choose(Sandbox.Mode.NONE), Optimizers.names());
    }

    /** The optimizer as GradeTasks makes it: the provider's defaults, and the task's lr when it takes one. */
    private static Function<List<dev.steepest.core.Tensor>, Optimizer> inProcess(OptimizerProvider provider, Double lr) {
        return params -> provider.create(params, (lr == null ? Options.empty() : Options.of("lr", lr)).resolve(provider));
    }

    private static void racesAsInProcess(GradeRow row, OptimizerProvider provider) {
        for (int t = 0; t < RaceTask.TRACKS.size(); t++) {
            Track track = RaceTask.TRACKS.get(t);
            Lap here = RaceTask.lap(track, provider.name(), inProcess(provider, null), LIMITS.raceSteps());
            Lap graded = row.laps.get(t);
            assertArrayEquals(here.loss(), graded.loss(), 0.0, track.name() + ": " + row.problems);
            assertArrayEquals(here.x(), graded.x(), 0.0, track.name());
            assertArrayEquals(here.y(), graded.y(), 0.0, track.name());
        }
    }

    @Test
    void newtonGradedAsAReferenceRacesAndClassifiesAsInThisJvm() throws Exception {
        OptimizerProvider newton = Optimizers.provider("newton");
        GradeRow row = run().reference("newton", Files.createDirectories(work.resolve("newton"))).get(0);
        assertNull(row.ungraded, row.ungraded);
        assertEquals(0, row.failed, row.problems.toString());
        assertTrue(row.passed >= 10, row.passed + " passed");
        racesAsInProcess(row, newton);
        assertTrue(row.rosenbrock < 1e-6, "newton's Rosenbrock after 20 steps: " + row.rosenbrock);
        assertEquals(PatternTask.correct(0, inProcess(newton, 0.001)) ? 1.0 : 0.0, row.patternShare);
        // digits: 30,634 parameters are too many for the full Hessian; newton says so itself, as in this JVM
        assertNull(row.digits);
        assertTrue(row.problems.stream().anyMatch(p -> p.startsWith("failed in digits for 1 batches of 'newton': newton: 30634 "
                + "parameters is more than the 4096 whose full Hessian")), row.problems.toString());
    }

    @Test
    void sophiaGradedAsAReferenceTrainsOnDigitsAsInThisJvm() throws Exception {
        OptimizerProvider sophia = Optimizers.provider("sophia");
        GradeRow row = run().reference("sophia", Files.createDirectories(work.resolve("sophia"))).get(0);
        assertNull(row.ungraded, row.ungraded);
        assertEquals(List.of(), row.problems);
        racesAsInProcess(row, sophia);
        // eight parameters, so H·v goes across in pieces and comes back per parameter
        assertEquals(DigitsTask.accuracy(1, inProcess(sophia, 0.003)), row.digits);
    }

    private static final String IMPORTS = """
            package second;

            import com.google.auto.service.AutoService;
            import dev.steepest.core.Autograd;
            import dev.steepest.core.Curvature;
            import dev.steepest.core.Tensor;
            import dev.steepest.optim.Hyperparameter;
            import dev.steepest.optim.Optimizer;
            import dev.steepest.optim.OptimizerProvider;
            import dev.steepest.optim.Options;
            import dev.steepest.optim.ParamGroup;
            import java.util.ArrayList;
            import java.util.List;
            """;

    /** A student's second-order step, p ← p − lr·g / (|H·1| + ε) (exact for a diagonal Hessian); {@code stale} keeps the last step's gradients for H·v. */
    private static final String DIAGONAL = IMPORTS + """
            public final class Diagonal extends Optimizer {
                private final boolean stale;
                private List<Tensor> kept;

                public Diagonal(List<?> params, Options options, boolean stale) {
                    super(params, options);
                    this.stale = stale;
                }

                @Override public boolean needsGraph() { return true; }

                @Override public void step() {
                    List<Tensor> params = new ArrayList<>(), grads = new ArrayList<>(), ones = new ArrayList<>();
                    List<Float> lrs = new ArrayList<>();
                    for (ParamGroup group : paramGroups()) {
                        for (Tensor p : group.params()) {
                            if (p.grad() == null) continue;
                            params.add(p);
                            lrs.add((float) group.lr());
                            grads.add(p.grad());
                            ones.add(Tensor.onesLike(p));
                        }
                    }
                    if (params.isEmpty()) return;
                    List<Tensor> hz = Curvature.hvp(stale && kept != null ? kept : grads, params, ones);
                    kept = grads;
                    try (var off = Autograd.noGrad()) {
                        for (int i = 0; i < params.size(); i++) {
                            params.get(i).sub_(grads.get(i).detach().div(hz.get(i).abs().add(1e-4f)).mul(lrs.get(i)));
                        }
                    }
                }
            }
            """;

    private static String provider(String className, String name, boolean stale) {
        return IMPORTS + """
                @AutoService(OptimizerProvider.class)
                public final class CLASS implements OptimizerProvider {
                    public String name() { return "NAME"; }
                    public String description() { return "a diagonal Newton step"; }
                    public List<Hyperparameter> hyperparameters() {
                        return List.of(Hyperparameter.number("lr", 0.5, Hyperparameter.Range.atLeast(0), "learning rate"));
                    }
                    public Optimizer create(List<Tensor> params, Options options) {
                        return new Diagonal(params, options.resolve(this), STALE);
                    }
                }
                """.replace("CLASS", className).replace("NAME", name).replace("STALE", String.valueOf(stale));
    }

    @Test
    void aStudentsSecondOrderPluginIsMeasuredAndOneThatKeepsAnOldGradientIsToldWhy() throws Exception {
        Path jar = ExerciseJars.build(work, "second.jar", Map.of("second.Diagonal", DIAGONAL,
                "second.DiagonalProvider", provider("DiagonalProvider", "diagonal", false), "second.StaleProvider",
                provider("StaleProvider", "stale", true)));
        GradeRun.Staged staged = GradeRun.Staged.copy(jar, work.resolve("second-staged"));
        List<GradeRow> rows = run().submission(staged);
        assertEquals(2, rows.size(), rows.get(0).ungraded);
        GradeRow diagonal = rows.stream().filter(r -> r.plugin.equals("diagonal")).findFirst().orElseThrow();
        assertNull(diagonal.ungraded, diagonal.ungraded);
        assertEquals(0, diagonal.failed, diagonal.problems.toString());
        assertTrue(diagonal.problems.stream().noneMatch(p -> p.startsWith("failed in")), diagonal.problems.toString());
        OptimizerProvider here = (OptimizerProvider) ExerciseJars.load(jar, "second.DiagonalProvider");
        racesAsInProcess(diagonal, here);

        GradeRow stale = rows.stream().filter(r -> r.plugin.equals("stale")).findFirst().orElseThrow();
        // as in its own JVM: the parameter the kept gradient was taken at has moved since
        assertTrue(stale.problems.stream().anyMatch(p -> p.startsWith("failed in race on rosenbrock of 'stale': "
                + "java.lang.IllegalStateException: backward: a tensor of shape [2] needed by RemoteGradientBackward was modified by an "
                + "in-place operation after it was used")), stale.problems.toString());
    }
}
