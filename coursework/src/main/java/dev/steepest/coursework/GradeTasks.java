package dev.steepest.coursework;

import dev.steepest.core.Tensor;
import dev.steepest.coursework.tasks.DigitsTask;
import dev.steepest.coursework.tasks.PatternTask;
import dev.steepest.coursework.tasks.RaceTask;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.conformance.ConformanceReport;
import dev.steepest.optim.conformance.ConformanceReport.Check;
import dev.steepest.optim.conformance.OptimizerConformance;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the grader measures of one optimizer, in the grader's own JVM: the conformance kit, the
 * race on Rosenbrock and Rastrigin, the pattern classifier from many seeds and a short digits run.
 * The optimizer is a {@link RemoteProvider}: only its steps run in the submission's child, so every
 * loss, accuracy, verdict and time here is the grader's. A stage that fails is written into the
 * row and the next one runs; a child that ended stops them all ({@link Child.Ended}).
 *
 * <p>An optimizer that {@linkplain Optimizer#needsGraph() needs the loss's graph} is measured like
 * any other: each task's closure calls {@code optimizer.backward(loss)}, which keeps the gradients'
 * graph here, and the Hessian-vector products its step takes in the child are computed here through
 * that graph ({@link RemoteCurvature}).
 */
final class GradeTasks {
    private static final String DISCOVERED = "discovered by ServiceLoader";

    private final GradeRun.Limits limits;
    private final Set<String> builtIns;

    /** @param builtIns the built-in optimizers' names, which a student's plugin may not take */
    GradeTasks(GradeRun.Limits limits, Set<String> builtIns) {
        this.limits = limits;
        this.builtIns = builtIns;
    }

    /** Measures {@code provider} into {@code row}; throws {@link Child.Ended} when the child is gone. */
    void grade(RemoteProvider provider, Child child, GradeRow row, boolean reference) {
        String name = provider.name();
        stage(child, row, "conformance of '" + name + "'", () -> conformance(provider, row, reference));
        for (Track track : RaceTask.TRACKS) {
            stage(child, row, "race on " + track.name() + " of '" + name + "'", () -> {
                Lap lap = RaceTask.lap(track, row.label(), make(provider, null), limits.raceSteps());
                row.laps.add(lap);
                boolean diverged = !Double.isFinite(lap.finalLoss()) || lap.finalLoss() > 1e30;
                double value = diverged ? Double.NaN : lap.finalLoss();
                if (track.name().equals("rosenbrock")) row.rosenbrock = value;
                else row.rastrigin = value;
                if (diverged) {
                    row.problems.add("diverged in the race on " + track.name() + ": the loss became NaN or infinite (is the sign of "
                            + "the update right? does it divide by something that can be 0?)");
                }
            });
        }
        stage(child, row, "pattern from " + limits.seeds() + " seeds of '" + name + "'", () -> {
            int correct = 0;
            for (int seed = 0; seed < limits.seeds(); seed++) {
                correct += PatternTask.correct(seed, make(provider, 0.001)) ? 1 : 0;
            }
            row.patternShare = (double) correct / limits.seeds();
        });
        stage(child, row, "digits for " + limits.digitsBatches() + " batches of '" + name + "'",
                () -> row.digits = DigitsTask.accuracy(limits.digitsBatches(), make(provider, 0.003)));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void stage(Child child, GradeRow row, String stage, Body body) {
        child.stage(stage);
        try {
            body.run();
        } catch (Child.Ended e) {
            throw e;
        } catch (Throwable e) {
            String what = e.getMessage() == null ? e.toString() : e.getMessage();
            row.problems.add("failed in " + stage + ": " + RemoteProvider.bounded(what));
        }
        if (child.ended() != null) throw new Child.Ended(child.ended());   // a check the kit caught may have ended it
    }

    /**
     * The kit's checks as the grader runs them; discovery is judged from the jar itself (its own
     * services file names the class, checked before it ran; the name is valid and not a built-in's).
     */
    private void conformance(RemoteProvider provider, GradeRow row, boolean reference) {
        ConformanceReport report = OptimizerConformance.check(provider.asProvider());
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        String discovery = discovery(provider, reference);
        if (discovery == null) passed++;
        else {
            failed++;
            failures.add("discovered under a valid, unique name (" + discovery + ")");
        }
        for (Check c : report.checks()) {
            if (c.name().startsWith(DISCOVERED)) continue;
            switch (c.outcome()) {
                case PASS -> passed++;
                case SKIP -> skipped++;
                case FAIL -> {
                    failed++;
                    failures.add(c.name() + " (" + shorten(c.detail()) + ")");
                }
            }
        }
        row.passed = passed;
        row.failed = failed;
        row.skipped = skipped;
        if (failed > 0) {
            row.problems.add("failed " + failed + " of " + (passed + failed) + " conformance checks: " + String.join("; ", failures));
        }
    }

    private String discovery(RemoteProvider provider, boolean reference) {
        String name = provider.name();
        if (name == null || !name.matches("[a-z0-9-]{1,64}")) return "its name must be 1 to 64 characters of [a-z0-9-], got '" + name + "'";
        if (!reference && builtIns.contains(name)) return "'" + name + "' is the name of a built-in optimizer; choose another";
        if (provider.description() == null || provider.description().isBlank()) return "description() is empty";
        return null;
    }

    /**
     * Makes the optimizer over a task's parameters with its defaults, and {@code lr} when the
     * task sets one (the example's learning rate suits the problem, for any optimizer).
     */
    private static Function<List<Tensor>, Optimizer> make(RemoteProvider provider, Double lr) {
        return params -> {
            boolean takesLr = provider.hyperparameters() != null && provider.hyperparameters().stream().anyMatch(h -> h.name().equals("lr"));
            Options options = lr == null || !takesLr ? Options.empty() : Options.of("lr", lr);
            return provider.create(params, options.resolve(provider.name(), provider.hyperparameters()));
        };
    }

    private static String shorten(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
