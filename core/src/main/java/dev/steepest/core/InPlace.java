package dev.steepest.core;

import java.util.Arrays;

/**
 * In-place ops, the ones optimizers update parameters with. They are not recorded: modifying a
 * tensor that requires grad while recording is on is an error (do it inside
 * {@link Autograd#noGrad()}, as PyTorch's optimizers run under {@code torch.no_grad()}). Each bumps
 * the tensor's version, so that a backward that still needs the old values fails loudly.
 */
final class InPlace {

    private InPlace() {
    }

    private static void check(String op, Tensor self) {
        if (self.requiresGrad && Autograd.isEnabled()) {
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
        if (Arrays.equals(self.shape, other.shape)) {
            return other.data;
        }
        int[] shape = Shapes.broadcast(op, self.shape, other.shape);
        if (!Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException(op + ": the argument's shape " + Shapes.toString(other.shape)
                    + " cannot be broadcast to this tensor's shape " + Shapes.toString(self.shape));
        }
        return Broadcasting.expand(other, self.shape).data;
    }

    private static Tensor done(Tensor self) {
        self.version.value++;
        return self;
    }

    static Tensor addScaled(Tensor self, Tensor other, float alpha, String op) {
        check(op, self);
        float[] x = self.data, y = operand(op, self, other);
        if (alpha == 1f) {
            for (int i = 0; i < x.length; i++) x[i] += y[i];
        } else {
            // one rounding, as PyTorch's vectorised kernel (fmadd) does
            for (int i = 0; i < x.length; i++) x[i] = Math.fma(alpha, y[i], x[i]);
        }
        return done(self);
    }

    static Tensor addScalar(Tensor self, float value, String op) {
        check(op, self);
        float[] x = self.data;
        for (int i = 0; i < x.length; i++) x[i] += value;
        return done(self);
    }

    static Tensor mul(Tensor self, Tensor other) {
        check("mul_", self);
        float[] x = self.data, y = operand("mul_", self, other);
        for (int i = 0; i < x.length; i++) x[i] *= y[i];
        return done(self);
    }

    static Tensor div(Tensor self, Tensor other) {
        check("div_", self);
        float[] x = self.data, y = operand("div_", self, other);
        for (int i = 0; i < x.length; i++) x[i] /= y[i];
        return done(self);
    }

    static Tensor mulScalar(Tensor self, float value, String op) {
        check(op, self);
        float[] x = self.data;
        for (int i = 0; i < x.length; i++) x[i] *= value;
        return done(self);
    }

    static Tensor divScalar(Tensor self, float value) {
        check("div_", self);
        float[] x = self.data;
        for (int i = 0; i < x.length; i++) x[i] /= value;
        return done(self);
    }

    static Tensor fill(Tensor self, float value, String op) {
        check(op, self);
        Arrays.fill(self.data, value);
        return done(self);
    }

    static Tensor copy(Tensor self, Tensor other) {
        check("copy_", self);
        float[] y = operand("copy_", self, other);
        System.arraycopy(y, 0, self.data, 0, self.data.length);
        return done(self);
    }

    static Tensor sqrt(Tensor self) {
        check("sqrt_", self);
        float[] x = self.data;
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sqrt(x[i]);
        return done(self);
    }

    static Tensor addcmul(Tensor self, Tensor t1, Tensor t2, float value) {
        check("addcmul_", self);
        float[] x = self.data, a = operand("addcmul_", self, t1), b = operand("addcmul_", self, t2);
        // (value·t1)·t2 + self with one rounding for the last two steps, as PyTorch's kernel computes it
        for (int i = 0; i < x.length; i++) x[i] = Math.fma(value * a[i], b[i], x[i]);
        return done(self);
    }

    static Tensor addcdiv(Tensor self, Tensor t1, Tensor t2, float value) {
        check("addcdiv_", self);
        float[] x = self.data, a = operand("addcdiv_", self, t1), b = operand("addcdiv_", self, t2);
        // self + (value·t1)/t2, rounded at each step, as PyTorch's kernel computes it
        for (int i = 0; i < x.length; i++) x[i] += value * a[i] / b[i];
        return done(self);
    }

    static Tensor maximum(Tensor self, Tensor other) {
        check("maximum_", self);
        float[] x = self.data, y = operand("maximum_", self, other);
        for (int i = 0; i < x.length; i++) x[i] = x[i] != x[i] || y[i] != y[i] ? Float.NaN : Math.max(x[i], y[i]);
        return done(self);
    }
}
