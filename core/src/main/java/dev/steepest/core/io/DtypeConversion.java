package dev.steepest.core.io;

import dev.steepest.core.DType;
import java.nio.ByteBuffer;

/**
 * Turns the little-endian values of a safetensors dtype into those of the steepest dtype that holds
 * them: F32 as is; F64 rounded to the nearest float (beyond ±3.4e38 it becomes ±inf), F16 and BF16
 * widened exactly, as PyTorch's {@code t.float()} does; I64 and BOOL as themselves, into int64 and
 * bool tensors. PyTorch's own files hold I64 ({@code num_batches_tracked}) and often F16 or BF16
 * weights.
 */
final class DtypeConversion {

    private DtypeConversion() {
    }

    /** The steepest dtype that holds a tensor of the file's {@code dtype}. */
    static DType heldAs(String dtype) {
        switch (dtype) {
            case "I64": return DType.INT64;
            case "BOOL": return DType.BOOL;
            default: return DType.FLOAT32;
        }
    }

    /** Whether reading {@code dtype} converts its values (to float32), which the reader notes. */
    static boolean converted(String dtype) {
        return !dtype.equals("F32") && heldAs(dtype) == DType.FLOAT32;
    }

    /**
     * Reads every whole I64 or BOOL value left in {@code bytes} into {@code out} from {@code offset};
     * a BOOL byte other than 0 or 1 is refused, naming the tensor and the element, as the reference's
     * readers (Rust's bool, numpy's) leave such a byte undefined.
     *
     * @return how many values were written
     */
    static int integers(String source, HeaderReader.Entry entry, ByteBuffer bytes, long[] out, int offset) throws SafeTensorsException {
        int n = 0;
        if (entry.dtype().equals("I64")) {
            while (bytes.remaining() >= 8) out[offset + n++] = bytes.getLong();
            return n;
        }
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b != 0 && b != 1) {
                throw new SafeTensorsException(source, "tensor '" + entry.name() + "' is BOOL, but its element " + (offset + n)
                        + " is the byte " + (b & 0xff) + "; a BOOL is one byte, 0 (false) or 1 (true)");
            }
            out[offset + n++] = b;
        }
        return n;
    }

    /**
     * Converts every whole value left in {@code bytes} into {@code out} starting at {@code offset}.
     *
     * @return how many values were written
     */
    static int convert(String dtype, ByteBuffer bytes, float[] out, int offset) {
        int n = 0;
        switch (dtype) {
            case "F32":
                n = bytes.remaining() / 4;
                bytes.asFloatBuffer().get(out, offset, n);
                bytes.position(bytes.position() + 4 * n);
                return n;
            case "F64":
                while (bytes.remaining() >= 8) out[offset + n++] = (float) bytes.getDouble();
                return n;
            case "BF16":
                while (bytes.remaining() >= 2) out[offset + n++] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
                return n;
            case "F16":
                while (bytes.remaining() >= 2) out[offset + n++] = halfToFloat(bytes.getShort());
                return n;
            default:
                throw new IllegalStateException("DtypeConversion: " + dtype + " passed the header check but has no conversion");
        }
    }

    /** What converting from {@code dtype} to float32 does to the values, for the reader's note. */
    static String whatChanges(String dtype) {
        switch (dtype) {
            case "F64": return "rounded to float precision";
            default: return "exact";
        }
    }

    /** IEEE 754 binary16 to float: sign, 5-bit exponent (bias 15), 10-bit fraction; subnormals, inf and NaN kept. */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));       // inf or NaN
        }
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f;                                    // zero or subnormal: fraction · 2^-24
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }
}
