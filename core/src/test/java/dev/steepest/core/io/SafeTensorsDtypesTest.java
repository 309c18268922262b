package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's own safetensors files hold more than F32: every BatchNorm saves an I64
 * {@code num_batches_tracked}, and weights come as F64, F16 or BF16. The fixture is written by
 * {@code scripts/fixtures/core_dtypes_safetensors.py} from PyTorch tensors; steepest reads each as
 * float32, bit for bit what PyTorch's {@code t.float()} gives, and says what it converted.
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
        }
        assertEquals(3f, contents.tensors().get("bn.num_batches_tracked").item(), "three batches in train mode");
    }

    @Test
    void saysWhichTensorsItConvertedAndHow() throws IOException {
        List<String> notes = read().notes();
        assertEquals(List.of(
                "safetensors_dtypes.safetensors: converted 2 BF16 tensor(s) to float32 (exact): bfloat.special, bfloat.weight",
                "safetensors_dtypes.safetensors: converted 2 F16 tensor(s) to float32 (exact): half.special, half.weight",
                "safetensors_dtypes.safetensors: converted 3 F64 tensor(s) to float32 (rounded to float precision): f64.extremes, linear.bias, linear.weight",
                "safetensors_dtypes.safetensors: converted 2 I64 tensor(s) to float32 (whole numbers, exact up to 2^24 = 16777216): big.count, bn.num_batches_tracked"),
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
        assertTrue(Arrays.asList("F32", "F64", "F16", "BF16", "I64").containsAll(HeaderReader.READABLE_DTYPES.keySet()));
    }
}
