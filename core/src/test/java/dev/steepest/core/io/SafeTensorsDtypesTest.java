package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's own safetensors files hold more than F32: every BatchNorm saves an I64
 * {@code num_batches_tracked}, masks are BOOL, and weights come as F64, F16 or BF16. The fixtures
 * are written by {@code scripts/fixtures/core_dtypes_safetensors.py} from PyTorch tensors (one of
 * them by the safetensors package itself); steepest reads I64 and BOOL as int64 and bool tensors,
 * exactly, and the other dtypes as float32, bit for bit what PyTorch's {@code t.float()} gives,
 * saying what it converted; and it writes int64 and bool tensors byte for byte as the reference does.
 */
class SafeTensorsDtypesTest {

    private static SafeTensors.Contents read() throws IOException {
        return SafeTensors.fromBytes(SafeTensorsTest.resource("safetensors_dtypes.safetensors"), "safetensors_dtypes.safetensors");
    }

    @Test
    void readsEveryTensorOfPyTorchsFileAsTheFloat32ValuesPyTorchConvertsItTo() throws IOException {
        SafeTensors.Contents contents = read();
        List<Fixtures.Case> cases = Fixtures.load("/fixtures/safetensors_dtypes_expected.json").cases();
        assertEquals(cases.size(), contents.tensors().size());
        for (Fixtures.Case c : cases) {
            Tensor t = contents.tensors().get(c.name());
            assertArrayEquals(c.ints("shape"), t.shape(), c.name());
            List<?> bits = (List<?>) c.raw("float_bits");
            float[] expected = new float[bits.size()];
            for (int i = 0; i < expected.length; i++) expected[i] = Float.intBitsToFloat((int) ((Double) bits.get(i)).longValue());
            float[] actual = t.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        c.name() + "[" + i + "] (" + c.string("dtype") + "): expected " + expected[i] + ", got " + actual[i]);
            }
            assertEquals(c.string("dtype").equals("I64") ? DType.INT64 : DType.FLOAT32, t.dtype(), c.name());
            if (c.string("dtype").equals("I64")) assertArrayEquals(exact(c), t.toLongArray(), c.name() + " read exactly");
        }
        assertEquals(3L, contents.tensors().get("bn.num_batches_tracked").longItem(), "three batches in train mode");
        assertEquals(-(1L << 40), contents.tensors().get("big.count").toLongArray()[1], "beyond 2^24, kept whole");
    }

    private static long[] exact(Fixtures.Case c) {
        return ((List<?>) c.raw("exact")).stream().mapToLong(v -> Long.parseLong((String) v)).toArray();
    }

    private static byte[] intBoolFile() throws IOException {
        return SafeTensorsTest.resource("safetensors_int_bool.safetensors");
    }

    @Test
    void readsTheInt64AndBoolTensorsTheReferenceWroteAsThemselves() throws IOException {
        SafeTensors.Contents contents = SafeTensors.fromBytes(intBoolFile(), "safetensors_int_bool.safetensors");
        List<Fixtures.Case> cases = Fixtures.load("/fixtures/safetensors_int_bool_expected.json").cases();
        assertEquals(cases.size(), contents.tensors().size());
        for (Fixtures.Case c : cases) {
            Tensor t = contents.tensors().get(c.name());
            assertArrayEquals(c.ints("shape"), t.shape(), c.name());
            switch (c.string("dtype")) {
                case "BOOL" -> assertEquals(DType.BOOL, t.dtype(), c.name());
                case "I64" -> assertEquals(DType.INT64, t.dtype(), c.name());
                default -> assertEquals(DType.FLOAT32, t.dtype(), c.name());
            }
            if (t.dtype() != DType.FLOAT32) assertArrayEquals(exact(c), t.toLongArray(), c.name());
        }
        assertEquals((1L << 53) + 1, contents.tensors().get("targets").toLongArray()[2], "2^53 + 1, which no double holds");
        assertEquals("tensor([[ True, False,  True],\n        [False, False,  True]])", contents.tensors().get("mask").toString());
        assertEquals(List.of(), contents.notes(), "I64 and BOOL are read as themselves: nothing converted");
    }

    @Test
    void writesInt64AndBoolTensorsByteForByteAsTheReference() throws IOException {
        SafeTensors.Contents contents = SafeTensors.fromBytes(intBoolFile(), "safetensors_int_bool.safetensors");
        assertArrayEquals(intBoolFile(), SafeTensors.toBytes(contents.tensors(), contents.metadata()),
                "the reference's layout: I64 first, then F32, then BOOL, each by name, the header in data order");
    }

    @Test
    void int64AndBoolViewsRoundTripAsTheirValues() throws IOException {
        Tensor ids = Tensor.of(new long[] {1, -2, 3, Long.MAX_VALUE, Long.MIN_VALUE, 0}, 2, 3);
        Tensor mask = Tensor.of(new boolean[] {true, false, false, true, true, false}, 2, 3);
        byte[] file = SafeTensors.toBytes(java.util.Map.of("ids", ids.t(), "mask", mask.t(), "count", Tensor.zeros(DType.INT64)), null);
        SafeTensors.Contents back = SafeTensors.fromBytes(file, "round trip");
        assertEquals(DType.INT64, back.tensors().get("ids").dtype());
        assertArrayEquals(ids.t().toLongArray(), back.tensors().get("ids").toLongArray(), "a transposed view written as its own values");
        assertEquals(DType.BOOL, back.tensors().get("mask").dtype());
        assertArrayEquals(new int[] {3, 2}, back.tensors().get("mask").shape());
        assertArrayEquals(mask.t().toLongArray(), back.tensors().get("mask").toLongArray());
        assertEquals(0L, back.tensors().get("count").longItem());
        assertEquals(8 + 8 * 6 + 6, file.length - 8 - headerLength(file), "8 bytes of count, 48 of ids, one byte per bool");
    }

    private static long headerLength(byte[] file) {
        return java.nio.ByteBuffer.wrap(file, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void aBoolByteOtherThanZeroOrOneIsRefusedNamingTheElement() throws IOException {
        byte[] file = intBoolFile().clone();
        int mask = file.length - 6;   // the last tensor in the data: mask, six bytes
        assertEquals(1, file[mask], "mask[0][0] is true");
        file[mask + 4] = 2;
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.fromBytes(file, "f"));
        assertEquals("f: tensor 'mask' is BOOL, but its element 4 is the byte 2; a BOOL is one byte, 0 (false) or 1 (true)", e.getMessage());
    }

    @Test
    void saysWhichTensorsItConvertedAndHow() throws IOException {
        List<String> notes = read().notes();
        assertEquals(List.of(
                "safetensors_dtypes.safetensors: converted 2 BF16 tensor(s) to float32 (exact): bfloat.special, bfloat.weight",
                "safetensors_dtypes.safetensors: converted 2 F16 tensor(s) to float32 (exact): half.special, half.weight",
                "safetensors_dtypes.safetensors: converted 3 F64 tensor(s) to float32 (rounded to float precision): f64.extremes, linear.bias, linear.weight"),
                notes);
        assertEquals(List.of(), SafeTensors.fromBytes(SafeTensors.toBytes(java.util.Map.of("a", Tensor.vector(1f)), null), "x").notes(),
                "steepest's own F32 files need no note");
    }

    @Test
    void aConvertedTensorWhoseByteRangeDoesNotFitItsDtypeIsStillRefused() {
        byte[] wrongWidth = MalformedSafeTensorsTest.file("{" + MalformedSafeTensorsTest.tensor("n", "I64", "[2]", "[0,8]") + "}", 8);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.fromBytes(wrongWidth, "f"));
        assertEquals("f: tensor 'n': shape [2] has 2 elements, 16 bytes of I64, but data_offsets [0, 8] hold 8 bytes", e.getMessage());
    }

    @Test
    void halfPrecisionCoversSubnormalsInfinityAndNaN() {
        assertEquals(0x1p-24f, DtypeConversion.halfToFloat((short) 0x0001), "smallest subnormal");
        assertEquals(65504f, DtypeConversion.halfToFloat((short) 0x7bff), "largest finite");
        assertEquals(Float.NEGATIVE_INFINITY, DtypeConversion.halfToFloat((short) 0xfc00));
        assertTrue(Float.isNaN(DtypeConversion.halfToFloat((short) 0x7e00)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(DtypeConversion.halfToFloat((short) 0x8000)));
        assertEquals(1f, DtypeConversion.halfToFloat((short) 0x3c00));
        assertTrue(Arrays.asList("F32", "F64", "F16", "BF16", "I64", "BOOL").containsAll(HeaderReader.READABLE_DTYPES.keySet()));
    }
}
