package dev.steepest.core.io;

import java.nio.ByteBuffer;

/**
 * Turns the little-endian values of a safetensors dtype into float32, the one type steepest holds:
 * F32 as is, F64 rounded to the nearest float (beyond ±3.4e38 it becomes ±inf), F16 and BF16
 * widened exactly, I64 rounded to the nearest float (exact up to 2^24 = 16777216), as PyTorch's
 * {@code t.float()} does. PyTorch's own files hold I64 ({@code num_batches_tracked}) and often
 * F16 or BF16 weights.
 */
final class DtypeConversion {

    private DtypeConversion() {
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
            case "I64":
                while (bytes.remaining() >= 8) out[offset + n++] = (float) bytes.getLong();
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
            case "I64": return "whole numbers, exact up to 2^24 = 16777216";
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
