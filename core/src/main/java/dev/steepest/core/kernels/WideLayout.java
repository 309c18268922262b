package dev.steepest.core.kernels;

import java.util.Arrays;

/**
 * The layout that lets a stride-1 convolution read its input where it lies, with no column matrix
 * (used by {@link DirectConv} and {@link ConvKernels}). Each input plane is copied with its zero
 * padding into rows of the padded width {@code PW = W + 2·padW}; an output pixel {@code (y, x)} is
 * given the "wide" index {@code q = y·PW + x}. Then the weight position {@code (c, i, j)} reads, for
 * every output pixel at once, the one contiguous run
 *
 * <pre>
 * padded[offset(c, i, j) + q],   offset(c, i, j) = c·PH·PW + i·PW + j,   q in [0, span)
 * </pre>
 *
 * so that a convolution is a matrix product whose right operand has rows that are shifted views of
 * the padded image. Wide indices with {@code x >= OW} (and past {@code OH·PW}, up to {@code span},
 * a multiple of the vector length) are computed and thrown away on the way forward; on the way back
 * the output gradient is zero there, so they add nothing. The padded array carries enough zeros
 * after the last plane ({@link #size}) that every shifted run stays inside it.
 */
final class WideLayout {

    final int channels;
    final int height;
    final int width;
    final int padHeight;
    final int padWidth;
    final int kernelHeight;
    final int kernelWidth;
    final int outHeight;
    final int outWidth;
    /** The padded width PW and the size of one padded plane PH·PW. */
    final int paddedWidth;
    final int plane;
    /** Wide indices per output channel: OH·PW rounded up to a multiple of {@code round}. */
    final int span;
    /** Floats in one padded image, slack included. */
    final int size;

    /** The layout of {@code g}'s images (stride 1), with spans rounded up to a multiple of {@code round}. */
    WideLayout(ConvGeometry g, int round) {
        channels = g.inChannels();
        height = g.height();
        width = g.width();
        padHeight = g.padHeight();
        padWidth = g.padWidth();
        kernelHeight = g.kernelHeight();
        kernelWidth = g.kernelWidth();
        outHeight = g.outHeight();
        outWidth = g.outWidth();
        paddedWidth = width + 2 * padWidth;
        plane = (height + 2 * padHeight) * paddedWidth;
        span = (outHeight * paddedWidth + round - 1) / round * round;
        int lastOffset = (channels - 1) * plane + (kernelHeight - 1) * paddedWidth + kernelWidth - 1;
        size = Math.max(channels * plane, lastOffset + span);
    }

    /**
     * Whether a convolution should use this layout with spans rounded to {@code round}: stride 1, a
     * non-empty output, and at least half the wide indices real output pixels. A 1x1 output (a
     * transposed convolution from noise: 4x4 kernel on a 4x4 image) has one pixel in a span of a
     * whole vector, sixteen times the work of the column matrix's product.
     */
    static boolean applies(ConvGeometry g, int round) {
        if (!g.unitStride() || g.outHeight() <= 0 || g.outWidth() <= 0) {
            return false;
        }
        long span = ((long) g.outHeight() * (g.width() + 2L * g.padWidth()) + round - 1) / round * round;
        return 2L * g.outHeight() * g.outWidth() >= span;
    }

    /** Weight positions: {@code C·KH·KW}. */
    int taps() {
        return channels * kernelHeight * kernelWidth;
    }

    /** offset(c, i, j) for every weight position in weight order, then zeros up to a multiple of {@code multiple}. */
    int[] offsets(int multiple) {
        int taps = taps();
        int[] offsets = new int[(taps + multiple - 1) / multiple * multiple];
        int p = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kernelHeight; i++) {
                for (int j = 0; j < kernelWidth; j++) {
                    offsets[p++] = c * plane + i * paddedWidth + j;
                }
            }
        }
        return offsets;
    }

    /** Writes the padded image of {@code input[inOff…]} (C, H, W) into {@code dst[dstOff, dstOff + size)}. */
    void pad(float[] input, int inOff, float[] dst, int dstOff) {
        Arrays.fill(dst, dstOff, dstOff + size, 0f);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(input, inOff + (c * height + y) * width,
                        dst, dstOff + c * plane + (y + padHeight) * paddedWidth + padWidth, width);
            }
        }
    }

    /** The inverse of {@link #pad} on the interior: {@code dst[c, y, x] = padded[c·plane + (y + padH)·PW + x + padW]}. */
    void unpad(float[] padded, int off, float[] dst, int dstOff) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(padded, off + c * plane + (y + padHeight) * paddedWidth + padWidth,
                        dst, dstOff + (c * height + y) * width, width);
            }
        }
    }

    /**
     * Output rows {@code [O, OH, OW]} at {@code src[srcOff…]} to wide rows
     * {@code dst[dstOff + o·ld + q]}, q < span, zero elsewhere.
     */
    void widen(float[] src, int srcOff, int outChannels, float[] dst, int dstOff, int ld) {
        for (int o = 0; o < outChannels; o++) {
            int row = dstOff + o * ld;
            Arrays.fill(dst, row, row + span, 0f);
            for (int y = 0; y < outHeight; y++) {
                System.arraycopy(src, srcOff + (o * outHeight + y) * outWidth, dst, row + y * paddedWidth, outWidth);
            }
        }
    }

    /**
     * The inverse of {@link #widen}: wide rows back to {@code dst[dstOff…]} as {@code [O, OH, OW]},
     * plus {@code bias[o]} when given.
     */
    void narrow(float[] src, int srcOff, int ld, int outChannels, float[] bias, float[] dst, int dstOff) {
        for (int o = 0; o < outChannels; o++) {
            float b = bias == null ? 0f : bias[o];
            for (int y = 0; y < outHeight; y++) {
                int s = srcOff + o * ld + y * paddedWidth;
                int d = dstOff + (o * outHeight + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    dst[d + x] = src[s + x] + b;
                }
            }
        }
    }
}
