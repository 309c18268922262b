package dev.steepest.core;

/**
 * Comparisons that give masks, and {@code where}, which chooses by a mask.
 *
 * <p>{@code eq}, {@code ne}, {@code lt}, {@code le}, {@code gt}, {@code ge} compare with a tensor
 * (broadcasting) or a number and return 1 where the comparison holds and 0 where it does not, as
 * floats (PyTorch returns a bool tensor; steepest has only float32). A mask is not differentiable:
 * it is never recorded. Comparisons with NaN are false, except {@code ne}, as in IEEE 754.
 *
 * <p>{@code where(condition, a, b)} takes {@code a} where the condition is non-zero and {@code b}
 * elsewhere (torch.where); the gradient flows to whichever side was taken.
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
        float[] x = Broadcasting.expand(a, shape).values(), y = Broadcasting.expand(b, shape).values();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = holds(code, x[i], y[i]) ? 1f : 0f;
        return new Tensor(out, shape.clone());
    }

    static Tensor compare(Tensor a, float value, int code) {
        float[] x = a.values(), out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = holds(code, x[i], value) ? 1f : 0f;
        return new Tensor(out, a.shape.clone());
    }

    private static boolean holds(int code, float x, float y) {
        switch (code) {
            case EQ: return x == y;
            case NE: return x != y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            default: return x >= y;
        }
    }

    /** a where condition ≠ 0, else b; the three broadcast together. */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shapes.notNull("where", "condition", condition);
        Shapes.notNull("where", "input", a);
        Shapes.notNull("where", "other", b);
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", condition.shape, a.shape), b.shape);
        float[] c = Broadcasting.expand(condition, shape).values();
        float[] x = Broadcasting.expand(a, shape).values(), y = Broadcasting.expand(b, shape).values();
        float[] out = new float[c.length];
        for (int i = 0; i < out.length; i++) out[i] = c[i] != 0f ? x[i] : y[i];
        Tensor result = new Tensor(out, shape.clone());
        if (!Tensor.recording(a, b)) return result;
        // d out/d a = 1 where the condition holds, d out/d b = 1 where it does not
        return Tensor.recordFirstOrder("WhereBackward", result, new Tensor[] {a, b}, new Tensor[] {condition}, g -> {
            float[] ga = new float[c.length], gb = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0f) ga[i] = g.data[i];
                else gb[i] = g.data[i];
            }
            return new Tensor[] {
                a.requiresGrad ? Broadcasting.sumTo(new Tensor(ga, shape), a.shape) : null,
                b.requiresGrad ? Broadcasting.sumTo(new Tensor(gb, shape), b.shape) : null};
        });
    }
}
