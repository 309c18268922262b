package dev.steepest.examples.tutorial;

import dev.steepest.core.Tensor;

/**
 * Sine and cosine as recorded operations: the sine for the bumpy function of {@code bumps}, the
 * cosine for the book's exercise beside it (the race's Rastrigin track, shared with the grader,
 * records its own in steepest-train's {@code RaceTracks}). Core has no trigonometry; this is how a
 * student adds an op of their own: compute the forward value, then {@link Tensor#record} it with its
 * backward rule. Each rule is written with the other recorded op, so that a backward with
 * {@code createGraph} records it and the second derivative ({@code bumps}' f'') comes out right;
 * in a plain backward recording is off and the rule is an ordinary product.
 */
final class Trig {
    private Trig() {
    }

    /** @return sin(x), elementwise, recorded as SinBackward */
    // book:start sin
    static Tensor sin(Tensor x) {
        Tensor result = map(x, false);
        // d(sin x)/dx = cos x, with cos recorded too, so that the rule can be differentiated again
        return Tensor.record("SinBackward", result, new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(cos(x))});
    }
    // book:end sin

    /** @return cos(x), elementwise, recorded as CosBackward */
    static Tensor cos(Tensor x) {
        Tensor result = map(x, true);
        // d(cos x)/dx = -sin x
        return Tensor.record("CosBackward", result, new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(sin(x)).neg()});
    }

    /** A fresh tensor of sin or cos of x's values, outside the graph. */
    private static Tensor map(Tensor x, boolean cosine) {
        float[] in = x.toArray();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (cosine ? Math.cos(in[i]) : Math.sin(in[i]));
        }
        return Tensor.of(out, x.shape());
    }
}
