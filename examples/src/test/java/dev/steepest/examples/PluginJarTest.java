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
