package dev.steepest.core;

/**
 * {@code tril} and {@code triu}: the lower or upper triangle of a matrix (of each matrix in a
 * batch [..., rows, cols]), the rest set to 0, as torch.tril and torch.triu.
 *
 * <p>{@code diagonal} moves the border: 0 is the main diagonal, +1 the one above it, −1 the one
 * below. {@code tril(d)} keeps element (i, j) where j − i ≤ d; {@code triu(d)} keeps it where
 * j − i ≥ d. A causal attention mask is {@code ones(T, T).triu(1)}: 1 where a position would look
 * at a later one.
 */
final class Triangles {

    private Triangles() {
    }

    static Tensor tril(Tensor a, int diagonal) {
        return triangle("tril", a, diagonal, true);
    }

    static Tensor triu(Tensor a, int diagonal) {
        return triangle("triu", a, diagonal, false);
    }

    private static Tensor triangle(String op, Tensor a, int diagonal, boolean lower) {
        if (a.shape.length < 2) {
            throw new IllegalArgumentException(op + ": expects a matrix or a batch of matrices (at least 2 dimensions), got shape "
                    + Shapes.toString(a.shape));
        }
        int rows = a.shape[a.shape.length - 2], cols = a.shape[a.shape.length - 1];
        Tensor y = new Tensor(keep(a.values(), rows, cols, diagonal, lower), a.shape.clone());
        if (!Tensor.recording(a)) return y;
        int[] shape = a.shape;   // the rule keeps the shape, not the tensor (Node: nothing saved, nothing held)
        // d tril(x)/dx = 1 inside the triangle, 0 outside: the gradient is cut the same way
        return Tensor.record(lower ? "TrilBackward" : "TriuBackward", y, new Tensor[] {a}, Tensor.NONE,
                g -> new Tensor[] {Tensor.freshGradient(keep(g.data, rows, cols, diagonal, lower), shape)},
                g -> new Tensor[] {triangle(op, g, diagonal, lower)});   // the same cut, recorded: its own gradient is cut again
    }

    /** A copy of x with every element outside the triangle set to 0. */
    private static float[] keep(float[] x, int rows, int cols, int diagonal, boolean lower) {
        float[] out = new float[x.length];
        for (int base = 0; base < x.length; base += rows * cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    boolean inside = lower ? j - i <= diagonal : j - i >= diagonal;
                    if (inside) out[base + i * cols + j] = x[base + i * cols + j];
                }
            }
        }
        return out;
    }
}
