package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading safetensors: round trips, the Python-written fixture, byte compatibility, atomic saves. */
class SafeTensorsTest {

    @TempDir
    Path dir;

    /** The tensors of scripts/fixtures/nn_safetensors.py, read from its JSON. */
    static Map<String, Tensor> expectedTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Fixtures.Case c : Fixtures.load("/fixtures/safetensors_expected.json").cases()) {
            if (!c.name().equals("__metadata__")) out.put(c.name(), c.tensor("value"));
        }
        return out;
    }

    static final Map<String, String> METADATA = Map.of("format", "pt", "note", "written from the specification");

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SafeTensorsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheFileWrittenByPythonFromTheSpecification() throws IOException {
        SafeTensors.Contents c = SafeTensors.fromBytes(resource("safetensors_python.safetensors"), "safetensors_python.safetensors");
        Map<String, Tensor> expected = expectedTensors();
        assertEquals(expected.keySet(), c.tensors().keySet());
        expected.forEach((name, t) -> {
            assertArrayEquals(t.shape(), c.tensors().get(name).shape(), name);
            assertArrayEquals(t.toArray(), c.tensors().get(name).toArray(), name);
        });
        assertEquals(METADATA, c.metadata());
    }

    @Test
    void writesTheSameBytesAsTheReferenceLayout() throws IOException {
        assertArrayEquals(resource("safetensors_python.safetensors"), SafeTensors.toBytes(expectedTensors(), METADATA));
    }

    @Test
    void roundTripsThroughAFileKeepingValuesShapesAndMetadata() throws IOException {
        Generator g = new Generator(1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.last", Tensor.randn(g, 3, 4, 5));
        tensors.put("a.first", Tensor.scalar(-0f));
        tensors.put("m.nan", Tensor.vector(Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE));
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, Map.of("epoch", "3"));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of("a.first", "m.nan", "z.last"), List.copyOf(c.tensors().keySet()), "sorted by name, as the reference writes");
        tensors.forEach((k, t) -> assertArrayEquals(t.toArray(), c.tensors().get(k).toArray(), k));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(c.tensors().get("a.first").item()), "bits are kept exactly");
        assertEquals(Map.of("epoch", "3"), c.metadata());
        long headerLength = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to a multiple of 8");
        assertEquals(Files.size(file), 8 + headerLength + 4 * (60 + 1 + 3), "nothing but header and data");
    }

    @Test
    void escapesNamesAsJson() throws IOException {
        Map<String, Tensor> tensors = Map.of("quote\"back\\slash\nnewline\u0001é", Tensor.vector(1f));
        byte[] bytes = SafeTensors.toBytes(tensors, Map.of());
        String header = new String(bytes, 8, bytes.length - 12, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"quote\\\"back\\\\slash\\nnewline\\u0001é\":{"), header);
        assertEquals(tensors.keySet(), SafeTensors.fromBytes(bytes, "mem").tensors().keySet());
    }

    @Test
    void writerRejectsBadArgumentsBeforeTouchingTheFile() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.ones(2)), Map.of());
        byte[] before = Files.readAllBytes(file);
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
        assertEquals("SafeTensors.write: tensor 'w' is null",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, withNull, null)).getMessage());
        assertEquals("SafeTensors.write: tensor name '__metadata__' is not allowed; use a non-empty name other than __metadata__",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, Map.of("__metadata__", Tensor.ones(1)), null)).getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aSaveInterruptedBeforeTheRenameLeavesTheOldCheckpointIntact() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.full(1f, 4)), Map.of("step", "1"));
        byte[] before = Files.readAllBytes(file);
        Map<String, Tensor> bigger = Map.of("w", Tensor.full(2f, 100_000));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            SafeTensors.writeTo(out, bigger, Map.of("step", "2"));   // most of the new file is written…
            throw new IOException("simulated crash before the rename");
        }));
        assertEquals("simulated crash before the rename", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the old checkpoint is untouched");
        assertEquals(Map.of("step", "1"), SafeTensors.read(file).metadata());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file is removed");
        }
        SafeTensors.write(file, bigger, Map.of("step", "2"));
        assertEquals(100_000, SafeTensors.read(file).tensors().get("w").numel(), "a completed save replaces it");
    }

    @Test
    void aSavedFileGetsOrdinaryPermissionsNotATempFilesOwnerOnlyOnes() throws IOException {
        Path file = dir.resolve("shared.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.ones(1)), null);
        Path plain = Files.createFile(dir.resolve("plain"));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void readingAMissingFileSaysSo() {
        Path missing = dir.resolve("nope.safetensors");
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
