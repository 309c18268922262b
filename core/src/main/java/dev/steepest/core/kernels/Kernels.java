package dev.steepest.core.kernels;

/**
 * The one door to the fast kernels. Tensor ops call only these methods; which implementation runs
 * behind them (plain Java or the Vector API) is chosen here, once, at start-up. The contracts are
 * those of {@link ReferenceKernels}.
 */
public final class Kernels {

    private Kernels() {
    }

    /** See {@link ReferenceKernels#gemm}. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        ReferenceKernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    public static void conv2dForward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out) {
        ReferenceKernels.conv2dForward(g, input, weight, bias, out);
    }

    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput) {
        ReferenceKernels.conv2dBackwardInput(g, gradOut, weight, gradInput);
    }

    public static void conv2dBackwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight) {
        ReferenceKernels.conv2dBackwardWeight(g, input, gradOut, gradWeight);
    }

    public static void maxPool2dForward(PoolGeometry g, float[] input, float[] out, int[] argmax) {
        ReferenceKernels.maxPool2dForward(g, input, out, argmax);
    }

    public static void maxPool2dBackward(PoolGeometry g, float[] gradOut, int[] argmax, float[] gradInput) {
        ReferenceKernels.maxPool2dBackward(g, gradOut, argmax, gradInput);
    }

    public static void avgPool2dForward(PoolGeometry g, float[] input, float[] out) {
        ReferenceKernels.avgPool2dForward(g, input, out);
    }

    public static void avgPool2dBackward(PoolGeometry g, float[] gradOut, float[] gradInput) {
        ReferenceKernels.avgPool2dBackward(g, gradOut, gradInput);
    }
}
