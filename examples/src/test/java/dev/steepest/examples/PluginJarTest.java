package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin flow end to end, in child JVMs as a student runs it: the plugin template
 * (templates/optimizer-plugin) built as its own jar, put on the examples' classpath, is discovered
 * by name and trains, with nothing else rebuilt. A plugin that fails mid-run gives exit status 1.
 */
class PluginJarTest {
    static final Path TEMPLATE = Path.of("..", "templates", "optimizer-plugin", "src", "main", "java");

    @TempDir
    static Path work;
    static Path template;

    @BeforeAll
    static void buildTheTemplateJar() throws Exception {
        template = PluginJars.build(TEMPLATE, work, "my-optimizer.jar");
    }

    @Test
    void theTemplateJarIsDiscoveredByNameAndTrainsThePatternClassifier() throws Exception {
        Launch.Result r = Launch.childProcess(List.of(template), Map.of("optimizer", "mine"), "pattern", "--out",
                work.resolve("out").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("optimizer mine") && r.err().contains("my-optimizer.jar"),
                "the chosen optimizer is logged (on stderr) with the jar it came from:\n" + r.err());
        List<Float> losses = r.lines("\t ").stream().map(l -> Float.parseFloat(l.substring(l.indexOf("error=") + 6).trim())).toList();
        assertEquals(80, losses.size());
        assertTrue(losses.get(79) < losses.get(0), "the loss falls: " + losses.get(0) + " -> " + losses.get(79));
        assertTrue(r.line("pattern: ").startsWith("pattern: optimizer=mine seed=0 steps=80 final_loss="), r.out());
    }

    @Test
    void theTemplateJarIsListedAndPassesTheConformanceKit() throws Exception {
        Launch.Result list = Launch.childProcess(List.of(template), Map.of(), "optimizers");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("mine - ")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("simplegd - ")), "the built-in plugins are still there");

        Launch.Result kit = Launch.childProcess(List.of(template), Map.of("optimizer", "mine"), "conformance");
        assertEquals(0, kit.status(), kit.out() + kit.err());
        assertTrue(kit.out().contains("conformance: mine passed every check"), kit.out());
    }

    /** Runs {@code java ARGS} in a child JVM. */
    private static Launch.Result java(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(work.resolve("stderr.txt").toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + command);
        }
        return new Launch.Result(process.exitValue(), out, Files.readString(work.resolve("stderr.txt")));
    }

    @Test
    void theTemplatesOwnTestPassesAfterThePluginIsRenamedInItsProvider() throws Exception {
        Path copy = work.resolve("renamed");
        Path template = TEMPLATE.getParent().getParent();                       // templates/optimizer-plugin/src
        try (var files = Files.walk(template)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(template.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Path provider = copy.resolve("main/java/dev/steepest/student/MineProvider.java");
        String source = Files.readString(provider);
        assertTrue(source.contains("return \"mine\";"), "the template names its plugin in MineProvider.name()");
        Files.writeString(provider, source.replace("return \"mine\";", "return \"yours\";"));
        Path jar = PluginJars.build(copy.resolve("main/java"), work, "yours.jar");

        // The template's MineTest, compiled against the renamed plugin, run as its build would run it.
        Path tests = Files.createDirectories(work.resolve("renamed-test-classes"));
        Path runner = copy.resolve("test/java/dev/steepest/student/RunMineTest.java");
        Files.writeString(runner, "package dev.steepest.student;\n"
                + "public class RunMineTest { public static void main(String[] a) { new MineTest().passesTheConformanceKit(); } }\n");
        String classPath = Launch.testClassPath() + java.io.File.pathSeparator + jar;
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tests.toString(), "-cp", classPath,
                copy.resolve("test/java/dev/steepest/student/MineTest.java").toString(), runner.toString());
        assertEquals(0, status, "MineTest compiles");
        Launch.Result r = java(List.of("-cp", classPath + java.io.File.pathSeparator + tests, "dev.steepest.student.RunMineTest"));
        assertEquals(0, r.status(), "MineTest passes for the plugin renamed 'yours':\n" + r.out() + r.err());
    }

    @Test
    void aPluginJarGivenWithCpBesideJarIsNamedAsIgnoredWithTheCommandThatWorks() throws Exception {
        // A launcher jar like steepest-examples.jar: its manifest names Main and the class path (the test's, here).
        Path launcher = work.resolve("launcher.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> entries = new java.util.ArrayList<>();
        for (String entry : Launch.testClassPath().split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toUri().toString());
        }
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, String.join(" ", entries));
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(launcher), manifest)) {
            jar.flush();
        }
        String out = work.resolve("jar-out").toString();
        Launch.Result r = java(List.of("-Djava.awt.headless=true", "-Doptimizer=mine", "-cp", template.toString(), "-jar",
                launcher.toString(), "pattern", "--out", out));
        assertEquals(2, r.status(), r.out() + r.err());
        String message = r.failure().strip();
        String works = "java -Djava.awt.headless=true -Doptimizer=mine -cp " + launcher + java.io.File.pathSeparator + template + " "
                + Main.class.getName() + " pattern --out " + out;
        assertTrue(message.startsWith("unknown optimizer 'mine' (from -Doptimizer)."), message);
        assertTrue(message.endsWith(" This program was started with -jar, which ignores -cp and CLASSPATH, so -cp " + template
                + " was not used. Put the jars after -cp and name the launcher class instead of -jar: " + works), message);

        // The command it gives works.
        List<String> again = List.of(works.split(" ")).subList(1, works.split(" ").length);
        Launch.Result fixed = java(again);
        assertEquals(0, fixed.status(), fixed.out() + fixed.err());
        assertTrue(fixed.line("pattern: ").startsWith("pattern: optimizer=mine "), fixed.out());
    }

    static final String BOOM = """
            package boom;

            import com.google.auto.service.AutoService;
            import dev.steepest.core.Tensor;
            import dev.steepest.optim.Hyperparameter;
            import dev.steepest.optim.Optimizer;
            import dev.steepest.optim.OptimizerProvider;
            import dev.steepest.optim.Options;
            import java.util.List;

            @AutoService(OptimizerProvider.class)
            public final class BoomProvider implements OptimizerProvider {
                public String name() { return "boom"; }
                public String description() { return "fails on its third step"; }
                public List<Hyperparameter> hyperparameters() {
                    return List.of(Hyperparameter.number("lr", 0.1, Hyperparameter.Range.atLeast(0), "learning rate"));
                }
                public Optimizer create(List<Tensor> params, Options options) { return new Boom(params, options); }

                static final class Boom extends Optimizer {
                    private int steps;
                    Boom(List<Tensor> params, Options options) { super(params, options); }
                    @Override public void step() {
                        if (++steps == 3) throw new IllegalStateException("boom: the plugin failed on step 3");
                    }
                }
            }
            """;

    @Test
    void aFailureDuringARunIsOneLineAndStatus1WithTheStackTraceOnlyInDebugMode() throws Exception {
        Path sources = Files.createDirectories(work.resolve("boom-src/boom"));
        Files.writeString(sources.resolve("BoomProvider.java"), BOOM);
        Path boom = PluginJars.build(work.resolve("boom-src"), work, "boom.jar");
        Path out = work.resolve("boom-out");

        Launch.Result r = Launch.childProcess(List.of(boom), Map.of("optimizer", "boom"), "parabola", "--out", out.toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.failure().strip().matches("parabola failed: the optimizer plugin 'boom' failed in step\\(\\) of boom.BoomProvider\\$Boom "
                + "\\(provider boom.BoomProvider from file:\\S+/boom.jar\\): IllegalStateException: boom: the plugin failed on step 3 "
                + "\\(run with -Dsteepest.debug=true for the stack trace\\)"), r.err());
        assertFalse(Files.exists(out.resolve("parabola.gif")), "nothing is written when the run fails");

        Launch.Result debug = Launch.childProcess(List.of(boom), Map.of("optimizer", "boom", "steepest.debug", "true"),
                "parabola", "--out", out.toString());
        assertEquals(1, debug.status());
        assertTrue(debug.err().contains("\tat dev.steepest.examples.tutorial.Parabola.run"), debug.err());
    }
}
