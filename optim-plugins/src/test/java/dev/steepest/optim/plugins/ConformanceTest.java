package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.optim.Optimizers;
import dev.steepest.optim.conformance.OptimizerConformance;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Runs the conformance kit over every plugin ServiceLoader finds. */
class ConformanceTest {

    static Stream<String> plugins() {
        return Optimizers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plugins")
    void everyDiscoveredPluginPassesTheConformanceKit(String name) {
        OptimizerConformance.check(name).assertPassed();
    }

    @Test
    void allThirteenBuiltInPluginsAreDiscovered() {
        assertEquals(List.of("adagrad", "adahessian", "adam", "adamw", "lbfgs", "momentum", "nesterov", "newton", "newton-cg",
                        "rmsprop", "sgd", "simplegd", "sophia"),
                List.copyOf(Optimizers.names()));
    }
}
