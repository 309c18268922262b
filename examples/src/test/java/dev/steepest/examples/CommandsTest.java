package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code optimizers} and {@code conformance} commands. */
class CommandsTest {

    @Test
    void optimizersListsEveryBuiltInPluginWithItsHyperparametersAndDefaults() {
        Launch.Result r = Launch.inProcess(Map.of(), "optimizers");
        assertEquals(0, r.status(), r.err());
        for (String name : Launch.BUILT_IN) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " - ")), name + "\n" + r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+momentum\\s+0\\.0\\s+\\[0, 1\\).*")), "sgd's momentum, default and range:\n" + r.out());
    }

    @Test
    void conformanceChecksTheChosenOptimizerAndAnUnknownNameIsBadInput() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "momentum"), "conformance");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("conformance: momentum passed every check"), r.out());
        assertTrue(r.out().contains("PASS descends a convex quadratic"), r.out());

        Launch.Result unknown = Launch.inProcess(Map.of("optimizer", "momentun"), "conformance");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("Did you mean 'momentum'?"), unknown.err());
    }
}
