package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    private static final List<Tensor> PARAMS = List.of(Tensor.zeros(2).requiresGrad(true));

    /** A class loader that also sees a services file listing {@code classes}. */
    private static OptimizerRegistry withServices(Path dir, String... classes) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(OptimizerProvider.class.getName()), List.of(classes));
        return OptimizerRegistry.of(new URLClassLoader(new URL[] {dir.toUri().toURL()}, RegistryTest.class.getClassLoader()));
    }

    @Test
    void createsByNameWithCheckedOptions() {
        Optimizer o = Optimizers.create("testgd", PARAMS, Options.of("lr", 0.5));
        assertEquals(0.5, o.paramGroups().get(0).lr());
        assertTrue(Optimizers.names().contains("testgd"));
    }

    @Test
    void anUnknownNameSuggestsTheClosestAndSaysWhatToDo() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("testdg", PARAMS, Options.empty()));
        assertTrue(e.getMessage().startsWith("unknown optimizer 'testdg'. Available: testgd. Did you mean 'testgd'? Check the spelling, "
                + "or put the jar that provides 'testdg' on the classpath."), e.getMessage());
    }

    @Test
    void anUnknownNameNamesAProviderClassThatIsNotRegisteredAndSaysHowToRegisterIt() {
        // TestGDProvider$Duplicate implements OptimizerProvider in test-classes, but no services file lists it
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("mine", PARAMS, Options.empty()));
        String m = e.getMessage();
        assertTrue(m.contains(" Found a class that implements OptimizerProvider but is not registered, so ServiceLoader cannot see it: "
                + "dev.steepest.optim.TestGDProvider$Duplicate (file:"), m);
        assertTrue(m.contains("test-classes/), whose name() is 'testgd'. Register a provider by annotating it with "
                + "@AutoService(OptimizerProvider.class)"), m);
        assertTrue(m.contains("or by adding the file META-INF/services/dev.steepest.optim.OptimizerProvider to its jar"), m);
        assertFalse(m.contains("TestGDProvider$Throwing"), "a class listed in a services file is registered (even if broken): " + m);
    }

    @Test
    void aPluginsProviderAndJarAreLoggedOnceAtInfo(@TempDir Path dir) throws Exception {
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of(Optimizers.class.getName())) {
            OptimizerRegistry registry = withServices(dir);   // a registry of its own: nothing logged yet
            registry.create("testgd", PARAMS, Options.of("lr", 0.5));
            registry.create("testgd", PARAMS, Options.of("lr", 0.25));
            records = log.records();
        }
        assertEquals(1, records.size(), "one line for two optimizers of one name: " + records);
        LogRecord r = records.get(0);
        assertEquals(Level.INFO, r.getLevel(), "a plugin's origin is what its author needs to see: INFO, not DEBUG");
        assertTrue(r.getMessage().startsWith("optimizer testgd comes from a plugin: dev.steepest.optim.TestGDProvider (file:"), r.getMessage());
        assertTrue(r.getMessage().endsWith("; options {lr=0.5, momentum=0.0, nesterov=false}"), "the first one's options: " + r.getMessage());
    }

    @Test
    void providersAreDiscoveredOncePerClassLoaderUntilReloaded() {
        OptimizerRegistry first = Optimizers.registry();
        assertSame(first, Optimizers.registry(), "a second call finds the same registry, without creating every provider again");
        OptimizerRegistry fresh = Optimizers.reload();
        assertNotSame(first, fresh);
        assertSame(fresh, Optimizers.registry());
    }

    @Test
    void fromSystemPropertiesReadsTheNameAndOptions() {
        System.setProperty("optimizer", "testgdd");
        try {
            var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromSystemProperties(PARAMS));
            assertTrue(e.getMessage().startsWith("unknown optimizer 'testgdd' (from -Doptimizer). Available: testgd."), e.getMessage());
            System.setProperty("optimizer", "testgd");
            System.setProperty("optimizer.momentum", "0.5");
            assertEquals(0.5, Optimizers.fromSystemProperties(PARAMS).paramGroups().get(0).getDouble("momentum"));
        } finally {
            System.clearProperty("optimizer");
            System.clearProperty("optimizer.momentum");
        }
        var e = assertThrows(IllegalStateException.class, () -> Optimizers.fromSystemProperties(PARAMS));
        assertEquals("no optimizer chosen: run with -Doptimizer=NAME (and options such as -Doptimizer.lr=0.01). Available: testgd",
                e.getMessage());
    }

    @Test
    void noProvidersAtAllSaysHowToAddThem() {
        OptimizerRegistry empty = OptimizerRegistry.of(ClassLoader.getPlatformClassLoader());
        var e = assertThrows(IllegalStateException.class, () -> empty.create("sgd", PARAMS, Options.empty()));
        assertEquals("no optimizer plugins found on the classpath while looking for 'sgd': add steepest-optim-plugins "
                + "(the built-in optimizers) or a plugin jar to the classpath", e.getMessage());
    }

    @Test
    void twoProvidersWithOneNameFailNamingBothAndWhereTheyCameFrom(@TempDir Path dir) throws Exception {
        OptimizerRegistry r = withServices(dir, TestGDProvider.Duplicate.class.getName());
        var e = assertThrows(IllegalStateException.class, () -> r.create("testgd", PARAMS, Options.empty()));
        assertTrue(e.getMessage().startsWith("optimizer name 'testgd' is provided 2 times: dev.steepest.optim.TestGDProvider ("), e.getMessage());
        assertTrue(e.getMessage().contains(" and dev.steepest.optim.TestGDProvider$Duplicate ("), e.getMessage());
        assertTrue(e.getMessage().contains("test-classes"), "names the folder each came from: " + e.getMessage());
        assertTrue(e.getMessage().endsWith("steepest does not pick the first one."), e.getMessage());
    }

    @Test
    void brokenProvidersAreNamedWithTheirCauseAndTheOthersStillWork(@TempDir Path dir) throws Exception {
        OptimizerRegistry r = withServices(dir, "dev.steepest.optim.NoSuchProvider", TestGDProvider.Throwing.class.getName(),
                TestGDProvider.NoDefaultConstructor.class.getName());
        List<String> problems = r.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Provider dev.steepest.optim.NoSuchProvider not found"), problems.get(0));
        assertTrue(problems.get(0).contains("(listed in "), problems.get(0));
        assertTrue(problems.get(1).startsWith("optimizer provider dev.steepest.optim.TestGDProvider$Throwing ("), problems.get(1));
        assertTrue(problems.get(1).contains("cannot start: no GPU"), problems.get(1));
        assertTrue(problems.get(2).contains("TestGDProvider$NoDefaultConstructor"), problems.get(2));
        assertEquals(0.25, r.create("testgd", PARAMS, Options.of("lr", 0.25)).paramGroups().get(0).lr(), "the good provider still works");
        var e = assertThrows(IllegalArgumentException.class, () -> r.create("other", PARAMS, Options.empty()));
        assertTrue(e.getMessage().contains("Note: 3 plugin problem(s): "), e.getMessage());
    }

    @Test
    void aDuplicatedNameIsLeftOutOfTheNamesAndReportedOnceWithBothOriginsWhileTheRestWorks(@TempDir Path dir) throws Exception {
        OptimizerRegistry r = withServices(dir, TestGDProvider.Duplicate.class.getName(), TestGDProvider.NullDescription.class.getName());
        assertEquals(List.of(), List.copyOf(r.names()), "neither testgd can be chosen, and the broken one is not offered");
        List<String> problems = r.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("optimizer name 'testgd' is provided 2 times: ")
                && p.contains("TestGDProvider$Duplicate (") && p.endsWith("Every other optimizer still works.")), problems.toString());
    }

    @Test
    void aProviderWhoseMetadataIsBrokenIsABrokenPluginNamedWithItsJar(@TempDir Path dir) throws Exception {
        OptimizerRegistry r = withServices(dir, TestGDProvider.NullDescription.class.getName(),
                TestGDProvider.ThrowingHyperparameters.class.getName());
        assertEquals(List.of("testgd"), List.copyOf(r.names()));
        List<String> problems = r.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("optimizer provider dev.steepest.optim.TestGDProvider$NullDescription (file:"), problems.get(0));
        assertTrue(problems.get(0).endsWith("could not be created: java.lang.IllegalStateException: its description() returned null"),
                problems.get(0));
        assertTrue(problems.get(1).endsWith("could not be created: java.lang.UnsupportedOperationException: not written yet"), problems.get(1));
        assertEquals("a test optimizer", r.description("testgd"));
    }
}
