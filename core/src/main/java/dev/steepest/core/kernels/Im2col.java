package dev.steepest.core.kernels;

/**
 * Rearranges one image so that a convolution becomes a matrix multiply, and back.
 *
 * <p>The column matrix of an image {@code [C, H, W]} has one row per weight position
 * {@code (c, i, j)}, {@code C·KH·KW} rows, and one column per output pixel {@code (y, x)}:
 * {@code col[(c·KH + i)·KW + j, y·OW + x] = x[c, y·sH + i − pH, x·sW + j − pW]}, zero in the padding.
 * Several images can share one column matrix side by side ({@code ld} is its row length and
 * {@code colOff} the first column of this image), so that small images make one larger gemm.
 */
final class Im2col {

    private Im2col() {
    }

    /** Writes the column matrix of the image at {@code input[inOff…]} into {@code col} (columns {@code colOff…}). */
    static void im2col(ConvGeometry g, float[] input, int inOff, float[] col, int colOff, int ld) {
        int oh = g.outHeight(), ow = g.outWidth(), sy = g.strideHeight(), s = g.strideWidth();
        int padY = g.padHeight(), pad = g.padWidth();
        int height = g.height(), width = g.width();
        int row = 0;
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = inOff + c * height * width;
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++, row++) {
                    int x0 = firstInside(j, pad, s, ow), x1 = endInside(j, pad, s, ow, width);
                    for (int y = 0; y < oh; y++) {
                        int dst = row * ld + colOff + y * ow;
                        int iy = y * sy + i - padY;
                        if (iy < 0 || iy >= height || x0 >= x1) {
                            zero(col, dst, dst + ow);
                            continue;
                        }
                        zero(col, dst, dst + x0);
                        int src = plane + iy * width + j - pad;
                        if (s == 1) {
                            System.arraycopy(input, src + x0, col, dst + x0, x1 - x0);
                        } else {
                            for (int x = x0; x < x1; x++) {
                                col[dst + x] = input[src + x * s];
                            }
                        }
                        zero(col, dst + x1, dst + ow);
                    }
                }
            }
        }
    }

    /** The transpose of {@link #im2col}: adds each column entry back onto the pixel it came from. */
    static void col2im(ConvGeometry g, float[] col, int colOff, int ld, float[] gradInput, int inOff) {
        int oh = g.outHeight(), ow = g.outWidth(), sy = g.strideHeight(), s = g.strideWidth();
        int padY = g.padHeight(), pad = g.padWidth();
        int height = g.height(), width = g.width();
        int row = 0;
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = inOff + c * height * width;
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++, row++) {
                    int x0 = firstInside(j, pad, s, ow), x1 = endInside(j, pad, s, ow, width);
                    for (int y = 0; y < oh; y++) {
                        int iy = y * sy + i - padY;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        int src = row * ld + colOff + y * ow;
                        int dst = plane + iy * width + j - pad;
                        if (s == 1) {
                            for (int x = x0; x < x1; x++) {
                                gradInput[dst + x] += col[src + x];
                            }
                        } else {
                            for (int x = x0; x < x1; x++) {
                                gradInput[dst + x * s] += col[src + x];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Zeroes {@code col[from, to)}: a plain loop, as the spans here are the padding at a row's ends
     * (often 0 to 2 values, where a call to {@code Arrays.fill}, with its range check, cost more than
     * the stores: 18 % of a transposed-convolution step's time in a profile) or one short output row.
     */
    private static void zero(float[] col, int from, int to) {
        for (int i = from; i < to; i++) {
            col[i] = 0f;
        }
    }

    /** The first output column x whose input column x·s + j − pad is ≥ 0. */
    private static int firstInside(int j, int pad, int s, int ow) {
        return pad <= j ? 0 : Math.min(ow, (pad - j + s - 1) / s);
    }

    /** One past the last output column x whose input column x·s + j − pad is < width. */
    private static int endInside(int j, int pad, int s, int ow, int width) {
        int last = width - 1 + pad - j;
        return last < 0 ? 0 : Math.min(ow, last / s + 1);
    }
}
