package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of a real checkpoint (a model's weights, Adam's moments and a run's metadata)
 * through the reader: each either loads (the mutation left a file the format allows) or is refused
 * with a {@link SafeTensorsException}; never another exception, and never more heap than a small
 * multiple of the file's size.
 */
class SafeTensorsFuzzTest {

    private static final int MUTATIONS = 600;

    static byte[] checkpoint() {
        Generator g = new Generator(3);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("model.conv.weight", Tensor.randn(g, 4, 1, 3, 3));
        tensors.put("model.conv.bias", Tensor.randn(g, 4));
        tensors.put("model.fc.weight", Tensor.randn(g, 10, 16));
        tensors.put("optimizer.state.0.exp_avg", Tensor.randn(g, 4, 1, 3, 3));
        tensors.put("optimizer.state.0.exp_avg_sq", Tensor.rand(g, 4, 1, 3, 3));
        tensors.put("scalar", Tensor.scalar(2f));
        Map<String, String> metadata = new TreeMap<>();
        metadata.put("format", "steepest-checkpoint-1");
        metadata.put("optimizer.param_groups.0.lr", "double:0.003");
        metadata.put("optimizer.state.0.step", "long:12");
        metadata.put("run.epoch", "2");
        metadata.put("run.train_loss", "0.5,0.25");
        return SafeTensors.toBytes(tensors, metadata);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void everyMutationLoadsOrIsRefusedWithSteepestsOwnException() {
        byte[] original = checkpoint();
        int headerEnd = 8 + (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int loaded = 0, refused = 0;
        for (int seed = 0; seed < MUTATIONS; seed++) {
            Random random = new Random(seed);
            byte[] mutated = mutate(original, headerEnd, random);
            long before = allocatedByThisThread();
            try {
                SafeTensors.Contents c = SafeTensors.fromBytes(mutated, "mutation " + seed);
                long values = c.tensors().values().stream().mapToLong(Tensor::numel).sum();
                assertTrue(values <= mutated.length, "mutation " + seed + ": " + values + " values from " + mutated.length + " bytes");
                loaded++;
            } catch (SafeTensorsException e) {
                assertTrue(e.getMessage().startsWith("mutation " + seed + ": "), e.getMessage());
                refused++;
            } catch (Throwable t) {
                fail("mutation " + seed + " escaped as " + t + "; bytes " + Arrays.toString(Arrays.copyOf(mutated, Math.min(64, mutated.length))), t);
            }
            long allocated = allocatedByThisThread() - before;
            assertTrue(allocated < 16L * mutated.length + (8 << 20),
                    "mutation " + seed + " allocated " + allocated + " bytes for a file of " + mutated.length);
        }
        assertTrue(loaded > 20 && refused > 200, "both outcomes are exercised: " + loaded + " loaded, " + refused + " refused");
    }

    /** One of several kinds of damage, chosen and placed by the seed. */
    static byte[] mutate(byte[] original, int headerEnd, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(8)) {
            case 0: {                                       // flip bits of a few header bytes
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) b[8 + random.nextInt(headerEnd - 8)] ^= (byte) (1 << random.nextInt(8));
                return b;
            }
            case 1: {                                       // a digit of the header becomes another digit
                int at = digitAt(b, headerEnd, random);
                if (at >= 0) b[at] = (byte) ('0' + random.nextInt(10));
                return b;
            }
            case 2:                                         // truncated anywhere
                return Arrays.copyOf(b, random.nextInt(b.length));
            case 3: {                                       // a random header length
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, random.nextBoolean() ? random.nextLong() : random.nextInt(b.length + 16));
                return b;
            }
            case 4: {                                       // bytes inserted into the header
                int at = 8 + random.nextInt(headerEnd - 8);
                byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, b.length - at);
                return out;
            }
            case 5: {                                       // one dtype becomes another
                String header = new String(b, 8, headerEnd - 8, StandardCharsets.ISO_8859_1);
                String[] dtypes = {"F64", "F16", "I64", "I32", "U8", "BOOL", "XX"};
                String changed = header.replaceFirst("\"F32\"", "\"" + dtypes[random.nextInt(dtypes.length)] + "\"");
                byte[] h = changed.getBytes(StandardCharsets.ISO_8859_1);
                byte[] out = new byte[8 + h.length + b.length - headerEnd];
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
                System.arraycopy(h, 0, out, 8, h.length);
                System.arraycopy(b, headerEnd, out, 8 + h.length, b.length - headerEnd);
                return out;
            }
            case 6: {                                       // the data's bytes changed: still a valid file
                for (int i = 0, n = 1 + random.nextInt(16); i < n; i++) b[headerEnd + random.nextInt(b.length - headerEnd)] = (byte) random.nextInt();
                return b;
            }
            default: {                                      // a header byte replaced by a random one (possibly not UTF-8)
                b[8 + random.nextInt(headerEnd - 8)] = (byte) random.nextInt();
                return b;
            }
        }
    }

    private static int digitAt(byte[] b, int headerEnd, Random random) {
        for (int tries = 0; tries < 1000; tries++) {
            int at = 8 + random.nextInt(headerEnd - 8);
            if (b[at] >= '0' && b[at] <= '9') return at;
        }
        return -1;
    }
}
