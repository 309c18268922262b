package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file of N bytes allocates about N bytes: the values go straight into each tensor's own
 * storage through a small buffer, not into a byte array that is then copied twice. Measured with
 * the JVM's count of bytes this thread allocated (no timing involved).
 */
class SafeTensorsMemoryTest {

    @TempDir
    Path dir;

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aFileOfNBytesIsReadWithAboutNBytesOfHeap() throws IOException {
        int n = 4 << 20;                                    // 4 M floats, a 16 MB file
        Tensor big = Tensor.zeros(n);
        big.rawData()[n - 1] = 7f;
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, Map.of("big", big), Map.of("format", "pt"));
        long size = Files.size(file);

        SafeTensors.read(file);                             // warm up: classes loaded, the parser's buffers made
        long before = allocatedByThisThread();
        SafeTensors.Contents contents = SafeTensors.read(file);
        long allocated = allocatedByThisThread() - before;

        assertEquals(7f, contents.tensors().get("big").rawData()[n - 1]);
        assertTrue(allocated < size + (1 << 20), "reading " + size + " bytes allocated " + allocated
                + " bytes; one copy (the tensor's storage) plus a small buffer is about " + size);
    }
}
