package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student's broken plugin, as the student meets it in a child JVM: a failure in its own code is
 * exit 1 naming the plugin, its class and its jar (exit 2 stays for what the user typed); the
 * listing survives broken and duplicated plugins; an unregistered provider is found and the
 * message says how to register it.
 */
class PluginFailureTest {
    static final String DESCENT = "p.sub_(g.mul(lr));";

    @TempDir
    static Path work;

    @Test
    void anExceptionInAPluginsConstructorIsExit1NamingThePluginItsClassAndItsJar() throws Exception {
        Path jar = PluginJars.fromSource(work, "ctor.jar", "ctor.Provider", PluginJars.plugin("ctor", "ctor", true,
                "if (true) throw new IllegalStateException(\"no GPU here\");", DESCENT));
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of("optimizer", "ctor"), "parabola", "--out", work.resolve("o1").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.failure().startsWith("parabola failed: the optimizer plugin 'ctor' failed in the constructor of ctor.Provider$Crafted "
                + "(provider ctor.Provider from file:"), r.err());
        assertTrue(r.err().contains("/ctor.jar): IllegalStateException: no GPU here"), r.err());
    }

    @Test
    void aNullPointerExceptionInStepIsExit1NamingThePluginAndTheHelpfulMessage() throws Exception {
        Path jar = PluginJars.fromSource(work, "npe.jar", "npe.Provider", PluginJars.plugin("npe", "npe", true, "",
                "Tensor m = null; p.sub_(m.mul(lr));"));
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of("optimizer", "npe"), "pattern", "--out", work.resolve("o2").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.failure().startsWith("pattern failed: the optimizer plugin 'npe' failed in step() of npe.Provider$Crafted "
                + "(provider npe.Provider from file:"), r.err());
        assertTrue(r.err().contains("/npe.jar): NullPointerException: Cannot invoke"), r.err());
    }

    @Test
    void theListingSurvivesADuplicatedNameAndBrokenMetadataAndTheDuplicateFailsOnlyWhereChosen() throws Exception {
        Path a = PluginJars.fromSource(work, "twin-a.jar", "twina.Provider", PluginJars.plugin("twina", "twin", true, "", DESCENT));
        Path b = PluginJars.fromSource(work, "twin-b.jar", "twinb.Provider", PluginJars.plugin("twinb", "twin", true, "", DESCENT));
        Path broken = PluginJars.fromSource(work, "nodesc.jar", "nodesc.Provider",
                PluginJars.plugin("nodesc", "nodesc", true, "", DESCENT).replace("return \"a crafted plugin\";", "return null;"));
        Launch.Result list = Launch.childProcess(List.of(a, b, broken), Map.of(), "optimizers");
        assertEquals(0, list.status(), list.out() + list.err());
        for (String name : Launch.BUILT_IN) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(name + " - ")), name + " is still listed:\n" + list.out());
        }
        List<String> warnings = list.out().lines().filter(l -> l.startsWith("[warning] ")).toList();
        assertEquals(2, warnings.size(), "each problem once:\n" + list.out());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("nodesc.Provider (file:") && w.contains("nodesc.jar")
                && w.endsWith("its description() returned null")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("[warning] optimizer name 'twin' is provided 2 times")
                && w.contains("twin-a.jar") && w.contains("twin-b.jar")), warnings.toString());

        Launch.Result chosen = Launch.childProcess(List.of(a, b), Map.of("optimizer", "twin"), "parabola", "--out", work.resolve("o3").toString());
        assertEquals(2, chosen.status(), chosen.out() + chosen.err());
        assertTrue(chosen.err().contains("twin-a.jar") && chosen.err().contains("twin-b.jar"), chosen.err());
        Launch.Result other = Launch.childProcess(List.of(a, b), Map.of("optimizer", "sgd"), "parabola", "--steps", "3",
                "--out", work.resolve("o4").toString());
        assertEquals(0, other.status(), "the other optimizers still work:\n" + other.err());
    }

    @Test
    void anUnregisteredProviderIsFoundAndTheMessageSaysHowToRegisterIt() throws Exception {
        Path jar = PluginJars.fromSource(work, "unregistered.jar", "student.Provider",
                PluginJars.plugin("student", "mine", false, "", DESCENT));
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of("optimizer", "mine"), "parabola", "--out", work.resolve("o5").toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.failure().startsWith("unknown optimizer 'mine' (from -Doptimizer)."), r.err());
        assertTrue(r.err().contains("Found a class that implements OptimizerProvider but is not registered, so ServiceLoader cannot see it: "
                + "student.Provider (file:"), r.err());
        assertTrue(r.err().contains("/unregistered.jar), whose name() is 'mine'. Register a provider by annotating it with "
                + "@AutoService(OptimizerProvider.class)"), r.err());
        assertTrue(r.err().contains("META-INF/services/dev.steepest.optim.OptimizerProvider to its jar with one line naming the class, "
                + "e.g. student.Provider."), r.err());
    }
}
