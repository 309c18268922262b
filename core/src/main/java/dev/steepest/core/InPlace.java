package dev.steepest.core;

import java.util.Arrays;

/**
 * In-place ops, the ones optimizers update parameters with. They are not recorded: modifying a
 * tensor that requires grad while recording is on is an error (do it inside
 * {@link Autograd#noGrad()}, as PyTorch's optimizers run under {@code torch.no_grad()}). Each bumps
 * the tensor's version (shared with every view of its storage), so that a backward that still
 * needs the old values fails loudly.
 *
 * <p>On a view (a transpose, a select, a narrow, …) the op writes through the view's strides into
 * the storage it shares, as PyTorch's do: {@code w.select(0, 1).zero_()} zeroes row 1 of {@code w}.
 * A view's values are worked on in a dense copy ({@code values()}) and written back ({@link #done});
 * a dense tensor's storage is worked on directly.
 */
final class InPlace {

    private InPlace() {
    }

    private static void check(String op, Tensor self) {
        if (self.requiresGrad && Autograd.isEnabled()) {
            if (self.base != null && self.base.gradFn == null && self.base.requiresGrad) {
                throw new IllegalStateException(op + ": a view of a leaf tensor that requires grad (this view has shape "
                        + Shapes.toString(self.shape) + ", the leaf " + Shapes.toString(self.base.shape) + ", and was made by "
                        + self.gradFn.name + ") is being used in an in-place operation while gradients are recorded. Do it inside "
                        + "try (var off = Autograd.noGrad()) { ... }, as PyTorch's initialisation code does under torch.no_grad().");
            }
            if (self.gradFn == null) {
                throw new IllegalStateException(op + ": a leaf tensor that requires grad (shape " + Shapes.toString(self.shape)
                        + ") is being modified in place while gradients are recorded. Do the update inside "
                        + "try (var off = Autograd.noGrad()) { ... }, as PyTorch's optimizers do under @torch.no_grad().");
            }
            throw new IllegalStateException(op + ": this tensor was made by " + self.gradFn.name
                    + " and is part of the graph; steepest does not record in-place ops. Use the out-of-place op instead.");
        }
    }

    private static float[] operand(String op, Tensor self, Tensor other) {
        Shapes.notNull(op, "the argument", other);
        if (other.requiresGrad && Autograd.isEnabled()) {
            throw new IllegalStateException(op + ": the argument requires grad, but in-place ops are not recorded; "
                    + "use the out-of-place op, or detach() the argument, or work inside Autograd.noGrad()");
        }
        return broadcastToSelf(op, self, other).values();
    }

    /** {@code other} broadcast to {@code self}'s shape (itself when the shapes are equal), or the refusal naming both shapes. */
    private static Tensor broadcastToSelf(String op, Tensor self, Tensor other) {
        if (Arrays.equals(self.shape, other.shape)) {
            return other;
        }
        int[] shape = Shapes.broadcast(op, self.shape, other.shape);
        if (!Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException(op + ": the argument's shape " + Shapes.toString(other.shape)
                    + " cannot be broadcast to this tensor's shape " + Shapes.toString(self.shape));
        }
        return Broadcasting.expand(other, self.shape);
    }

    /** Writes a view's worked-on values back through its strides and bumps the version of the storage. */
    private static Tensor done(Tensor self, float[] x) {
        if (!self.dense) Strides.scatter(x, self.data, self.offset, self.shape, self.stride);
        self.version.value++;
        return self;
    }

    static Tensor addScaled(Tensor self, Tensor other, float alpha, String op) {
        check(op, self);
        float[] x = self.values(), y = operand(op, self, other);
        if (alpha == 1f) {
            for (int i = 0; i < x.length; i++) x[i] += y[i];
        } else {
            // one rounding, as PyTorch's vectorised kernel (fmadd) does
            for (int i = 0; i < x.length; i++) x[i] = Math.fma(alpha, y[i], x[i]);
        }
        return done(self, x);
    }

    static Tensor addScalar(Tensor self, float value, String op) {
        check(op, self);
        float[] x = self.values();
        for (int i = 0; i < x.length; i++) x[i] += value;
        return done(self, x);
    }

    static Tensor mul(Tensor self, Tensor other) {
        check("mul_", self);
        float[] x = self.values(), y = operand("mul_", self, other);
        for (int i = 0; i < x.length; i++) x[i] *= y[i];
        return done(self, x);
    }

    static Tensor div(Tensor self, Tensor other) {
        check("div_", self);
        float[] x = self.values(), y = operand("div_", self, other);
        for (int i = 0; i < x.length; i++) x[i] /= y[i];
        return done(self, x);
    }

    static Tensor mulScalar(Tensor self, float value, String op) {
        check(op, self);
        float[] x = self.values();
        for (int i = 0; i < x.length; i++) x[i] *= value;
        return done(self, x);
    }

    static Tensor divScalar(Tensor self, float value) {
        check("div_", self);
        float[] x = self.values();
        for (int i = 0; i < x.length; i++) x[i] /= value;
        return done(self, x);
    }

    static Tensor fill(Tensor self, float value, String op) {
        check(op, self);
        float[] x = self.dense ? self.data : new float[self.numel];
        Arrays.fill(x, value);
        return done(self, x);
    }

    /**
     * Copies {@code other}'s values (broadcast to this shape) into {@code self}, converting them to
     * {@code self}'s dtype as PyTorch's copy_ does: into float32 an int64 or bool is read as a number,
     * into int64 a float drops its fraction, into bool every non-zero value is true.
     */
    static Tensor copy(Tensor self, Tensor other) {
        check("copy_", self);
        if (self.dtype != DType.FLOAT32) {
            Shapes.notNull("copy_", "the argument", other);
            long[] y = broadcastToSelf("copy_", self, other.to(self.dtype)).longValues();
            if (self.dense) System.arraycopy(y, 0, self.ints, 0, y.length);
            else Strides.scatter(y, self.ints, self.offset, self.shape, self.stride);
            self.version.value++;
            return self;
        }
        float[] y = operand("copy_", self, DTypes.promoted(other, self));
        float[] x = self.dense ? self.data : new float[self.numel];
        System.arraycopy(y, 0, x, 0, x.length);
        return done(self, x);
    }

    static Tensor sqrt(Tensor self) {
        check("sqrt_", self);
        float[] x = self.values();
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sqrt(x[i]);
        return done(self, x);
    }

    static Tensor addcmul(Tensor self, Tensor t1, Tensor t2, float value) {
        check("addcmul_", self);
        float[] x = self.values(), a = operand("addcmul_", self, t1), b = operand("addcmul_", self, t2);
        // (value·t1)·t2 + self with one rounding for the last two steps, as PyTorch's kernel computes it
        for (int i = 0; i < x.length; i++) x[i] = Math.fma(value * a[i], b[i], x[i]);
        return done(self, x);
    }

    static Tensor addcdiv(Tensor self, Tensor t1, Tensor t2, float value) {
        check("addcdiv_", self);
        float[] x = self.values(), a = operand("addcdiv_", self, t1), b = operand("addcdiv_", self, t2);
        // self + (value·t1)/t2, rounded at each step, as PyTorch's kernel computes it
        for (int i = 0; i < x.length; i++) x[i] += value * a[i] / b[i];
        return done(self, x);
    }

    static Tensor maximum(Tensor self, Tensor other) {
        check("maximum_", self);
        float[] x = self.values(), y = operand("maximum_", self, other);
        for (int i = 0; i < x.length; i++) x[i] = x[i] != x[i] || y[i] != y[i] ? Float.NaN : Math.max(x[i], y[i]);
        return done(self, x);
    }
}
