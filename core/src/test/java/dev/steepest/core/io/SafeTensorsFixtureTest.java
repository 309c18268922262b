package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code fixtures/safetensors_java.safetensors}, the file written by this Java writer that
 * {@code scripts/fixtures/nn_safetensors.py} reads back and checks, equal to what the writer
 * produces today. To regenerate it (from the {@code core} folder):
 *
 * <pre>
 * mvn -o -q test -Dtest=SafeTensorsFixtureTest -Dsteepest.writeFixture=src/test/resources/fixtures/safetensors_java.safetensors
 * /usr/bin/python3 ../scripts/fixtures/nn_safetensors.py
 * </pre>
 */
class SafeTensorsFixtureTest {

    @Test
    void theCommittedJavaWrittenFileIsWhatTheWriterProducesToday() throws IOException {
        String target = System.getProperty("steepest.writeFixture");
        if (target != null) {
            SafeTensors.write(Path.of(target), SafeTensorsTest.expectedTensors(), SafeTensorsTest.METADATA);
            SafeTensors.read(Path.of(target));   // and it reads back
            return;
        }
        try (InputStream in = getClass().getResourceAsStream("/fixtures/safetensors_java.safetensors")) {
            assertNotNull(in, "fixtures/safetensors_java.safetensors is missing; regenerate it as this class's javadoc says");
            assertArrayEquals(in.readAllBytes(), SafeTensors.toBytes(SafeTensorsTest.expectedTensors(), SafeTensorsTest.METADATA));
        }
    }
}
