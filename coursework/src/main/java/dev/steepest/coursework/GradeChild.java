package dev.steepest.coursework;

import dev.steepest.core.Generator;
import dev.steepest.coursework.tasks.DigitsTask;
import dev.steepest.coursework.tasks.PatternTask;
import dev.steepest.coursework.tasks.RaceTask;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.conformance.ConformanceReport;
import dev.steepest.optim.conformance.ConformanceReport.Outcome;
import dev.steepest.optim.conformance.OptimizerConformance;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.console.ConfusionMatrix;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * What {@code grade} runs inside the child JVM of one submission (the student's jar is on this
 * JVM's classpath and nowhere else): for each optimizer the jar provides, the conformance kit, the
 * race on Rosenbrock and Rastrigin, the pattern classifier from many seeds and a short digits run.
 * It reports on stdout in lines that start with {@code @grade} (see {@link GradeProtocol}); a stage
 * that fails is reported and the next one runs. Ending the JVM, looping or allocating without end
 * is the parent's to notice: it knows the last stage that started.
 */
final class GradeChild {
    private final PrintStream protocol;
    private final Map<String, String> settings;

    private GradeChild(PrintStream protocol, Map<String, String> settings) {
        this.protocol = protocol;
        this.settings = settings;
    }

    /** {@code GradeChild --jar FILE | --names a,b} with {@code --steps N --seeds N --batches N}. */
    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        System.setOut(quiet);   // what a plugin prints goes nowhere; the protocol has its own stream
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            settings.put(args[i], args[i + 1]);
        }
        new GradeChild(protocol, settings).run();
        protocol.println(GradeProtocol.line("done"));
        protocol.flush();
        System.exit(0);   // a plugin's stray non-daemon thread must not keep the child alive
    }

    private void say(String... fields) {
        protocol.println(GradeProtocol.line(fields));
    }

    private void run() {
        List<String> names = new ArrayList<>();
        if (settings.containsKey("--jar")) {
            names = providedBy(settings.get("--jar"));
        } else {
            names.addAll(Arrays.asList(settings.get("--names").split(",")));
        }
        for (String name : names) {
            grade(name);
        }
    }

    /** The names the jar's providers give; says "problem" and returns none when the jar cannot be graded. */
    private List<String> providedBy(String jar) {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar)) {
            var entry = file.getJarEntry("META-INF/services/" + OptimizerProvider.class.getName());
            try (InputStream in = file.getInputStream(entry)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String cls = line.replaceAll("#.*", "").trim();
                    if (!cls.isEmpty()) classes.add(cls);
                }
            }
        } catch (IOException | RuntimeException e) {
            say("problem", "its provider list could not be read: " + e);
            return List.of();
        }
        Map<String, String> byName = new LinkedHashMap<>();
        say("stage", "loading the providers");
        for (String cls : classes) {
            try {
                OptimizerProvider provider = (OptimizerProvider) Class.forName(cls).getConstructor().newInstance();
                String name = provider.name();
                String other = byName.putIfAbsent(name, cls);
                if (other != null) {
                    say("problem", "two providers in one jar use the name '" + name + "' (" + other + " and " + cls
                            + "); rename one, names must be unique");
                    return List.of();
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                say("problem", "the provider " + cls + " could not be created: " + cause
                        + " (it needs a public no-argument constructor that does not throw)");
                return List.of();
            }
        }
        if (byName.isEmpty()) {
            say("problem", "its META-INF/services/" + OptimizerProvider.class.getName() + " lists no provider class");
        }
        for (Map.Entry<String, String> e : byName.entrySet()) {
            say("plugin", e.getKey(), e.getValue());
        }
        return new ArrayList<>(byName.keySet());
    }

    private interface Stage {
        void run() throws Exception;
    }

    private void stage(String name, String stage, Stage body) {
        say("stage", name, stage);
        try {
            body.run();
        } catch (Throwable e) {
            Throwable failure = Optimizers.registry().blame(e).<Throwable>map(x -> x).orElse(e);
            String what = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            say("error", name, stage, what.replace('\n', ' '));
        }
    }

    private void grade(String name) {
        System.setProperty("optimizer", name);
        System.setProperty("race", name);
        stage(name, "conformance", () -> {
            ConformanceReport report = OptimizerConformance.check(name);
            String failed = report.checks().stream().filter(c -> c.outcome() == Outcome.FAIL)
                    .map(c -> c.name() + " (" + shorten(c.detail()) + ")").collect(Collectors.joining("; "));
            say("conformance", name, Integer.toString(report.count(Outcome.PASS)), Integer.toString(report.count(Outcome.FAIL)),
                    Integer.toString(report.count(Outcome.SKIP)), failed);
        });
        int steps = Integer.parseInt(settings.getOrDefault("--steps", "300"));
        for (Track track : RaceTask.TRACKS) {
            stage(name, "race on " + track.name(), () -> {
                Lap lap = RaceTask.lap(track, name, steps);
                say("lap", name, track.name(), lap.settings(), join(lap.x()), join(lap.y()), join(lap.loss()));
            });
        }
        int seeds = Integer.parseInt(settings.getOrDefault("--seeds", "100"));
        stage(name, "pattern from " + seeds + " seeds", () -> {
            OptimizerChoice chosen = PatternTask.settings();
            int correct = 0;
            for (int seed = 0; seed < seeds; seed++) {
                correct += PatternTask.correct(seed, chosen) ? 1 : 0;
            }
            say("pattern", name, Integer.toString(correct), Integer.toString(seeds));
        });
        int batches = Integer.parseInt(settings.getOrDefault("--batches", "30"));
        stage(name, "digits for " + batches + " batches", () -> say("digits", name, Double.toString(DigitsTask.accuracy(batches))));
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            if (b.length() > 0) b.append(',');
            b.append(String.format(Locale.ROOT, "%.7g", v));
        }
        return b.toString();
    }
}
