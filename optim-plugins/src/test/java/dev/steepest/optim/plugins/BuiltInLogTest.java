package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.LogCapture;
import dev.steepest.optim.OptimizerRegistry;
import dev.steepest.optim.Options;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** A built-in optimizer is no news: where it came from is said once, at DEBUG, which nobody sees unless they ask. */
class BuiltInLogTest {

    @Test
    void aBuiltInOptimizersOriginIsOneDebugLine() {
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of("dev.steepest.optim.Optimizers")) {
            OptimizerRegistry registry = OptimizerRegistry.of(new URLClassLoader(new URL[0], getClass().getClassLoader()));
            for (int i = 0; i < 3; i++) registry.create("adam", List.of(Tensor.zeros(2).requiresGrad(true)), Options.empty());
            records = log.records();
        }
        assertEquals(1, records.size(), "one line for three adams: " + records);
        assertEquals(Level.FINE, records.get(0).getLevel(), "System.Logger's DEBUG is java.util.logging's FINE");
        assertTrue(records.get(0).getMessage().startsWith("optimizer adam is built in: dev.steepest.optim.plugins.AdamProvider (file:"),
                records.get(0).getMessage());
    }
}
