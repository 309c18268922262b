package dev.steepest.student;

import dev.steepest.optim.conformance.OptimizerConformance;
import org.junit.jupiter.api.Test;

/** The conformance kit checks my plugin: found by name, safe options, descends, saves and resumes, … */
class MineTest {

    @Test
    void passesTheConformanceKit() {
        OptimizerConformance.check("mine").assertPassed();
    }
}
