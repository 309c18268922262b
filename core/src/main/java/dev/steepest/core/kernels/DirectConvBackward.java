package dev.steepest.core.kernels;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gradients of a stride-1 convolution on the Vector API, in {@link WideLayout} like
 * {@link DirectConv}'s forward:
 *
 * <pre>
 * backwardWeight: gradW[o, p] = Σ_n Σ_q gradOutWide[n, o, q] · padded(x[n])[offset(p) + q]
 *                               4 x 2 dot products, q innermost
 * backwardInput:  col = weightᵀ · gradOutWide (the gemm), then padded[offset(p) + q] += col[p, q]
 * backwardBias:   gradB[o] = Σ_n Σ_q gradOut[n, o, q]
 * </pre>
 */
final class DirectConvBackward {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int MR = 4;

    /** At most this many floats of column matrix per group of samples in the input gradient (3 of LeNet's second layer). */
    static final int INPUT_GRADIENT_COLUMNS = 1 << 16;
    /** How many floats of padded images and output gradients one pass of the weight gradient keeps hot. */
    static final int WEIGHT_GROUP_FLOATS = 1 << 13;

    private DirectConvBackward() {
    }

    /**
     * gradWeight[o, p] = Σ_n Σ_q gradOutWide[n, o, q] · padded(x[n])[offset(p) + q]; gradWeight
     * overwritten. The weight positions are cut into {@code parts} slices on the {@link Parallel} pool,
     * four at a time; each slice pads the images itself, and each weight sums in the same order at any
     * thread count.
     */
    static void backwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight, int parts) {
        WideLayout layout = new WideLayout(g, LANES);
        int[] offsets = layout.offsets(4);
        float[] partial = Scratch.get(Scratch.WEIGHTS, roundUp(g.outChannels(), MR) * offsets.length * LANES);
        Parallel.forRange(parts, offsets.length, 4, (from, to) ->
                backwardWeight(g, layout, offsets, input, gradOut, partial, gradWeight, from, to));
    }

    /** {@link #backwardWeight} for the weight positions {@code [from, to)} (multiples of four, or the end). */
    private static void backwardWeight(ConvGeometry g, WideLayout layout, int[] offsets, float[] input, float[] gradOut,
                                       float[] partial, float[] gradWeight, int from, int to) {
        int outC = g.outChannels(), rowsPadded = roundUp(outC, MR), taps = layout.taps(), span = layout.span;
        int imageSize = g.inChannels() * g.height() * g.width(), outSize = outC * g.outHeight() * g.outWidth();
        int ld = offsets.length * LANES;
        int perSample = layout.size + rowsPadded * span;
        int group = Math.max(1, Math.min(g.batch(), WEIGHT_GROUP_FLOATS / perSample));
        float[] padded = Scratch.get(Scratch.PADDED, group * layout.size);
        float[] wide = Scratch.get(Scratch.GATHER, group * rowsPadded * span);
        for (int o = 0; o < rowsPadded; o++) {
            Arrays.fill(partial, o * ld + from * LANES, o * ld + to * LANES, 0f);
        }
        for (int n0 = 0; n0 < g.batch(); n0 += group) {
            int samples = Math.min(group, g.batch() - n0);
            for (int s = 0; s < samples; s++) {
                layout.pad(input, (n0 + s) * imageSize, padded, s * layout.size);
                int rows = s * rowsPadded * span;
                layout.widen(gradOut, (n0 + s) * outSize, outC, wide, rows, span);
                Arrays.fill(wide, rows + outC * span, rows + rowsPadded * span, 0f);
            }
            // one sample per call: with a loop over samples around the loop over q, C2 kept the
            // accumulators in memory (25 times slower); with one flat loop, the division cost half
            for (int o0 = 0; o0 < rowsPadded; o0 += MR) {
                if (outC - o0 <= 2) {
                    // one or two channels left (LeNet's 6): 2 x 4 dot products rather than 4 x 2 with two zero rows
                    for (int p = from; p < to; p += 4) {
                        for (int s = 0; s < samples; s++) {
                            int image = s * layout.size;
                            dotsTwoRows(span, padded, image, offsets, p, wide, (s * rowsPadded + o0) * span,
                                    partial, (o0 * offsets.length + p) * LANES, ld);
                        }
                    }
                    continue;
                }
                for (int p = from; p < to; p += 2) {
                    for (int s = 0; s < samples; s++) {
                        int image = s * layout.size;
                        dots(span, padded, image + offsets[p], image + offsets[p + 1],
                                wide, (s * rowsPadded + o0) * span, partial, (o0 * offsets.length + p) * LANES, ld);
                    }
                }
            }
        }
        for (int o = 0; o < outC; o++) {
            for (int p = from; p < Math.min(to, taps); p++) {
                gradWeight[o * taps + p] = VectorMath.sumLanes(partial, (o * offsets.length + p) * LANES);
            }
        }
    }

    /**
     * Four output channels times two weight positions over one image's wide indices:
     * {@code partial[pi + r·ld + (0, 1)·LANES + lane] += Σ_q wide[gi + r·span + q] · padded[x0 or x1 + q]}.
     */
    private static void dots(int span, float[] padded, int x0, int x1, float[] wide, int gi,
                             float[] partial, int pi, int ld) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        for (int q = 0; q < span; q += LANES) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, padded, x0 + q);
            FloatVector b1 = FloatVector.fromArray(SPECIES, padded, x1 + q);
            FloatVector g0 = FloatVector.fromArray(SPECIES, wide, gi + q);
            c00 = g0.fma(b0, c00);
            c01 = g0.fma(b1, c01);
            FloatVector g1 = FloatVector.fromArray(SPECIES, wide, gi + span + q);
            c10 = g1.fma(b0, c10);
            c11 = g1.fma(b1, c11);
            FloatVector g2 = FloatVector.fromArray(SPECIES, wide, gi + 2 * span + q);
            c20 = g2.fma(b0, c20);
            c21 = g2.fma(b1, c21);
            FloatVector g3 = FloatVector.fromArray(SPECIES, wide, gi + 3 * span + q);
            c30 = g3.fma(b0, c30);
            c31 = g3.fma(b1, c31);
        }
        VectorGemm.store(c00, partial, pi, true);
        VectorGemm.store(c01, partial, pi + LANES, true);
        VectorGemm.store(c10, partial, pi + ld, true);
        VectorGemm.store(c11, partial, pi + ld + LANES, true);
        VectorGemm.store(c20, partial, pi + 2 * ld, true);
        VectorGemm.store(c21, partial, pi + 2 * ld + LANES, true);
        VectorGemm.store(c30, partial, pi + 3 * ld, true);
        VectorGemm.store(c31, partial, pi + 3 * ld + LANES, true);
    }

    /** {@link #dots} for two output channels times four weight positions {@code offsets[p…p + 3]}. */
    private static void dotsTwoRows(int span, float[] padded, int image, int[] offsets, int p,
                                    float[] wide, int gi, float[] partial, int pi, int ld) {
        int x0 = image + offsets[p], x1 = image + offsets[p + 1];
        int x2 = image + offsets[p + 2], x3 = image + offsets[p + 3];
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES), c03 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES), c13 = FloatVector.zero(SPECIES);
        for (int q = 0; q < span; q += LANES) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, padded, x0 + q);
            FloatVector b1 = FloatVector.fromArray(SPECIES, padded, x1 + q);
            FloatVector b2 = FloatVector.fromArray(SPECIES, padded, x2 + q);
            FloatVector b3 = FloatVector.fromArray(SPECIES, padded, x3 + q);
            FloatVector g0 = FloatVector.fromArray(SPECIES, wide, gi + q);
            c00 = g0.fma(b0, c00);
            c01 = g0.fma(b1, c01);
            c02 = g0.fma(b2, c02);
            c03 = g0.fma(b3, c03);
            FloatVector g1 = FloatVector.fromArray(SPECIES, wide, gi + span + q);
            c10 = g1.fma(b0, c10);
            c11 = g1.fma(b1, c11);
            c12 = g1.fma(b2, c12);
            c13 = g1.fma(b3, c13);
        }
        VectorGemm.store(c00, partial, pi, true);
        VectorGemm.store(c01, partial, pi + LANES, true);
        VectorGemm.store(c02, partial, pi + 2 * LANES, true);
        VectorGemm.store(c03, partial, pi + 3 * LANES, true);
        VectorGemm.store(c10, partial, pi + ld, true);
        VectorGemm.store(c11, partial, pi + ld + LANES, true);
        VectorGemm.store(c12, partial, pi + ld + 2 * LANES, true);
        VectorGemm.store(c13, partial, pi + ld + 3 * LANES, true);
    }

    /**
     * gradInput = the transpose of the convolution applied to gradOut; gradInput overwritten. In
     * {@link WideLayout}: the output gradient widened (zero in the wide columns past OW),
     * {@code col = weightᵀ · gradOutWide} for a group of samples side by side, then each weight
     * position's row added onto the padded gradient as one contiguous run, and the interior copied out.
     */
    static void backwardInput(Gemm gemm, int columnBudget, ConvGeometry g, float[] gradOut, float[] weight,
                              float[] gradInput, int parts) {
        WideLayout layout = new WideLayout(g, LANES);
        int rows = layout.taps();
        int budget = Math.min(columnBudget, INPUT_GRADIENT_COLUMNS);
        int group = (int) Math.max(1, Math.min(g.batch(), budget / Math.max(1L, (long) rows * layout.span)));
        int groups = (g.batch() + group - 1) / group;
        Parallel.forRange(parts, groups, 1, (from, to) ->
                backwardInput(gemm, g, layout, gradOut, weight, gradInput, group, from, to));
    }

    /** {@link #backwardInput} for the groups of samples {@code [from, to)}, each of {@code group} samples (the last may have fewer). */
    private static void backwardInput(Gemm gemm, ConvGeometry g, WideLayout layout, float[] gradOut, float[] weight,
                                      float[] gradInput, int group, int from, int to) {
        int rows = layout.taps(), outC = g.outChannels(), span = layout.span;
        int imageSize = g.inChannels() * g.height() * g.width();
        int outSize = outC * g.outHeight() * g.outWidth();
        int[] offsets = layout.offsets(1);
        float[] padded = Scratch.get(Scratch.PADDED, layout.size);
        for (int n0 = from * group; n0 < Math.min(g.batch(), to * group); n0 += group) {
            int samples = Math.min(group, g.batch() - n0);
            int width = samples * span;
            float[] wide = Scratch.get(Scratch.GATHER, outC * width);
            for (int s = 0; s < samples; s++) {
                layout.widen(gradOut, (n0 + s) * outSize, outC, wide, s * span, width);
            }
            float[] col = Scratch.get(Scratch.COLUMNS, rows * width);
            gemm.gemm(true, false, rows, width, outC, weight, 0, wide, 0, col, 0, false);
            for (int s = 0; s < samples; s++) {
                Arrays.fill(padded, 0, layout.size, 0f);
                addColumns(rows, span, col, s * span, width, offsets, padded);
                layout.unpad(padded, 0, gradInput, (n0 + s) * imageSize);
            }
        }
    }

    /** col2im in the wide layout: {@code padded[offsets[p] + q] += col[colOff + p·ld + q]} for p < taps and q < span. */
    private static void addColumns(int taps, int span, float[] col, int colOff, int ld, int[] offsets, float[] padded) {
        int vectorEnd = SPECIES.loopBound(span);
        for (int p = 0; p < taps; p++) {
            int src = colOff + p * ld;
            int dst = offsets[p];
            int q = 0;
            for (; q < vectorEnd; q += LANES) {
                FloatVector.fromArray(SPECIES, padded, dst + q).add(FloatVector.fromArray(SPECIES, col, src + q))
                        .intoArray(padded, dst + q);
            }
            for (; q < span; q++) {
                padded[dst + q] += col[src + q];
            }
        }
    }

    /** gradBias[o] = Σ_{n, y, x} gradOut[n, o, y, x]; overwritten. Two vectors of partial sums per plane. */
    static void backwardBias(ConvGeometry g, float[] gradOut, float[] gradBias, int parts) {
        Parallel.forRange(parts, g.outChannels(), 1, (from, to) -> backwardBias(g, gradOut, gradBias, from, to));
    }

    /** {@link #backwardBias} for the output channels {@code [from, to)}. */
    private static void backwardBias(ConvGeometry g, float[] gradOut, float[] gradBias, int from, int to) {
        int outC = g.outChannels();
        Arrays.fill(gradBias, from, to, 0f);
        int plane = Math.max(0, g.outHeight()) * Math.max(0, g.outWidth());
        int pairEnd = plane - plane % (2 * LANES);
        float[] lanes = new float[LANES];
        for (int n = 0; n < g.batch(); n++) {
            for (int o = from; o < to; o++) {
                int base = (n * outC + o) * plane;
                FloatVector s0 = FloatVector.zero(SPECIES), s1 = FloatVector.zero(SPECIES);
                int q = 0;
                for (; q < pairEnd; q += 2 * LANES) {
                    s0 = s0.add(FloatVector.fromArray(SPECIES, gradOut, base + q));
                    s1 = s1.add(FloatVector.fromArray(SPECIES, gradOut, base + q + LANES));
                }
                if (q + LANES <= plane) {
                    s0 = s0.add(FloatVector.fromArray(SPECIES, gradOut, base + q));
                    q += LANES;
                }
                s0.add(s1).intoArray(lanes, 0);
                float sum = VectorMath.sumLanes(lanes, 0);
                for (; q < plane; q++) {
                    sum += gradOut[base + q];
                }
                gradBias[o] += sum;
            }
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
