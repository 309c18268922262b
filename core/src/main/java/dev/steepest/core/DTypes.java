package dev.steepest.core;

import java.util.Optional;

/**
 * Conversions between float32, int64 and bool tensors ({@link Tensor#to(DType)}), and the checks
 * that say, by op, when a tensor of the wrong type arrives: a float32 tensor where an index or a
 * mask belongs, an int64 or bool tensor where arithmetic needs float32.
 */
final class DTypes {

    private DTypes() {
    }

    static Tensor convert(Tensor t, DType to) {
        if (to == null) throw new IllegalArgumentException("to: dtype is null; pass DType.FLOAT32, DType.INT64 or DType.BOOL");
        if (t.dtype == to) return t;
        int[] shape = t.shape.clone();
        if (to == DType.FLOAT32) return new Tensor(floats(t.longValues()), shape);
        long[] out;
        if (t.dtype == DType.FLOAT32) {
            float[] x = t.values();
            out = new long[x.length];
            // to int64 drops the fraction, as C's cast; to bool, every non-zero value (NaN included) is true
            for (int i = 0; i < x.length; i++) out[i] = to == DType.INT64 ? (long) x[i] : (x[i] != 0f ? 1 : 0);
        } else {
            long[] x = t.longValues();
            out = new long[x.length];
            for (int i = 0; i < x.length; i++) out[i] = to == DType.INT64 ? x[i] : (x[i] != 0 ? 1 : 0);
        }
        return new Tensor(out, shape, to);
    }

    static float[] floats(long[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i];
        return out;
    }

    static long[] longs(boolean[] x) {
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] ? 1 : 0;
        return out;
    }

    /** The storage element {@code at} as a float. */
    static float asFloat(Tensor t, int at) {
        return t.data != null ? t.data[at] : t.ints[at];
    }

    /** The float32 operand of a binary op with a float32 tensor, as PyTorch promotes: {@code t} converted when it is int64 or bool and {@code other} is float32. */
    static Tensor promoted(Tensor t, Tensor other) {
        return t.dtype != DType.FLOAT32 && other != null && other.dtype == DType.FLOAT32 ? convert(t, DType.FLOAT32) : t;
    }

    /**
     * The refusal of an int64 or bool tensor by an op that computes in float32, naming the op the
     * caller called (the outermost {@code Tensor} method on the stack, found only on this error path).
     */
    static IllegalArgumentException notFloat(Tensor t) {
        Optional<String> op = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass() == Tensor.class && !f.getMethodName().equals("values"))
                .reduce((inner, outer) -> outer)
                .map(StackWalker.StackFrame::getMethodName));
        return notFloat(op.orElse("this op"), t);
    }

    static IllegalArgumentException notFloat(String op, Tensor t) {
        return new IllegalArgumentException(op + ": needs float32 values, got " + (t.dtype == DType.INT64 ? "an " : "a ") + t.dtype
                + " tensor (shape " + Shapes.toString(t.shape) + "); steepest does arithmetic in float32 only: convert it with toFloat() first");
    }

    /** Refuses subtraction with a bool tensor, as PyTorch does (it is not the inversion of a mask). */
    static void noBoolSubtraction(Tensor a, Tensor b) {
        if (a.dtype == DType.BOOL || b.dtype == DType.BOOL) {
            throw new IllegalArgumentException("sub: subtracting a bool tensor is not supported, as in PyTorch; to invert a mask use"
                    + " mask.eq(0f), to subtract 0 or 1 convert it with toFloat()");
        }
    }

    /** Refuses a float32 tensor where an int64 or bool one is read (returns nothing: it always throws). */
    static long notInteger(String op, Tensor t) {
        throw new IllegalArgumentException(op + ": needs an int64 or bool tensor, got " + t.dtype + " (shape " + Shapes.toString(t.shape)
                + "); use toLong() first, or toArray() for floats");
    }

    /**
     * {@code index} if it is int64; else the refusal every index-taking op gives, with PyTorch's rule
     * and the fix: {@code gather: index must be int64, got float32 (shape [3, 1]); use index.toLong()}.
     */
    static Tensor int64(String op, String name, Tensor index) {
        return required(op, name, index, DType.INT64, "use " + name + ".toLong()");
    }

    /** {@code mask} if it is bool; else the refusal, naming the op and the fix. */
    static Tensor bool(String op, String name, Tensor mask) {
        return required(op, name, mask, DType.BOOL, "use a comparison such as x.gt(0), or " + name + ".toBool() for non-zero as true");
    }

    private static Tensor required(String op, String name, Tensor t, DType dtype, String fix) {
        Shapes.notNull(op, name, t);
        if (t.dtype != dtype) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + dtype + ", got " + t.dtype + " (shape "
                    + Shapes.toString(t.shape) + "); " + fix);
        }
        return t;
    }
}
