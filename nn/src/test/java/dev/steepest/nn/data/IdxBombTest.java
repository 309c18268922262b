package dev.steepest.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A gzip "bomb" for {@code --data}: a small .gz IDX file whose header claims more values than the
 * heap can hold is refused by that header, before a byte of its data is read or a value allocated.
 */
class IdxBombTest {

    /** A gzip-compressed IDX file of unsigned bytes: the header claims {@code shape}, {@code zeros} zero bytes follow. */
    static byte[] gzipIdx(int[] shape, int zeros) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * shape.length);
        header.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) shape.length);
        for (int d : shape) header.putInt(d);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(header.array());
            gz.write(new byte[zeros]);
        }
        return bytes.toByteArray();
    }

    @Test
    void aHeaderClaimingMoreThanTheHeapCanHoldIsRefusedBeforeReading() throws IOException {
        byte[] bomb = gzipIdx(new int[] {200_000, 100, 100}, 1 << 20);   // claims 2e9 values; 1 MB of zeros compress to 1 KB
        assertTrue(bomb.length < 10_000, "a small file: " + bomb.length + " bytes");
        IOException e = assertThrows(IOException.class, () -> Idx.read(new ByteArrayInputStream(bomb), "train-images-idx3-ubyte.gz"));
        String m = e.getMessage();
        assertTrue(m.startsWith("train-images-idx3-ubyte.gz: its header claims shape [200000, 100, 100], 2000000000 values that need 15258 MB "
                + "as float32, more than the heap can hold ("), m);
        assertTrue(m.endsWith(" MB); give Java more memory (-Xmx) or use a smaller file"), m);
    }

    @Test
    void anHonestFileIsStillReadValueForValue() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 8 + 6);
        header.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) 2).putInt(2).putInt(3);
        header.put(new byte[] {0, 1, 2, (byte) 253, (byte) 254, (byte) 255});
        Tensor t = Idx.read(new ByteArrayInputStream(header.array()), "small");
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {0, 1, 2, 253, 254, 255}, t.toArray());
        IOException truncated = assertThrows(IOException.class, () -> Idx.read(new ByteArrayInputStream(gzipIdx(new int[] {4, 4}, 10)), "t.gz"));
        assertEquals("t.gz: shape [4, 4] needs 16 bytes of data, but the file holds only 10 (truncated?)", truncated.getMessage());
    }
}
