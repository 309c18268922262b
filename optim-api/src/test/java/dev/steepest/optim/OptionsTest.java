package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static IllegalArgumentException reject(Options o) {
        return assertThrows(IllegalArgumentException.class, () -> o.resolve("sgd", TestGDProvider.HYPERPARAMETERS));
    }

    @Test
    void anUnknownKeyListsTheKnownKeysAndTheClosestAndWhereItCameFrom() {
        Properties p = new Properties();
        p.setProperty("optimizer.learning_rate", "0.1");
        assertEquals("sgd: unknown option 'learning_rate' (from -Doptimizer.learning_rate). Known options: lr, momentum, nesterov."
                + " Did you mean 'lr'?", reject(Options.fromProperties(p, "optimizer.")).getMessage());
        assertEquals("sgd: unknown option 'momentun'. Known options: lr, momentum, nesterov. Did you mean 'momentum'?",
                reject(Options.of("momentun", 0.9)).getMessage());
    }

    @Test
    void aBadValueNamesKeyValueAndRange() {
        assertEquals("sgd: momentum must be in [0, 1), got 1.5", reject(Options.of("momentum", 1.5)).getMessage());
        assertEquals("sgd: lr must be in [0, inf), got -1", reject(Options.of("lr", "-1")).getMessage());
        assertEquals("sgd: lr must be a number in [0, inf), got 'abc'", reject(Options.of("lr", "abc")).getMessage());
        assertEquals("sgd: nesterov must be true or false, got 'yes'", reject(Options.of("nesterov", "yes")).getMessage());
    }

    @Test
    void resolveFillsDefaultsAndConvertsText() {
        Options o = Options.of("lr", "0.25", "nesterov", "TRUE").resolve("sgd", TestGDProvider.HYPERPARAMETERS);
        assertEquals(0.25, o.get("lr"));
        assertEquals(0.0, o.get("momentum"));
        assertEquals(Boolean.TRUE, o.get("nesterov"));
        assertEquals("{lr=0.25, momentum=0.0, nesterov=true}", o.toString());
    }
}
