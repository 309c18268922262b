package dev.steepest.core.kernels;

import java.util.Random;

/**
 * Prints the bits of {@link VectorMath}'s tanh, sigmoid, GELU and GELU gradient over fixed values,
 * one hexadecimal word a line: VectorMathTest runs it in a child JVM with {@code -Xint}, where no
 * loop is ever compiled, and compares with the same values computed in its own JVM after the JIT
 * has compiled them.
 */
public final class VectorMathBits {

    static final int N = 4096;

    private VectorMathBits() {
    }

    /** The inputs: wide Gaussians with the special values first. */
    static float[] inputs() {
        Random random = new Random(11);
        float[] x = new float[N];
        for (int i = 0; i < N; i++) x[i] = (float) (random.nextGaussian() * (i % 3 == 0 ? 30 : 2));
        float[] special = {0f, -0f, 1e-30f, -1e-8f, 0.6249f, 0.6251f, -88f, -100f, 104f, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
        System.arraycopy(special, 0, x, 0, special.length);
        return x;
    }

    /** Every kernel's outputs over {@link #inputs()}, one after the other. */
    static int[] bits() {
        float[] x = inputs();
        float[] tanh = new float[N], sigmoid = new float[N], gelu = new float[N], cdf = new float[N], grad = new float[N];
        VectorMath.tanh(x, tanh, N);
        VectorMath.sigmoid(x, sigmoid, N);
        VectorMath.gelu(x, gelu, cdf, 0, N);
        VectorMath.geluBackward(x, cdf, tanh, grad, 0, N);
        int[] out = new int[5 * N];
        float[][] all = {tanh, sigmoid, gelu, cdf, grad};
        for (int k = 0; k < all.length; k++) {
            for (int i = 0; i < N; i++) out[k * N + i] = Float.floatToRawIntBits(all[k][i]);
        }
        return out;
    }

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (int b : bits()) sb.append(Integer.toHexString(b)).append('\n');
        System.out.print(sb);
    }
}
