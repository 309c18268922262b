package dev.steepest.coursework;

import dev.steepest.coursework.exercise.Catalog;
import dev.steepest.coursework.exercise.ExerciseCheck;
import dev.steepest.coursework.exercise.ExerciseReport;
import dev.steepest.optim.Optimizers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grades one submission: reads the grader's private copy of its jar (see {@link SubmittedJar}),
 * starts its {@link Child}, has the child create each provider the jar names, and measures each
 * optimizer with {@link GradeTasks} in this JVM. When the child ends early, or a provider cannot
 * be created, the submission is one row saying why, naming the stage, and a grade of zero.
 */
final class GradeRun {

    /** The limits and sizes every submission is graded with. */
    record Limits(int seconds, int heapMegabytes, int raceSteps, int seeds, int digitsBatches) {
    }

    /** A submission copied into the grader's private folder before any child starts, with its digest. */
    record Staged(String name, Path folder, Path jar, byte[] digest) {
        /** Copies {@code original} into {@code folder}, named {@code submission.jar} whatever its name was. */
        static Staged copy(Path original, Path folder) throws IOException {
            Files.createDirectories(folder);
            Path jar = folder.resolve("submission.jar");
            if (Files.isRegularFile(original)) Files.copy(original, jar);
            return new Staged(original.getFileName().toString(), folder, jar, GradeRun.digest(jar));
        }
    }

    private final Limits limits;
    private final Sandbox sandbox;
    private final GradeTasks tasks;
    private final Assignment kind;

    GradeRun(Limits limits, Sandbox sandbox, Set<String> builtIns) {
        this(limits, sandbox, builtIns, Assignment.OPTIMIZER);
    }

    GradeRun(Limits limits, Sandbox sandbox, Set<String> builtIns, Assignment kind) {
        this.limits = limits;
        this.sandbox = sandbox;
        this.tasks = new GradeTasks(limits, builtIns);
        this.kind = kind;
    }

    /** Grades a student's jar from its private copy. */
    List<GradeRow> submission(Staged staged) {
        if (!Files.exists(staged.jar())) {
            return List.of(GradeRow.ungraded(staged.name(), "is not a file; hand in the jar that 'mvn package' builds"));
        }
        if (!Arrays.equals(staged.digest(), digest(staged.jar()))) {
            return List.of(GradeRow.ungraded(staged.name(), "its private copy was changed before it was graded (by another "
                    + "submission's code, with no sandbox to stop it); grade again with bubblewrap installed"));
        }
        SubmittedJar.Read read = SubmittedJar.read(staged.jar(), kind);
        if (read.refused() != null) {
            return List.of(GradeRow.ungraded(staged.name(), read.refused()));
        }
        return child(staged.name(), false, staged.folder(), staged.jar(), read.providers());
    }

    /** Grades a built-in optimizer as a reference row, through the same channel as every submission. */
    List<GradeRow> reference(String optimizer, Path folder) {
        String cls = Optimizers.provider(optimizer).getClass().getName();
        return child("built-in", true, folder, null, List.of(cls));
    }

    private List<GradeRow> child(String submission, boolean reference, Path folder, Path jar, List<String> classes) {
        long start = System.nanoTime();
        List<GradeRow> rows = new ArrayList<>();
        Child child;
        try {
            child = Child.start(sandbox, folder, jar, limits.seconds(), limits.heapMegabytes());
        } catch (IOException e) {
            return List.of(GradeRow.ungraded(submission, "could not be started: " + e.getMessage()));
        }
        String ungraded = null;
        try (child) {
            ungraded = kind == Assignment.OPTIMIZER ? providers(child, submission, reference, classes, rows)
                    : exercises(child, submission, classes, rows);
        } catch (Child.Ended e) {
            ungraded = e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (ungraded != null) {
            GradeRow whole = GradeRow.ungraded(submission, ungraded);
            rows = new ArrayList<>(List.of(whole));
        }
        for (GradeRow r : rows) {
            r.seconds = seconds / rows.size();
            r.output.addAll(child.output());
        }
        return rows;
    }

    /**
     * Measures each optimizer the jar provides with {@link GradeTasks}: one row per provider.
     *
     * @return why the whole submission cannot be graded, or null
     */
    private String providers(Child child, String submission, boolean reference, List<String> classes, List<GradeRow> rows) {
        String ungraded = null;
        child.stage("loading the providers");
        List<Object> described = RemoteProvider.describe(child, classes);
        Map<String, String> byName = new LinkedHashMap<>();
        List<RemoteProvider> providers = new ArrayList<>();
        for (int i = 0; i < described.size(); i++) {
            if (described.get(i) instanceof String failure) {
                ungraded = "the provider " + classes.get(i) + " " + failure;
                break;
            }
            RemoteProvider p = (RemoteProvider) described.get(i);
            String other = byName.putIfAbsent(p.name(), classes.get(i));
            if (other != null) {
                ungraded = "two providers in one jar use the name '" + p.name() + "' (" + other + " and " + classes.get(i)
                        + "); rename one, names must be unique";
                break;
            }
            providers.add(p);
        }
        for (int i = 0; ungraded == null && i < providers.size(); i++) {
            GradeRow row = new GradeRow(submission, providers.get(i).name(), reference);
            rows.add(row);
            tasks.grade(providers.get(i), child, row, reference);
        }
        return ungraded;
    }

    /**
     * Checks each exercise of the jar with {@link ExerciseCheck}, its subject in the child: one row per exercise.
     *
     * @return why the whole submission cannot be graded, or null
     */
    private String exercises(Child child, String submission, List<String> classes, List<GradeRow> rows) {
        child.stage("loading the exercises");
        List<Object> described = RemoteExercise.describe(child, kind, classes);
        for (int i = 0; i < described.size(); i++) {
            if (described.get(i) instanceof RemoteExercise.Failed failed) return "the class " + classes.get(i) + " " + failed.reason();
        }
        for (int i = 0; i < described.size(); i++) {
            String name = (String) described.get(i);
            GradeRow row = new GradeRow(submission, name, false);
            row.assignment = kind.word();
            rows.add(row);
            child.stage("the checks of " + kind.word() + " '" + name + "'");
            ExerciseReport report = switch (kind) {
                case OP -> ExerciseCheck.op(name, RemoteExercise.differentiable(child, i));
                case MODULE -> ExerciseCheck.module(name, Catalog.MODULES.containsKey(name) ? RemoteExercise.differentiable(child, i) : null);
                default -> ExerciseCheck.environment(name, RemoteExercise.environment(child, i));
            };
            if (child.ended() != null) return child.ended();
            row.passed = report.passedCount();
            row.failed = report.failedCount();
            row.skipped = 0;
            for (ExerciseReport.Check c : report.checks()) {
                if (!c.passed()) row.problems.add("failed '" + c.name() + "': " + c.detail());
            }
        }
        return null;
    }

    static byte[] digest(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return ((DigestInputStream) in).getMessageDigest().digest();
        } catch (IOException e) {
            return new byte[0];
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
