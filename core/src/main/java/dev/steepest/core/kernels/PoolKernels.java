package dev.steepest.core.kernels;

import java.util.Arrays;

/**
 * Max and average pooling with the contracts of {@link ReferenceKernels}'s pooling methods, written
 * for speed: each window's rows and columns are clipped to the image once, so the inner loops have no
 * bounds tests. The max visits a window in the same order and with the same comparison as the
 * reference, so values and argmax indices are identical, ties and NaN included.
 */
final class PoolKernels {

    private PoolKernels() {
    }

    /** See {@link ReferenceKernels#maxPool2dForward}; out and argmax overwritten. */
    static void maxPool2dForward(PoolGeometry g, float[] input, float[] out, int[] argmax) {
        maxPool2dForward(g, input, out, argmax, 0, g.batch() * g.channels());
    }

    /** {@link #maxPool2dForward} for the planes (sample and channel) {@code [from, to)}. */
    static void maxPool2dForward(PoolGeometry g, float[] input, float[] out, int[] argmax, int from, int to) {
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        int height = g.height(), width = g.width();
        int kernelY = g.kernelHeight(), strideY = g.strideHeight(), padY = g.padHeight();
        int kernel = g.kernelWidth(), stride = g.strideWidth(), pad = g.padWidth();
        if (g.isSquare(2, 2, 0)) {
            maxPool2x2(from, to, height, width, oh, ow, input, out, argmax);
            return;
        }
        for (int plane = from, k = from * oh * ow; plane < to; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int top = y * strideY - padY;
                int i0 = Math.max(0, -top), i1 = Math.min(kernelY, height - top);
                for (int x = 0; x < ow; x++, k++) {
                    int left = x * stride - pad;
                    int j0 = Math.max(0, -left), j1 = Math.min(kernel, width - left);
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int i = i0; i < i1; i++) {
                        int row = base + (top + i) * width + left;
                        for (int j = j0; j < j1; j++) {
                            float v = input[row + j];
                            if (v > best || bestIndex < 0 || v != v) {
                                best = v;
                                bestIndex = row + j;
                            }
                        }
                    }
                    out[k] = best;
                    argmax[k] = bestIndex;
                }
            }
        }
    }

    /**
     * The common 2x2 window with stride 2 and no padding, without the general loops. The reference
     * keeps the first of equal maxima, so the answer is the first of the four values (top-left,
     * top-right, bottom-left, bottom-right) equal to their {@code Math.max}; the value is read back
     * from there, which keeps the reference's sign of a zero. A window holding NaN (its max is NaN)
     * takes the reference's own loop. Written this way the JIT emits no branch on the data: with one
     * branch per value, a coin toss on real data, this loop ran ten times slower.
     */
    private static void maxPool2x2(int from, int to, int height, int width, int oh, int ow,
                                   float[] input, float[] out, int[] argmax) {
        for (int plane = from, k = from * oh * ow; plane < to; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int r0 = base + 2 * y * width;
                int r1 = r0 + width;
                for (int x = 0; x < ow; x++, k++) {
                    int i = r0 + 2 * x, j = r1 + 2 * x;
                    float a = input[i], b = input[i + 1], c = input[j], d = input[j + 1];
                    float max = Math.max(Math.max(a, b), Math.max(c, d));
                    int index;
                    if (max != max) {
                        index = firstOfLargestOrLastNaN(input, i, j);
                    } else {
                        index = j + 1;
                        index = c == max ? j : index;
                        index = b == max ? i + 1 : index;
                        index = a == max ? i : index;
                    }
                    out[k] = input[index];
                    argmax[k] = index;
                }
            }
        }
    }

    /** The reference's rule over the window {i, i + 1, j, j + 1}: a larger value or a NaN takes over. */
    private static int firstOfLargestOrLastNaN(float[] input, int i, int j) {
        int bestIndex = i;
        float best = input[i];
        for (int index : new int[] {i + 1, j, j + 1}) {
            float v = input[index];
            if (v > best || v != v) {
                best = v;
                bestIndex = index;
            }
        }
        return bestIndex;
    }

    /** See {@link ReferenceKernels#maxPool2dBackward}; gradInput overwritten. */
    static void maxPool2dBackward(PoolGeometry g, float[] gradOut, int[] argmax, float[] gradInput) {
        maxPool2dBackward(g, gradOut, argmax, gradInput, 0, g.batch() * g.channels());
    }

    /**
     * {@link #maxPool2dBackward} for the planes {@code [from, to)}: the forward's argmax of a plane
     * points into the same plane, so slices of planes write apart.
     */
    static void maxPool2dBackward(PoolGeometry g, float[] gradOut, int[] argmax, float[] gradInput, int from, int to) {
        int planeSize = g.height() * g.width();
        Arrays.fill(gradInput, from * planeSize, to * planeSize, 0f);
        int outPlane = g.outHeight() <= 0 || g.outWidth() <= 0 ? 0 : g.outHeight() * g.outWidth();
        for (int k = from * outPlane; k < to * outPlane; k++) {
            gradInput[argmax[k]] += gradOut[k];
        }
    }

    /** See {@link ReferenceKernels#avgPool2dForward}; out overwritten. */
    static void avgPool2dForward(PoolGeometry g, float[] input, float[] out) {
        avgPool2dForward(g, input, out, 0, g.batch() * g.channels());
    }

    /** {@link #avgPool2dForward} for the planes {@code [from, to)}. */
    static void avgPool2dForward(PoolGeometry g, float[] input, float[] out, int from, int to) {
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        int height = g.height(), width = g.width();
        int kernelY = g.kernelHeight(), strideY = g.strideHeight(), padY = g.padHeight();
        int kernel = g.kernelWidth(), stride = g.strideWidth(), pad = g.padWidth();
        float scale = 1f / (kernelY * kernel);
        for (int plane = from, k = from * oh * ow; plane < to; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int top = y * strideY - padY;
                int i0 = Math.max(0, -top), i1 = Math.min(kernelY, height - top);
                for (int x = 0; x < ow; x++, k++) {
                    int left = x * stride - pad;
                    int j0 = Math.max(0, -left), j1 = Math.min(kernel, width - left);
                    float sum = 0f;
                    for (int i = i0; i < i1; i++) {
                        int row = base + (top + i) * width + left;
                        for (int j = j0; j < j1; j++) {
                            sum += input[row + j];
                        }
                    }
                    out[k] = sum * scale;
                }
            }
        }
    }

    /** See {@link ReferenceKernels#avgPool2dBackward}; gradInput overwritten. */
    static void avgPool2dBackward(PoolGeometry g, float[] gradOut, float[] gradInput) {
        avgPool2dBackward(g, gradOut, gradInput, 0, g.batch() * g.channels());
    }

    /** {@link #avgPool2dBackward} for the planes {@code [from, to)}. */
    static void avgPool2dBackward(PoolGeometry g, float[] gradOut, float[] gradInput, int from, int to) {
        Arrays.fill(gradInput, from * g.height() * g.width(), to * g.height() * g.width(), 0f);
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        int height = g.height(), width = g.width();
        int kernelY = g.kernelHeight(), strideY = g.strideHeight(), padY = g.padHeight();
        int kernel = g.kernelWidth(), stride = g.strideWidth(), pad = g.padWidth();
        float scale = 1f / (kernelY * kernel);
        for (int plane = from, k = from * oh * ow; plane < to; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int top = y * strideY - padY;
                int i0 = Math.max(0, -top), i1 = Math.min(kernelY, height - top);
                for (int x = 0; x < ow; x++, k++) {
                    int left = x * stride - pad;
                    int j0 = Math.max(0, -left), j1 = Math.min(kernel, width - left);
                    float go = gradOut[k] * scale;
                    for (int i = i0; i < i1; i++) {
                        int row = base + (top + i) * width + left;
                        for (int j = j0; j < j1; j++) {
                            gradInput[row + j] += go;
                        }
                    }
                }
            }
        }
    }
}
