package dev.steepest.coursework;

import dev.steepest.coursework.tasks.DigitsTask;
import dev.steepest.coursework.tasks.RaceTask;
import dev.steepest.optim.Optimizers;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Run;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.RacePicture;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code grade submissions/} (a folder, or a list of jars): a teacher's scoreboard. Each student's
 * jar runs in its own child JVM, from a private copy, in an empty folder, with a minimal
 * environment and, where bubblewrap works, in a sandbox (see {@link Sandbox}); only the student's
 * optimizer steps run there, and every number on the scoreboard is measured here (see
 * {@link GradeTasks}). Writes {@code grade.html} (with the race of all submissions together),
 * {@code grade.md}, {@code grade-junit.xml} and {@code grade-results.json}; the built-in
 * optimizers are reference rows. A submission that cannot be graded gets a line saying why and a
 * grade of zero.
 *
 * <p>{@code --assignment op|module|environment} grades exercises beyond optimizers instead (see
 * {@link dev.steepest.coursework.exercise}): each exercise's checks, run by the grader with the
 * student's code in the same kind of child, its grade the share of checks passed.
 *
 * <p>A class on many machines: {@code --shard I/N} grades every N-th submission of the sorted
 * folder starting at the I-th (references in shard 1), and {@code grade merge RESULTS...} makes
 * the one scoreboard from every shard's {@code grade-results.json}.
 */
public final class Grade implements Command {

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String summary() {
        return "a teacher's scoreboard over a folder of student plugin jars, each run in its own JVM (HTML, Markdown, JUnit XML); "
                + "grade merge RESULTS... joins shards";
    }

    @Override
    public List<String> options() {
        return List.of("SUBMISSION...", "--timeout SECONDS", "--heap MB", "--steps N", "--seeds N", "--batches N", "--reference NAMES",
                "--jobs N", "--shard I/N", "--sandbox auto|bwrap|none", "--assignment optimizer|op|module|environment", "merge RESULTS...");
    }

    @Override
    public void run(Run run) throws Exception {
        List<String> given = run.args().positional();
        if (!given.isEmpty() && given.get(0).equals("merge")) {
            merge(run, given.subList(1, given.size()));
            return;
        }
        PrintStream out = run.out();
        List<Path> files = submissions(given);
        GradeRun.Limits limits = new GradeRun.Limits(run.args().integer("--timeout", 300, 1, 86_400),
                run.args().integer("--heap", 512, 32, 65_536), run.args().integer("--steps", 300, 1, 100_000),
                run.args().integer("--seeds", 100, 1, 10_000), run.args().integer("--batches", 30, 1, 100_000));
        Assignment kind = BadInput.check(() -> Assignment.of(run.args().string("--assignment").orElse("optimizer")));
        if (kind != Assignment.OPTIMIZER && run.args().string("--reference").isPresent()) {
            throw new BadInput("grade: --reference names built-in optimizers; the " + kind.word() + " assignment has none (its "
                    + "references are PyTorch's or Gymnasium's numbers)");
        }
        List<String> references = kind == Assignment.OPTIMIZER ? references(run.args().string("--reference").orElse("all")) : List.of();
        int jobs = run.args().integer("--jobs", 2, 1, 64);
        int[] shard = shard(run.args().string("--shard").orElse("1/1"));
        Sandbox.Mode mode = mode(run.args().string("--sandbox").orElse("auto"));
        run.output();
        Sandbox sandbox = BadInput.check(() -> Sandbox.choose(mode));

        String settings = kind == Assignment.OPTIMIZER
                ? String.format(Locale.ROOT, "%d submission(s); each in its own JVM with at most %d s and %d MB of heap; race %d "
                        + "steps, pattern from %d seeds, digits for %d batches of %d.", files.size(), limits.seconds(),
                limits.heapMegabytes(), limits.raceSteps(), limits.seeds(), limits.digitsBatches(), DigitsTask.BATCH)
                : String.format(Locale.ROOT, "%d submission(s) of the %s assignment (%s); each in its own JVM with at most %d s and %d MB "
                        + "of heap.", files.size(), kind.word(), kind.choices, limits.seconds(), limits.heapMegabytes());
        List<Path> mine = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (i % shard[1] == shard[0] - 1) mine.add(files.get(i));
        }
        out.println("grade: " + settings + (shard[1] > 1 ? " This is shard " + shard[0] + "/" + shard[1] + ": " + mine.size()
                + " of them." : ""));
        out.println("grade: protections: " + String.join("; ", sandbox.protections()));
        List<GradeRow> rows = grade(out, limits, sandbox, kind, shard[0] == 1 ? references : List.of(), mine, jobs);

        Map<String, String> configuration = new TreeMap<>(Map.of("timeout", "" + limits.seconds(), "heap", "" + limits.heapMegabytes(),
                "steps", "" + limits.raceSteps(), "seeds", "" + limits.seeds(), "batches", "" + limits.digitsBatches(),
                "reference", String.join(",", references), "submissions", digest(files), "settings", settings,
                "grader", String.valueOf(Grade.class.getPackage().getImplementationVersion()), "assignment", kind.word()));
        GradeResults.Shard results = new GradeResults.Shard(configuration, shard[0], shard[1],
                mine.stream().map(f -> f.getFileName().toString()).toList(), sandbox.protections(), rows);
        run.output().write(GradeResults.FILE, stream -> stream.write(GradeResults.write(results)));
        publish(run, kind, rows, settings, sandbox.protections(), limits.raceSteps());
        long ungraded = rows.stream().filter(r -> r.ungraded != null).count();
        out.printf("grade: submissions=%d rows=%d not_graded=%d; wrote grade.html, grade.md, grade-junit.xml and %s%n",
                mine.size(), rows.size(), ungraded, GradeResults.FILE);
    }

    /** Copies every submission into a private folder, then grades the references and the copies, {@code jobs} at a time. */
    private static List<GradeRow> grade(PrintStream out, GradeRun.Limits limits, Sandbox sandbox, Assignment kind, List<String> references,
                                        List<Path> files, int jobs) throws IOException {
        Path root = Files.createTempDirectory("steepest-grade");
        try {
            GradeRun grading = new GradeRun(limits, sandbox, Optimizers.names(), kind);
            List<Callable<List<GradeRow>>> work = new ArrayList<>();
            for (String name : references) {
                Path folder = Files.createDirectories(root.resolve("reference-" + name));
                work.add(() -> grading.reference(name, folder));
            }
            for (Path file : files) {   // every copy made before any student's code runs
                GradeRun.Staged staged = GradeRun.Staged.copy(file, root.resolve("submission-" + work.size()));
                work.add(() -> grading.submission(staged));
            }
            return run(out, work, jobs);
        } finally {
            delete(root);
        }
    }

    private static List<GradeRow> run(PrintStream out, List<Callable<List<GradeRow>>> work, int jobs) {
        List<GradeRow> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<List<GradeRow>>> pending = new ArrayList<>();
            for (Callable<List<GradeRow>> w : work) pending.add(pool.submit(w));
            for (Future<List<GradeRow>> f : pending) {
                for (GradeRow row : f.get()) {
                    rows.add(row);
                    out.println("graded " + (row.reference ? "reference " + row.plugin : row.submission
                            + (row.plugin.isEmpty() ? "" : " " + row.plugin)) + ": " + row.gradeText()
                            + (row.whatWentWrong().isEmpty() ? "" : " (" + String.join("; ", row.whatWentWrong()) + ")"));
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("grade: the grader itself failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grade: interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    /** {@code grade merge RESULTS...}: one scoreboard from every shard of one grading. */
    private static void merge(Run run, List<String> given) throws IOException {
        if (given.isEmpty()) {
            throw new BadInput("grade merge: name every shard's results, e.g. grade merge shard-1/" + GradeResults.FILE + " shard-2/"
                    + GradeResults.FILE);
        }
        List<GradeResults.Shard> shards = new ArrayList<>();
        for (String g : given) {
            try {
                shards.add(GradeResults.read(Path.of(g)));
            } catch (IOException | RuntimeException e) {
                throw new BadInput("grade merge: " + g + " cannot be read as grade's results: " + e.getMessage());
            }
        }
        GradeResults.Shard first = shards.get(0);
        String[] seen = new String[first.count()];
        List<GradeRow> rows = new ArrayList<>();
        Set<String> protections = new LinkedHashSet<>();
        for (int i = 0; i < shards.size(); i++) {
            GradeResults.Shard s = shards.get(i);
            for (String key : new TreeSet<>(first.configuration().keySet())) {
                if (!first.configuration().get(key).equals(s.configuration().get(key))) {
                    throw new BadInput("grade merge: " + given.get(i) + " was graded with " + key + " = " + s.configuration().get(key)
                            + ", but " + given.get(0) + " with " + key + " = " + first.configuration().get(key)
                            + "; merge only the shards of one grading (the same folder, options and grader)");
                }
            }
            if (s.count() != first.count()) {
                throw new BadInput("grade merge: " + given.get(i) + " is shard " + s.index() + "/" + s.count() + ", but " + given.get(0)
                        + " is one of " + first.count() + " shards; merge only the shards of one grading");
            }
            if (seen[s.index() - 1] != null) {
                throw new BadInput("grade merge: shard " + s.index() + "/" + s.count() + " is given twice (" + seen[s.index() - 1] + " and "
                        + given.get(i) + ")");
            }
            seen[s.index() - 1] = given.get(i);
            rows.addAll(s.rows());
            protections.addAll(s.protections());
        }
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] == null) {
                throw new BadInput("grade merge: shard " + (i + 1) + "/" + seen.length + " is missing; give the results of every shard");
            }
        }
        run.output();
        String settings = first.configuration().get("settings");
        int steps = Integer.parseInt(first.configuration().get("steps"));
        GradeResults.Shard merged = new GradeResults.Shard(first.configuration(), 1, 1,
                shards.stream().flatMap(s -> s.submissions().stream()).toList(), List.copyOf(protections), rows);
        run.output().write(GradeResults.FILE, stream -> stream.write(GradeResults.write(merged)));
        Assignment kind = Assignment.of(first.configuration().getOrDefault("assignment", "optimizer"));
        publish(run, kind, rows, settings, List.copyOf(protections), steps);
        run.out().printf("grade merge: shards=%d rows=%d not_graded=%d; wrote grade.html, grade.md, grade-junit.xml and %s%n",
                shards.size(), rows.size(), rows.stream().filter(r -> r.ungraded != null).count(), GradeResults.FILE);
    }

    /** Writes the race pictures and the scoreboard three ways. */
    private static void publish(Run run, Assignment kind, List<GradeRow> rows, String settings, List<String> protections, int steps)
            throws IOException {
        List<String> pictures = new ArrayList<>();
        for (int t = 0; kind == Assignment.OPTIMIZER && t < RaceTask.TRACKS.size(); t++) {
            Track track = RaceTask.TRACKS.get(t);
            List<Lap> laps = new ArrayList<>();
            for (GradeRow r : rows) {
                if (r.laps.size() == RaceTask.TRACKS.size()) {
                    laps.add(r.laps.get(t));   // one lap per track, in the order they ran
                }
            }
            if (!laps.isEmpty()) {
                String file = "grade-race-" + track.name() + ".png";
                RacePicture picture = new RacePicture(track, laps, steps);
                run.output().write(file, stream -> Pictures.png(picture.at(steps), stream));
                pictures.add(file);
            }
        }
        Scoreboard board = new Scoreboard(kind, rows, settings, protections, pictures);
        run.output().write("grade.html", stream -> stream.write(board.html().getBytes(StandardCharsets.UTF_8)));
        run.output().write("grade.md", stream -> stream.write(board.markdown().getBytes(StandardCharsets.UTF_8)));
        run.output().write("grade-junit.xml", stream -> stream.write(board.junitXml().getBytes(StandardCharsets.UTF_8)));
    }

    /** The files to grade: each folder's entries (sorted; hidden files left out) and each file named. */
    static List<Path> submissions(List<String> given) {
        if (given.isEmpty()) {
            throw new BadInput("grade: name a folder of submissions or the jars themselves, e.g. grade submissions/");
        }
        List<Path> files = new ArrayList<>();
        for (String g : given) {
            Path p = Path.of(g);
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new BadInput("grade: cannot read the folder " + p + ": " + e.getMessage());
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new BadInput("grade: " + p + " does not exist; name a folder of submissions or jar files");
            }
        }
        return files;
    }

    /** {@code all} (every built-in optimizer), {@code none}, or a comma-separated list of built-in names. */
    static List<String> references(String text) {
        if (text.equals("none")) {
            return List.of();
        }
        List<String> known = new ArrayList<>(Optimizers.names());
        if (text.equals("all")) {
            return known;
        }
        List<String> names = new ArrayList<>();
        for (String n : text.split(",")) {
            String name = n.trim();
            BadInput.check(() -> Optimizers.provider(name, "--reference"));
            names.add(name);
        }
        return names;
    }

    /** {@code I/N} with 1 <= I <= N: the I-th of N shares. */
    static int[] shard(String text) {
        String[] parts = text.trim().split("/");
        try {
            int i = Integer.parseInt(parts[0].trim());
            int n = Integer.parseInt(parts[1].trim());
            if (parts.length == 2 && i >= 1 && i <= n && n <= 10_000) return new int[] {i, n};
        } catch (RuntimeException e) {
            // said below
        }
        throw new BadInput("grade: --shard must be I/N with 1 <= I <= N, e.g. --shard 2/4 for the second of four shares, got '" + text + "'");
    }

    static Sandbox.Mode mode(String text) {
        return switch (text.trim()) {
            case "auto" -> Sandbox.Mode.AUTO;
            case "bwrap" -> Sandbox.Mode.BWRAP;
            case "none" -> Sandbox.Mode.NONE;
            default -> throw new BadInput("grade: --sandbox must be auto (bubblewrap when it works), bwrap (or fail) or none, got '"
                    + text + "'");
        };
    }

    /** A digest of the folder's list of files: shards of one grading name the same files. */
    private static String digest(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) sha.update((f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            return files.size() + " files, " + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
