package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file of N bytes allocates about N bytes: the values go straight into each tensor's own
 * storage through a small buffer, not into a byte array that is then copied twice; and what each
 * tensor costs besides its values is charged against the file's data, so a header of many empty
 * tensors is refused instead of costing many times the file. Measured with the JVM's count of
 * bytes this thread allocated (no timing involved).
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

    /** A file of {@code n} empty float32 tensors named 0, 1, … in base 36, and no data: about 54 bytes of header each. */
    private Path emptyTensors(int n) throws IOException {
        StringBuilder header = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            header.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        header.append('}');
        while (header.length() % 8 != 0) header.append(' ');
        byte[] bytes = header.toString().getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(n + "-empty.safetensors");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length).array());
            out.write(bytes);
        }
        return file;
    }

    @Test
    void eachTensorsCostIsChargedAgainstTheFilesDataAndStaysWithinIt() throws IOException {
        int n = (int) ((1 << 20) / HeaderReader.BYTES_PER_TENSOR);   // as many empty tensors as the 1 MB allowance pays for
        Path file = emptyTensors(n);
        long size = Files.size(file);
        SafeTensors.read(file);
        long before = allocatedByThisThread();
        SafeTensors.Contents contents = SafeTensors.read(file);
        long allocated = allocatedByThisThread() - before;

        assertEquals(n, contents.tensors().size());
        long bound = 2 * size + n * HeaderReader.BYTES_PER_TENSOR;   // the README's bound: twice the header, no values, the charge
        assertTrue(allocated <= bound, "reading " + n + " empty tensors (" + size + " bytes) allocated " + allocated
                + " bytes, more than the " + bound + " charged (" + allocated / n + " bytes a tensor)");
    }

    @Test
    void aHeaderOfManyEmptyTensorsIsRefusedBeforeItCostsMoreThanItsSize() throws IOException {
        Path file = emptyTensors(100_000);                            // 5.5 MB of header; unchecked it cost 22 bytes of heap a byte
        long size = Files.size(file);
        long before = allocatedByThisThread();
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
        long allocated = allocatedByThisThread() - before;

        assertEquals(file + ": the header describes more than 1638 tensors; holding each costs about 640 bytes of heap besides its values,"
                + " and that cost may not exceed the file's 0 bytes of data plus 1048576 (so at most 1638 tensors here);"
                + " a file of many empty or tiny tensors is refused to keep reading within memory", e.getMessage());
        assertTrue(allocated < size + (2 << 20), "refusing a " + size + "-byte header allocated " + allocated + " bytes");
    }
}
