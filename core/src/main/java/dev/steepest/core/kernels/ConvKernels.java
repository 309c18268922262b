package dev.steepest.core.kernels;

import java.util.Arrays;

/**
 * 2-D convolution as matrix multiplies (im2col), with the contracts of
 * {@link ReferenceKernels#conv2dForward}, {@link ReferenceKernels#conv2dBackwardInput} and
 * {@link ReferenceKernels#conv2dBackwardWeight}. With {@code K = C·KH·KW} and {@code P = OH·OW}:
 *
 * <pre>
 * forward:        out[n]      [O, P] = weight [O, K] · col(x[n]) [K, P]            (+ bias)
 * backwardInput:  gradInput[n]       = col2im( weightᵀ [K, O] · gradOut[n] [O, P] )
 * backwardWeight: gradWeight  [O, K] = Σ_n gradOut[n] [O, P] · col(x[n])ᵀ [P, K]
 * </pre>
 *
 * Small images are grouped, several samples side by side in one column matrix, so that the gemm is
 * large enough to be fast; a 1x1 convolution with stride 1 and no padding skips im2col entirely.
 * Beside the Vector API gemm, other stride-1 convolutions skip the column matrix too: they read the
 * padded image in place ({@link WideLayout}, {@link DirectConv}, {@link DirectConvBackward}). The column matrix and gather
 * buffers are per-thread {@link Scratch} arrays.
 */
final class ConvKernels {

    /** How many floats the column matrix of one group of samples may take. */
    static final int COLUMN_BUDGET = 1 << 18;

    /**
     * A 1x1 convolution over at least this many pixels goes sample by sample, straight from the
     * input (PointNet's shared MLP over 256 points: forward 5x, backward 2.5x faster than grouped).
     */
    static final int WIDE_POINTWISE = 64;

    /** The fewest multiply-adds worth a slice of a convolution on another thread (as for a gemm). */
    static final long PARALLEL_WORK = Parallel.COMPUTE_WORK;

    private final Gemm gemm;
    private final int columnBudget;
    private final boolean direct;
    private final int threads;
    private final long parallelWork;

    /** Im2col with {@code gemm}; stride-1 convolutions without a column matrix when the gemm is on the Vector API. */
    ConvKernels(Gemm gemm) {
        this(gemm, COLUMN_BUDGET, gemm.vectorApi(), Parallel.THREADS);
    }

    /** A smaller budget forces one sample per gemm; tests use it to cover both paths. */
    ConvKernels(Gemm gemm, int columnBudget) {
        this(gemm, columnBudget, false, 1);
    }

    /** {@code direct}: stride-1 convolutions through {@link WideLayout} (and {@link DirectConv}, which needs the Vector API). */
    ConvKernels(Gemm gemm, int columnBudget, boolean direct, int threads) {
        this(gemm, columnBudget, direct, threads, PARALLEL_WORK);
    }

    /**
     * {@code threads}: how many slices of {@link Parallel} a convolution may take, none of fewer than
     * {@code parallelWork} multiply-adds (tests pass 0 to split every convolution).
     */
    ConvKernels(Gemm gemm, int columnBudget, boolean direct, int threads, long parallelWork) {
        this.gemm = gemm;
        this.columnBudget = columnBudget;
        this.direct = direct;
        this.threads = threads;
        this.parallelWork = parallelWork;
    }

    /** How many slices a convolution of {@code g} takes: by its multiply-adds. */
    private int parts(ConvGeometry g) {
        long work = (long) g.batch() * g.outChannels() * columnRows(g) * Math.max(0, g.outHeight()) * Math.max(0, g.outWidth());
        return Parallel.parts(threads, work, parallelWork);
    }

    private boolean direct(ConvGeometry g) {
        return direct && WideLayout.applies(g, DirectConv.LANES) && !isPointwise(g);
    }

    /** out[n, o, y, x] = bias[o] + Σ_{c, i, j} x[n, c, y·s + i − p, x·s + j − p] · w[o, c, i, j]; out overwritten. */
    void forward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out) {
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0) {
            return;
        }
        if (direct(g)) {
            DirectConv.forward(g, input, weight, bias, out, parts(g));
            return;
        }
        int group = groupSize(g), groups = (g.batch() + group - 1) / group;
        Parallel.forRange(parts(g), groups, 1, (from, to) -> {
            for (int at = from; at < to; at++) {
                forwardGroup(g, input, weight, bias, out, at * group, Math.min(group, g.batch() - at * group));
            }
        });
    }

    /** {@link #forward} for the samples {@code [n0, n0 + samples)}, one gemm. */
    private void forwardGroup(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out, int n0, int samples) {
        int pixels = g.outHeight() * g.outWidth(), rows = columnRows(g), outC = g.outChannels(), imageSize = imageSize(g);
        if (samples == 1 && isPointwise(g)) {
            gemm.gemm(false, false, outC, pixels, rows, weight, 0, input, n0 * imageSize, out, n0 * outC * pixels, false);
        } else {
            forwardProduct(g, columns(g, input, n0, samples), weight, out, n0, samples);
        }
        if (bias != null) {
            for (int n = n0; n < n0 + samples; n++) {
                for (int o = 0; o < outC; o++) {
                    int base = (n * outC + o) * pixels;
                    float bo = bias[o];
                    for (int q = 0; q < pixels; q++) {
                        out[base + q] += bo;
                    }
                }
            }
        }
    }

    /** out[n0 … n0 + samples) without bias = weight · col, the group's column matrix (from {@link #columns}). */
    private void forwardProduct(ConvGeometry g, float[] col, float[] weight, float[] out, int n0, int samples) {
        int pixels = g.outHeight() * g.outWidth(), rows = columnRows(g), outC = g.outChannels(), width = samples * pixels;
        if (samples == 1) {
            gemm.gemm(false, false, outC, pixels, rows, weight, 0, col, 0, out, n0 * outC * pixels, false);
        } else {
            float[] grouped = Scratch.get(Scratch.GATHER, outC * width);
            gemm.gemm(false, false, outC, width, rows, weight, 0, col, 0, grouped, 0, false);
            scatter(grouped, out, n0, samples, outC, pixels);
        }
    }

    /** gradInput = the transpose of the convolution applied to gradOut; gradInput overwritten. */
    void backwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput) {
        int oh = g.outHeight(), ow = g.outWidth();
        Arrays.fill(gradInput, 0, g.inputSize(), 0f);
        if (oh <= 0 || ow <= 0) {
            return;
        }
        if (direct(g)) {
            DirectConvBackward.backwardInput(gemm, columnBudget, g, gradOut, weight, gradInput, parts(g));
            return;
        }
        int group = groupSize(g), groups = (g.batch() + group - 1) / group;
        Parallel.forRange(parts(g), groups, 1, (from, to) -> {
            for (int at = from; at < to; at++) {
                backwardInputGroup(g, gradOut, weight, gradInput, at * group, Math.min(group, g.batch() - at * group));
            }
        });
    }

    /** {@link #backwardInput} for the samples {@code [n0, n0 + samples)}, one gemm and col2im. */
    private void backwardInputGroup(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput, int n0, int samples) {
        int pixels = g.outHeight() * g.outWidth(), rows = columnRows(g), outC = g.outChannels(), imageSize = imageSize(g);
        int width = samples * pixels;
        if (samples == 1 && isPointwise(g)) {
            gemm.gemm(true, false, rows, pixels, outC, weight, 0, gradOut, n0 * outC * pixels,
                    gradInput, n0 * imageSize, false);
            return;
        }
        float[] source = samples == 1 ? gradOut : gather(gradOut, n0, samples, outC, pixels);
        int sourceOff = samples == 1 ? n0 * outC * pixels : 0;
        float[] col = Scratch.get(Scratch.COLUMNS, rows * width);
        gemm.gemm(true, false, rows, width, outC, weight, 0, source, sourceOff, col, 0, false);
        columns(g, gradInput, n0, samples, col, width, false);
    }

    /** gradWeight[o, c, i, j] = Σ_{n, y, x} gradOut[n, o, y, x] · x[n, c, y·s + i − p, x·s + j − p]; overwritten. */
    void backwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight) {
        int oh = g.outHeight(), ow = g.outWidth();
        if (oh <= 0 || ow <= 0 || g.batch() == 0) {
            Arrays.fill(gradWeight, 0, g.weightSize(), 0f);
            return;
        }
        if (direct(g)) {
            DirectConvBackward.backwardWeight(g, input, gradOut, gradWeight, parts(g));
            return;
        }
        int pixels = oh * ow, rows = columnRows(g), outC = g.outChannels(), imageSize = imageSize(g);
        int group = groupSize(g);
        for (int n0 = 0; n0 < g.batch(); n0 += group) {
            int samples = Math.min(group, g.batch() - n0);
            if (samples == 1 && isPointwise(g)) {
                gemm.gemm(false, true, outC, rows, pixels, gradOut, n0 * outC * pixels, input, n0 * imageSize,
                        gradWeight, 0, n0 > 0);
            } else {
                weightProduct(g, gradOut, columns(g, input, n0, samples), gradWeight, n0, samples);
            }
        }
    }

    /** gradWeight (+)= gradOut[n0 … n0 + samples) · colᵀ, the group's column matrix; added to after the first group. */
    private void weightProduct(ConvGeometry g, float[] gradOut, float[] col, float[] gradWeight, int n0, int samples) {
        int pixels = g.outHeight() * g.outWidth(), outC = g.outChannels();
        // one sample's output gradient is read in place; a group's is gathered side by side
        float[] source = samples == 1 ? gradOut : gather(gradOut, n0, samples, outC, pixels);
        int sourceOff = samples == 1 ? n0 * outC * pixels : 0;
        gemm.gemm(false, true, outC, columnRows(g), samples * pixels, source, sourceOff, col, 0, gradWeight, 0, n0 > 0);
    }

    /**
     * {@link #forward} without bias and {@link #backwardWeight} of two convolutions that share their
     * input: {@code out = conv(images, weight)} and {@code gradWeight = Σ_n gradOut[n] · col(images[n])ᵀ},
     * a transposed convolution's input and weight gradients (its output gradient is {@code images}).
     * Each group's column matrix is made once for both products; the same bits as the two calls.
     */
    void forwardAndBackwardWeight(ConvGeometry g, float[] images, float[] weight, float[] out, float[] gradOut, float[] gradWeight) {
        if (g.outHeight() <= 0 || g.outWidth() <= 0 || g.batch() == 0 || direct(g) || isPointwise(g)) {
            forward(g, images, weight, null, out);
            backwardWeight(g, images, gradOut, gradWeight);
            return;
        }
        int group = groupSize(g);
        for (int n0 = 0; n0 < g.batch(); n0 += group) {
            int samples = Math.min(group, g.batch() - n0);
            float[] col = columns(g, images, n0, samples);
            forwardProduct(g, col, weight, out, n0, samples);
            weightProduct(g, gradOut, col, gradWeight, n0, samples);
        }
    }

    /**
     * gradBias[o] = Σ_{n, y, x} gradOut[n, o, y, x]; overwritten. Eight partial sums per plane, so that
     * the additions overlap instead of waiting on each other (one running sum is latency-bound: 4
     * cycles an element); with the Vector API, {@link DirectConvBackward#backwardBias}.
     */
    void backwardBias(ConvGeometry g, float[] gradOut, float[] gradBias) {
        int plane = Math.max(0, g.outHeight()) * Math.max(0, g.outWidth());
        int parts = Parallel.parts(threads, (long) g.batch() * g.outChannels() * plane, Math.min(parallelWork, Parallel.MEMORY_WORK));
        if (direct) {
            DirectConvBackward.backwardBias(g, gradOut, gradBias, parts);
            return;
        }
        Parallel.forRange(parts, g.outChannels(), 1, (from, to) -> backwardBias(g, gradOut, gradBias, plane, from, to));
    }

    /** {@link #backwardBias} for the output channels {@code [from, to)}. */
    private static void backwardBias(ConvGeometry g, float[] gradOut, float[] gradBias, int plane, int from, int to) {
        int outC = g.outChannels();
        Arrays.fill(gradBias, from, to, 0f);
        for (int n = 0; n < g.batch(); n++) {
            for (int o = from; o < to; o++) {
                int base = (n * outC + o) * plane;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
                int q = 0;
                for (; q + 7 < plane; q += 8) {
                    s0 += gradOut[base + q];
                    s1 += gradOut[base + q + 1];
                    s2 += gradOut[base + q + 2];
                    s3 += gradOut[base + q + 3];
                    s4 += gradOut[base + q + 4];
                    s5 += gradOut[base + q + 5];
                    s6 += gradOut[base + q + 6];
                    s7 += gradOut[base + q + 7];
                }
                for (; q < plane; q++) {
                    s0 += gradOut[base + q];
                }
                gradBias[o] += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            }
        }
    }

    /**
     * im2col of the samples {@code [n0, n0 + samples)} side by side into {@code col} (row length
     * {@code width}), or with {@code !toColumns} col2im back into their input gradients; each sample
     * alone, so a group's samples are shared out over the threads (copies and sums in the same order).
     */
    /** This thread's column matrix of the samples {@code [n0, n0 + samples)} of {@code images}, side by side. */
    private float[] columns(ConvGeometry g, float[] images, int n0, int samples) {
        int width = samples * g.outHeight() * g.outWidth();
        float[] col = Scratch.get(Scratch.COLUMNS, columnRows(g) * width);
        columns(g, images, n0, samples, col, width, true);
        return col;
    }

    private void columns(ConvGeometry g, float[] images, int n0, int samples, float[] col, int width, boolean toColumns) {
        int pixels = g.outHeight() * g.outWidth(), imageSize = imageSize(g);
        int parts = Parallel.parts(threads, (long) samples * columnRows(g) * pixels, Math.min(parallelWork, Parallel.MEMORY_WORK));
        int[] table = Im2col.gatherTable(g);
        Parallel.forRange(parts, samples, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                int image = (n0 + s) * imageSize, column = s * pixels;
                if (table != null && toColumns) {
                    Im2col.im2col(g, table, images, image, col, column, width);
                } else if (table != null) {
                    Im2col.col2im(g, table, col, column, width, images, image);
                } else if (toColumns) {
                    Im2col.im2col(g, images, image, col, column, width);
                } else {
                    Im2col.col2im(g, col, column, width, images, image);
                }
            }
        });
    }

    /** How many samples share one column matrix: as many as fit the budget, at least one. */
    private int groupSize(ConvGeometry g) {
        if (isPointwise(g) && g.outHeight() * g.outWidth() >= WIDE_POINTWISE) {
            return 1;       // one sample's product is wide enough; grouping would only add copies
        }
        long perSample = Math.max(1L, (long) columnRows(g) * g.outHeight() * g.outWidth());
        return (int) Math.max(1, Math.min(g.batch(), columnBudget / perSample));
    }

    /** Copies gradOut[n0 … n0 + samples) from [samples, O, P] to [O, samples·P], the grouped layout. */
    private static float[] gather(float[] gradOut, int n0, int samples, int outC, int pixels) {
        float[] grouped = Scratch.get(Scratch.GATHER, outC * samples * pixels);
        for (int s = 0; s < samples; s++) {
            for (int o = 0; o < outC; o++) {
                System.arraycopy(gradOut, ((n0 + s) * outC + o) * pixels, grouped, (o * samples + s) * pixels, pixels);
            }
        }
        return grouped;
    }

    /** The inverse of {@link #gather}: [O, samples·P] back to out[n0 … n0 + samples) as [samples, O, P]. */
    private static void scatter(float[] grouped, float[] out, int n0, int samples, int outC, int pixels) {
        for (int s = 0; s < samples; s++) {
            for (int o = 0; o < outC; o++) {
                System.arraycopy(grouped, (o * samples + s) * pixels, out, ((n0 + s) * outC + o) * pixels, pixels);
            }
        }
    }

    private static boolean isPointwise(ConvGeometry g) {
        return g.kernelHeight() == 1 && g.kernelWidth() == 1 && g.unitStride() && g.unpadded();
    }

    private static int columnRows(ConvGeometry g) {
        return g.inChannels() * g.kernelHeight() * g.kernelWidth();
    }

    private static int imageSize(ConvGeometry g) {
        return g.inChannels() * g.height() * g.width();
    }

    @Override
    public String toString() {
        return "ConvKernels[" + gemm + ", columnBudget=" + columnBudget + (direct ? ", direct" : "") + ", threads=" + threads
                + (parallelWork == PARALLEL_WORK ? "" : ", parallel>=" + parallelWork) + "]";
    }
}
