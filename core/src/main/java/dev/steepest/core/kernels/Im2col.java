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

    /** The most entries a {@link #gatherTable} may have (KH·KW·OH·OW ints, 256 KB). */
    static final int TABLE_LIMIT = 1 << 16;

    /** Rows at least this wide at stride 1 are copied with {@code System.arraycopy} instead of through a table. */
    static final int WIDE_ROW = 16;

    private Im2col() {
    }

    /**
     * Where each entry of one channel's block of the column matrix comes from, or {@code null} when
     * the row-by-row copy suits the geometry better (stride 1 with rows of at least {@link #WIDE_ROW}
     * pixels, or a table larger than {@link #TABLE_LIMIT}). Entry {@code (i·KW + j)·P + y·OW + x}
     * (with {@code P = OH·OW}) is the index of pixel {@code (y·sH + i, x·sW + j)} in the channel's
     * plane padded to {@code (H + 2pH) x (W + 2pW)}, so that reading needs no test for the padding:
     * a strided or narrow convolution's rows hold a few pixels each (4 in a DCGAN's stride-2 layer, 1
     * for a kernel as large as its image), and there the copy's per-row work cost more than the copy.
     */
    static int[] gatherTable(ConvGeometry g) {
        int oh = g.outHeight(), ow = g.outWidth(), kh = g.kernelHeight(), kw = g.kernelWidth();
        long entries = (long) kh * kw * Math.max(0, oh) * Math.max(0, ow);
        if ((g.strideWidth() == 1 && ow >= WIDE_ROW) || entries > TABLE_LIMIT) {
            return null;
        }
        int paddedWidth = g.width() + 2 * g.padWidth();
        int[] table = new int[(int) entries];
        int at = 0;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        table[at++] = (y * g.strideHeight() + i) * paddedWidth + x * g.strideWidth() + j;
                    }
                }
            }
        }
        return table;
    }

    /** {@link #im2col} through a {@link #gatherTable}: each channel is padded once, then read at the table's indices. */
    static void im2col(ConvGeometry g, int[] table, float[] input, int inOff, float[] col, int colOff, int ld) {
        int pixels = g.outHeight() * g.outWidth(), taps = g.kernelHeight() * g.kernelWidth(), planeSize = g.height() * g.width();
        float[] padded = paddedPlane(g);
        for (int c = 0; c < g.inChannels(); c++) {
            pad(g, input, inOff + c * planeSize, padded);
            for (int tap = 0; tap < taps; tap++) {
                int dst = (c * taps + tap) * ld + colOff, from = tap * pixels;
                for (int q = 0; q < pixels; q++) {
                    col[dst + q] = padded[table[from + q]];
                }
            }
        }
    }

    /**
     * {@link #col2im} through a {@link #gatherTable}: each channel's sums are made in a zeroed padded
     * plane, in the order of {@link #col2im} (weight position, then output pixel), and its inside is
     * then added to {@code gradInput}: the same bits as {@link #col2im} when {@code gradInput} starts at zero.
     */
    static void col2im(ConvGeometry g, int[] table, float[] col, int colOff, int ld, float[] gradInput, int inOff) {
        int pixels = g.outHeight() * g.outWidth(), taps = g.kernelHeight() * g.kernelWidth(), planeSize = g.height() * g.width();
        float[] padded = paddedPlane(g);
        int paddedSize = (g.height() + 2 * g.padHeight()) * (g.width() + 2 * g.padWidth());
        for (int c = 0; c < g.inChannels(); c++) {
            zero(padded, 0, paddedSize);
            for (int tap = 0; tap < taps; tap++) {
                int src = (c * taps + tap) * ld + colOff, from = tap * pixels;
                for (int q = 0; q < pixels; q++) {
                    padded[table[from + q]] += col[src + q];
                }
            }
            unpad(g, padded, gradInput, inOff + c * planeSize);
        }
    }

    /** This thread's buffer for one padded plane. */
    private static float[] paddedPlane(ConvGeometry g) {
        return Scratch.get(Scratch.PLANE, (g.height() + 2 * g.padHeight()) * (g.width() + 2 * g.padWidth()));
    }

    /** Copies the plane at {@code input[from…]} into the middle of {@code padded}, zeros around it. */
    private static void pad(ConvGeometry g, float[] input, int from, float[] padded) {
        int height = g.height(), width = g.width(), padY = g.padHeight(), padX = g.padWidth(), paddedWidth = width + 2 * padX;
        zero(padded, 0, padY * paddedWidth);
        for (int y = 0; y < height; y++) {
            int row = (y + padY) * paddedWidth;
            zero(padded, row, row + padX);
            System.arraycopy(input, from + y * width, padded, row + padX, width);
            zero(padded, row + padX + width, row + paddedWidth);
        }
        zero(padded, (height + padY) * paddedWidth, (height + 2 * padY) * paddedWidth);
    }

    /** Adds the middle of {@code padded} onto the plane at {@code gradInput[to…]}. */
    private static void unpad(ConvGeometry g, float[] padded, float[] gradInput, int to) {
        int height = g.height(), width = g.width(), padX = g.padWidth(), paddedWidth = width + 2 * padX;
        for (int y = 0; y < height; y++) {
            int src = (y + g.padHeight()) * paddedWidth + padX, dst = to + y * width;
            for (int x = 0; x < width; x++) {
                gradInput[dst + x] += padded[src + x];
            }
        }
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
