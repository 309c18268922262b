package dev.steepest.student;

import dev.steepest.optim.conformance.OptimizerConformance;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit checks my plugin: found by name, safe options, descends, saves and resumes, …
 * The name comes from the provider, so renaming the plugin there is all this test needs.
 */
class MineTest {

    @Test
    void passesTheConformanceKit() {
        OptimizerConformance.check(new MineProvider()).assertPassed();
    }
}
