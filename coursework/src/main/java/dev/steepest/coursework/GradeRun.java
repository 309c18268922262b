package dev.steepest.coursework;

import dev.steepest.train.plot.RacePicture.Lap;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Grades one submission in its own child JVM, with a time limit and a heap limit: the student's
 * classes, crashes, {@code System.exit}, endless loops and huge allocations stay in that JVM. Reads
 * its {@link GradeProtocol} reports and turns them into {@link GradeRow}s; when the child is
 * stopped or ends early, says so in words, naming the stage it was in.
 */
final class GradeRun {
    private static final String SERVICES = "META-INF/services/dev.steepest.optim.OptimizerProvider";

    /** The limits and sizes every submission is graded with. */
    record Limits(int seconds, int heapMegabytes, int raceSteps, int seeds, int digitsBatches) {
    }

    private final Limits limits;
    private final String classPath;

    /** @param classPath the grader's own classpath (steepest and the built-in plugins), without any student's jar */
    GradeRun(Limits limits, String classPath) {
        this.limits = limits;
        this.classPath = classPath;
    }

    /** Grades a student's file: a jar with one or more optimizer providers. */
    List<GradeRow> submission(Path file) {
        String name = file.getFileName().toString();
        String refused = refuse(file);
        if (refused != null) {
            return List.of(GradeRow.ungraded(name, refused));
        }
        return child(name, false, file, List.of("--jar", file.toAbsolutePath().toString()));
    }

    /** Grades a built-in optimizer as a reference row. */
    List<GradeRow> reference(String optimizer) {
        return child("built-in", true, null, List.of("--names", optimizer));
    }

    /** Why a file cannot be graded before any of it runs, or null. */
    static String refuse(Path file) {
        if (!Files.isRegularFile(file)) {
            return "is not a file; hand in the jar that 'mvn package' builds";
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var services = zip.getEntry(SERVICES);
            boolean listsOne = false;
            if (services != null) {
                try (InputStream in = zip.getInputStream(services)) {
                    listsOne = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .anyMatch(l -> !l.replaceAll("#.*", "").isBlank());
                }
            }
            if (!listsOne) {
                return "has no optimizer provider: the jar has no " + SERVICES + " listing one. Annotate your provider class with "
                        + "@AutoService(OptimizerProvider.class) (keep the auto-service processor in your pom), then build the jar again";
            }
            return null;
        } catch (IOException e) {
            return "is not a jar file (" + e.getMessage() + "); hand in the jar that 'mvn package' builds, e.g. target/my-optimizer.jar";
        }
    }

    private List<GradeRow> child(String submission, boolean reference, Path jar, List<String> what) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + limits.heapMegabytes() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(jar == null ? classPath : classPath + File.pathSeparator + jar.toAbsolutePath());
        command.add(GradeChild.class.getName());
        command.addAll(what);
        command.addAll(List.of("--steps", Integer.toString(limits.raceSteps()), "--seeds", Integer.toString(limits.seeds()),
                "--batches", Integer.toString(limits.digitsBatches())));
        long start = System.nanoTime();
        Report report = new Report(submission, reference);
        String stderr;
        Integer status;
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = drain(process.getErrorStream(), err);
            Thread outReader = new Thread(() -> report.read(process.getInputStream()));
            outReader.setDaemon(true);
            outReader.start();
            boolean finished = process.waitFor(limits.seconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            outReader.join(5000);
            errReader.join(5000);
            stderr = err.toString(StandardCharsets.UTF_8);
            status = finished ? process.exitValue() : null;
        } catch (IOException e) {
            return List.of(GradeRow.ungraded(submission, "could not be started: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(GradeRow.ungraded(submission, "was interrupted"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return report.rows(status, stderr, seconds);
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (into) {
                        if (into.size() < 64 * 1024) into.write(buffer, 0, n);   // what matters is at the start and the end
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** What one child reported, line by line. */
    private final class Report {
        private final String submission;
        private final boolean reference;
        private final Map<String, GradeRow> rows = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private String stage = "starting the JVM";
        private String stagePlugin;
        private boolean done;

        Report(String submission, boolean reference) {
            this.submission = submission;
            this.reference = reference;
        }

        /** The last lines the JVM itself printed on stdout (e.g. "Terminating due to java.lang.OutOfMemoryError"). */
        private final java.util.ArrayDeque<String> other = new java.util.ArrayDeque<>();

        void read(InputStream in) {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    List<String> f = GradeProtocol.fields(line);
                    synchronized (this) {
                        if (f != null) {
                            take(f);
                        } else {
                            other.addLast(line.length() > 300 ? line.substring(0, 300) : line);
                            if (other.size() > 20) other.removeFirst();
                        }
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // the child was stopped, or printed something that is not a report
            }
        }

        private GradeRow row(String plugin) {
            return rows.computeIfAbsent(plugin, p -> new GradeRow(submission, p, reference));
        }

        private void take(List<String> f) {
            switch (f.get(0)) {
                case "stage" -> {
                    stagePlugin = f.size() > 2 ? f.get(1) : null;
                    stage = f.get(f.size() - 1);
                }
                case "plugin" -> row(f.get(1));
                case "problem" -> problems.add(f.get(1));
                case "conformance" -> {
                    GradeRow r = row(f.get(1));
                    r.passed = Integer.parseInt(f.get(2));
                    r.failed = Integer.parseInt(f.get(3));
                    r.skipped = Integer.parseInt(f.get(4));
                    if (r.failed > 0) {
                        r.problems.add("failed " + r.failed + " of " + (r.passed + r.failed) + " conformance checks: " + f.get(5));
                    }
                }
                case "lap" -> {
                    GradeRow r = row(f.get(1));
                    double[] loss = numbers(f.get(6));
                    Lap lap = new Lap(r.label(), f.get(3), numbers(f.get(4)), numbers(f.get(5)), loss);
                    r.laps.add(lap);
                    boolean diverged = !Double.isFinite(lap.finalLoss()) || lap.finalLoss() > 1e30;
                    if (f.get(2).equals("rosenbrock")) r.rosenbrock = diverged ? Double.NaN : lap.finalLoss();
                    else r.rastrigin = diverged ? Double.NaN : lap.finalLoss();
                    if (diverged) {
                        r.problems.add("diverged in the race on " + f.get(2) + ": the loss became NaN or infinite (is the sign of the "
                                + "update right? does it divide by something that can be 0?)");
                    }
                }
                case "pattern" -> row(f.get(1)).patternShare = Double.parseDouble(f.get(2)) / Double.parseDouble(f.get(3));
                case "digits" -> row(f.get(1)).digits = Double.parseDouble(f.get(2));
                case "error" -> row(f.get(1)).problems.add("failed in " + f.get(2) + ": " + f.get(3));
                case "done" -> done = true;
                default -> { }
            }
        }

        synchronized List<GradeRow> rows(Integer status, String stderr, double seconds) {
            String where = stage + (stagePlugin == null ? "" : " of '" + stagePlugin + "'");
            String ended = null;
            if (status == null) {
                ended = "did not finish within the time limit of " + limits.seconds() + " s; it was stopped while running " + where
                        + ". Is there an endless loop in step() (a loop whose condition never changes)?";
            } else if (stderr.contains("OutOfMemoryError") || String.join("\n", other).contains("OutOfMemoryError")) {
                ended = "ran out of memory (heap limit " + limits.heapMegabytes() + " MB) while running " + where
                        + ". Does step() keep every tensor it makes (a list or map that grows at every step)?";
            } else if (!done) {
                ended = "ended the grading JVM with exit status " + status + " while running " + where
                        + ". A plugin must never call System.exit or halt the JVM; throw an exception instead";
            }
            List<GradeRow> out = new ArrayList<>();
            if (!problems.isEmpty() || ended != null) {
                String reason = String.join("; ", problems);
                if (ended != null) reason = reason.isEmpty() ? ended : reason + "; " + ended;
                GradeRow whole = GradeRow.ungraded(submission, reason);
                whole.seconds = seconds;
                out.add(whole);
                return out;
            }
            if (rows.isEmpty()) {
                GradeRow none = GradeRow.ungraded(submission, "has no optimizer provider");
                none.seconds = seconds;
                return List.of(none);
            }
            for (GradeRow r : rows.values()) {
                r.seconds = seconds / rows.size();
                out.add(r);
            }
            return out;
        }
    }

    private static double[] numbers(String text) {
        if (text.isEmpty()) return new double[0];
        String[] parts = text.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }
}
