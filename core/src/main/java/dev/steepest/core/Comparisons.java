package dev.steepest.core;

/**
 * Comparisons that give masks, and {@code where} and {@code maskedFill}, which choose by a mask.
 *
 * <p>{@code eq}, {@code ne}, {@code lt}, {@code le}, {@code gt}, {@code ge} compare with a tensor
 * (broadcasting) or a number and return a bool tensor, true where the comparison holds, as PyTorch.
 * Two int64 (or bool) tensors are compared exactly as integers; an int64 beside a float32 is read as
 * float32, as PyTorch promotes. A mask is not differentiable: it is never recorded. Comparisons with
 * NaN are false, except {@code ne}, as in IEEE 754.
 *
 * <p>{@code where(condition, a, b)} takes {@code a} where the bool condition is true and {@code b}
 * elsewhere (torch.where); {@code x.maskedFill(mask, v)} is {@code where(mask, v, x)}. The gradient
 * flows to whichever side was taken. A float32 condition is refused, as PyTorch refuses it.
 *
 * <p>{@code logicalNot}, {@code logicalAnd}, {@code logicalOr} and {@code logicalXor} read any
 * dtype as true where non-zero and give bool, as torch.logical_not/and/or/xor (and, for bool masks,
 * PyTorch's {@code ~}, {@code &}, {@code |}, {@code ^}).
 */
final class Comparisons {

    static final int EQ = 0, NE = 1, LT = 2, LE = 3, GT = 4, GE = 5;
    private static final String[] NAMES = {"eq", "ne", "lt", "le", "gt", "ge"};

    private Comparisons() {
    }

    static Tensor compare(Tensor a, Tensor b, int code) {
        String op = NAMES[code];
        Shapes.notNull(op, "the other tensor", b);
        int[] shape = Shapes.broadcast(op, a.shape, b.shape);
        long[] out = new long[Shapes.numel(shape)];
        if (a.dtype != DType.FLOAT32 && b.dtype != DType.FLOAT32) {
            long[] x = Broadcasting.expand(a, shape).longValues(), y = Broadcasting.expand(b, shape).longValues();
            for (int i = 0; i < out.length; i++) out[i] = holds(code, Long.compare(x[i], y[i])) ? 1 : 0;
        } else {
            float[] x = Broadcasting.expand(a.toFloat(), shape).values(), y = Broadcasting.expand(b.toFloat(), shape).values();
            for (int i = 0; i < out.length; i++) out[i] = holds(code, x[i], y[i]) ? 1 : 0;
        }
        return new Tensor(out, shape.clone(), DType.BOOL);
    }

    static Tensor compare(Tensor a, float value, int code) {
        long[] out = new long[a.numel];
        if (a.dtype == DType.FLOAT32) {
            float[] x = a.values();
            for (int i = 0; i < out.length; i++) out[i] = holds(code, x[i], value) ? 1 : 0;
        } else {
            long[] x = a.longValues();   // compared as numbers, so that 3 == 3.0 and 3 < 3.5
            for (int i = 0; i < out.length; i++) out[i] = holds(code, (double) x[i], value) ? 1 : 0;
        }
        return new Tensor(out, a.shape.clone(), DType.BOOL);
    }

    private static boolean holds(int code, double x, double y) {
        switch (code) {
            case EQ: return x == y;
            case NE: return x != y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            default: return x >= y;
        }
    }

    /** Whether the comparison holds for integers whose {@code Long.compare} is {@code c}. */
    private static boolean holds(int code, int c) {
        switch (code) {
            case EQ: return c == 0;
            case NE: return c != 0;
            case LT: return c < 0;
            case LE: return c <= 0;
            case GT: return c > 0;
            default: return c >= 0;
        }
    }

    static final int AND = 0, OR = 1, XOR = 2;

    /** The truth of each element (non-zero is true, NaN included) combined by {@code code}; a bool tensor of the broadcast shape. */
    static Tensor logical(String op, Tensor a, Tensor b, int code) {
        Shapes.notNull(op, "the other tensor", b);
        int[] shape = Shapes.broadcast(op, a.shape, b.shape);
        long[] x = Broadcasting.expand(a.toBool(), shape).longValues(), y = Broadcasting.expand(b.toBool(), shape).longValues();
        long[] out = new long[x.length];
        for (int i = 0; i < out.length; i++) out[i] = code == AND ? x[i] & y[i] : code == OR ? x[i] | y[i] : x[i] ^ y[i];
        return new Tensor(out, shape.clone(), DType.BOOL);
    }

    /** a where condition is true, else b; the three broadcast together. */
    static Tensor where(Tensor condition, Tensor a0, Tensor b0) {
        return where("where", condition, a0, b0);
    }

    /** {@code x} with {@code value} where {@code mask} is true: {@code where(mask, value, x)}, the two broadcast together as PyTorch's out-of-place masked_fill. */
    static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        return where("maskedFill", mask, Tensor.scalar(value), x);
    }

    private static Tensor where(String op, Tensor condition, Tensor a0, Tensor b0) {
        DTypes.bool(op, op.equals("where") ? "condition" : "mask", condition);
        Shapes.notNull(op, "input", a0);
        Shapes.notNull(op, "other", b0);
        Tensor a = DTypes.promoted(a0, b0), b = DTypes.promoted(b0, a0);
        int[] shape = Shapes.broadcast(op, Shapes.broadcast(op, condition.shape, a.shape), b.shape);
        long[] c = Broadcasting.expand(condition, shape).longValues();
        float[] x = Broadcasting.expand(a, shape).values(), y = Broadcasting.expand(b, shape).values();
        float[] out = new float[c.length];
        for (int i = 0; i < out.length; i++) out[i] = c[i] != 0 ? x[i] : y[i];
        Tensor result = new Tensor(out, shape.clone());
        if (!Tensor.recording(a, b)) return result;
        // d out/d a = 1 where the condition holds, d out/d b = 1 where it does not
        return Tensor.record(op.equals("where") ? "WhereBackward" : "MaskedFillBackward", result, new Tensor[] {a, b}, new Tensor[] {condition}, g -> {
            float[] ga = new float[c.length], gb = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0) ga[i] = g.data[i];
                else gb[i] = g.data[i];
            }
            return new Tensor[] {
                a.requiresGrad ? Broadcasting.sumTo(new Tensor(ga, shape), a.shape) : null,
                b.requiresGrad ? Broadcasting.sumTo(new Tensor(gb, shape), b.shape) : null};
        }, g -> new Tensor[] {   // the same choice made by where itself, recorded
            a.requiresGrad ? Broadcasting.reduceTo(where(condition, g, Tensor.scalar(0f)), a.shape) : null,
            b.requiresGrad ? Broadcasting.reduceTo(where(condition, Tensor.scalar(0f), g), b.shape) : null});
    }
}
