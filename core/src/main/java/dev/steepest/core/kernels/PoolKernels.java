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
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        int height = g.height(), width = g.width(), kernel = g.kernel(), stride = g.stride(), pad = g.padding();
        int planes = g.batch() * g.channels();
        for (int plane = 0, k = 0; plane < planes; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int top = y * stride - pad;
                int i0 = Math.max(0, -top), i1 = Math.min(kernel, height - top);
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

    /** See {@link ReferenceKernels#maxPool2dBackward}; gradInput overwritten. */
    static void maxPool2dBackward(PoolGeometry g, float[] gradOut, int[] argmax, float[] gradInput) {
        Arrays.fill(gradInput, 0, g.inputSize(), 0f);
        int size = g.outHeight() <= 0 || g.outWidth() <= 0 ? 0 : g.outputSize();
        for (int k = 0; k < size; k++) {
            gradInput[argmax[k]] += gradOut[k];
        }
    }

    /** See {@link ReferenceKernels#avgPool2dForward}; out overwritten. */
    static void avgPool2dForward(PoolGeometry g, float[] input, float[] out) {
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        int height = g.height(), width = g.width(), kernel = g.kernel(), stride = g.stride(), pad = g.padding();
        float scale = 1f / (kernel * kernel);
        int planes = g.batch() * g.channels();
        for (int plane = 0, k = 0; plane < planes; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int top = y * stride - pad;
                int i0 = Math.max(0, -top), i1 = Math.min(kernel, height - top);
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
        Arrays.fill(gradInput, 0, g.inputSize(), 0f);
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        int height = g.height(), width = g.width(), kernel = g.kernel(), stride = g.stride(), pad = g.padding();
        float scale = 1f / (kernel * kernel);
        int planes = g.batch() * g.channels();
        for (int plane = 0, k = 0; plane < planes; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < oh; y++) {
                int top = y * stride - pad;
                int i0 = Math.max(0, -top), i1 = Math.min(kernel, height - top);
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
