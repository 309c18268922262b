package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Student plugins that misbehave, as the student meets them in a child JVM: one that writes NaN
 * into the weights makes a diverged run (exit 1, the summary says so) rather than "100 % correct";
 * one whose name is 10,000 characters long is a broken plugin, listed once, and the rest still work.
 */
class PluginReliabilityTest {

    @TempDir
    static Path work;

    @Test
    void aPluginThatWritesNanMakesADivergedRunNotAPerfectOne() throws Exception {
        Path jar = PluginJars.fromSource(work, "nan.jar", "nan.Provider", PluginJars.plugin("nan", "nan", true, "", "p.mul_(Float.NaN);"));
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of("optimizer", "nan"), "pattern", "--out", work.resolve("o").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertFalse(r.out().contains("accuracy=100.0 %") || r.out().contains("Correct answer rate: 100.0 %"), r.out());
        assertTrue(r.out().contains("Correct answer rate: 0.0 % (the run diverged)"), r.out());
        assertTrue(r.out().contains("pattern: optimizer=nan seed=0 steps=80 final_loss=nan diverged"), r.out());
        assertEquals("pattern: the run diverged: the loss became nan at step 2 of 80, so the net has learned nothing; "
                + "try a smaller learning rate (-Doptimizer.lr)", r.failure().strip());
    }

    @Test
    void aPluginNameOfTenThousandCharactersIsABrokenPluginAndTheOthersStillWork() throws Exception {
        String name = "a".repeat(10_000);
        Path jar = PluginJars.fromSource(work, "long.jar", "longname.Provider", PluginJars.plugin("longname", name, true, "", "p.sub_(g.mul(lr));"));
        Launch.Result r = Launch.childProcess(List.of(jar), Map.of(), "optimizers");
        assertEquals(0, r.status(), r.out() + r.err());
        List<String> warnings = r.out().lines().filter(l -> l.startsWith("[warning] ")).toList();
        assertEquals(1, warnings.size(), r.out());
        assertTrue(warnings.get(0).contains("longname.Provider (file:") && warnings.get(0).endsWith("its name() must be 1 to 64 "
                + "characters of lower case [a-z0-9-], got '" + "a".repeat(64) + "…' (10000 characters)"), warnings.get(0));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("sgd - ")), r.out());
    }
}
