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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code grade submissions/} (a folder, or a list of jars): a teacher's scoreboard. Each student's
 * jar runs in its own child JVM with a time limit and a heap limit, so that one student's classes,
 * crashes, {@code System.exit}, endless loops or huge allocations touch neither another's nor the
 * grader. Writes {@code grade.html} (with the race of all submissions together),
 * {@code grade.md} and {@code grade-junit.xml}; the built-in optimizers are reference rows.
 * A submission that cannot be graded gets a line saying why and a grade of zero.
 */
public final class Grade implements Command {

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String summary() {
        return "a teacher's scoreboard over a folder of student plugin jars, each run in its own JVM (HTML, Markdown, JUnit XML)";
    }

    @Override
    public List<String> options() {
        return List.of("SUBMISSION...", "--timeout SECONDS", "--heap MB", "--steps N", "--seeds N", "--batches N", "--reference NAMES",
                "--jobs N");
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        List<Path> files = submissions(run.args().positional());
        GradeRun.Limits limits = new GradeRun.Limits(run.args().integer("--timeout", 300, 1, 86_400),
                run.args().integer("--heap", 512, 32, 65_536), run.args().integer("--steps", 300, 1, 100_000),
                run.args().integer("--seeds", 100, 1, 10_000), run.args().integer("--batches", 30, 1, 100_000));
        List<String> references = references(run.args().string("--reference").orElse("all"));
        int jobs = run.args().integer("--jobs", 2, 1, 64);
        run.output();

        String settings = String.format("%d submission(s); each in its own JVM with at most %d s and %d MB of heap; race %d steps, "
                        + "pattern from %d seeds, digits for %d batches of %d.", files.size(), limits.seconds(), limits.heapMegabytes(),
                limits.raceSteps(), limits.seeds(), limits.digitsBatches(), DigitsTask.BATCH);
        out.println("grade: " + settings);
        GradeRun grading = new GradeRun(limits, System.getProperty("java.class.path"));
        List<GradeRow> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<List<GradeRow>>> pending = new ArrayList<>();
            for (String name : references) {
                pending.add(pool.submit(() -> grading.reference(name)));
            }
            for (Path file : files) {
                pending.add(pool.submit(() -> grading.submission(file)));
            }
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
        } finally {
            pool.shutdownNow();
        }

        List<String> pictures = new ArrayList<>();
        for (int t = 0; t < RaceTask.TRACKS.size(); t++) {
            Track track = RaceTask.TRACKS.get(t);
            List<Lap> laps = new ArrayList<>();
            for (GradeRow r : rows) {
                if (r.laps.size() == RaceTask.TRACKS.size()) {
                    laps.add(r.laps.get(t));   // one lap per track, in the order the child ran them
                }
            }
            if (!laps.isEmpty()) {
                String file = "grade-race-" + track.name() + ".png";
                RacePicture picture = new RacePicture(track, laps, limits.raceSteps());
                run.output().write(file, stream -> Pictures.png(picture.at(limits.raceSteps()), stream));
                pictures.add(file);
            }
        }
        Scoreboard board = new Scoreboard(rows, settings, pictures);
        run.output().write("grade.html", stream -> stream.write(board.html().getBytes(StandardCharsets.UTF_8)));
        run.output().write("grade.md", stream -> stream.write(board.markdown().getBytes(StandardCharsets.UTF_8)));
        run.output().write("grade-junit.xml", stream -> stream.write(board.junitXml().getBytes(StandardCharsets.UTF_8)));
        long ungraded = rows.stream().filter(r -> r.ungraded != null).count();
        out.printf("grade: submissions=%d rows=%d not_graded=%d; wrote grade.html, grade.md and grade-junit.xml%n",
                files.size(), rows.size(), ungraded);
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

    /** {@code all} (every built-in), {@code none}, or a comma-separated list of built-in names. */
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
}
