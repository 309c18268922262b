package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stride-1 convolution forward on the Vector API without a column matrix: the product of
 * {@link ConvKernels} with the right operand read in place from the padded image
 * ({@link WideLayout}), so that im2col's writing and re-reading of {@code C·KH·KW} copies of the
 * image (5 MB for LeNet's first layer at batch 64) disappears:
 *
 * <pre>
 * wide[o, q] = Σ_p weight[o, p] · padded[offset(p) + q]      4 x 32 tiles, p innermost
 * </pre>
 *
 * The register tiles hold eight vector accumulators, the size that JDK 17's C2 keeps in registers.
 * The gradients are in {@link DirectConvBackward}. Loaded only when {@code jdk.incubator.vector} is
 * present (by {@link ConvKernels}, when its gemm is a {@link VectorGemm}).
 */
final class DirectConv {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    private static final int MR = 4;
    private static final int NR = 2 * LANES;
    private DirectConv() {
    }

    /** out[n, o, y, x] = bias[o] + Σ_p weight[o, p] · padded(x[n])[offset(p) + y·PW + x]; out overwritten. */
    /** The samples are cut into {@code parts} slices on the {@link Parallel} pool; each sample is computed alone. */
    static void forward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out, int parts) {
        Parallel.forRange(parts, g.batch(), 1, (from, to) -> forward(g, input, weight, bias, out, from, to));
    }

    /** {@link #forward} for the samples {@code [from, to)}. */
    private static void forward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out, int from, int to) {
        WideLayout layout = new WideLayout(g, LANES);
        int outC = g.outChannels(), taps = layout.taps(), span = layout.span, pairEnd = span - span % NR;
        int imageSize = g.inChannels() * g.height() * g.width(), outSize = outC * g.outHeight() * g.outWidth();
        int[] offsets = layout.offsets(1);
        float[] panels = Scratch.get(Scratch.WEIGHTS, roundUp(outC, MR) * taps);
        Packing.packA(false, weight, 0, taps, 0, outC, 0, taps, MR, panels);
        float[] padded = Scratch.get(Scratch.PADDED, layout.size);
        float[] wide = Scratch.get(Scratch.GATHER, outC * span);
        for (int n = from; n < to; n++) {
            layout.pad(input, n * imageSize, padded, 0);
            for (int o0 = 0; o0 < outC; o0 += MR) {
                int rows = Math.min(MR, outC - o0);
                int q = 0;
                if (rows <= 2) {
                    // two rows left (LeNet's 6 channels): four vectors wide instead of four rows of which two are padding
                    for (; q + 2 * NR <= span; q += 2 * NR) {
                        tileTwoRows(taps, offsets, panels, o0 * taps, padded, q, wide, o0 * span + q, span, rows);
                    }
                }
                for (; q < pairEnd; q += NR) {
                    tile(taps, offsets, panels, o0 * taps, padded, q, wide, o0 * span + q, span, rows);
                }
                if (pairEnd < span) {
                    tileOneVector(taps, offsets, panels, o0 * taps, padded, pairEnd, wide, o0 * span + pairEnd, span, rows);
                }
            }
            narrow(layout, wide, span, outC, bias, out, n * outSize);
        }
    }

    /**
     * {@link WideLayout#narrow} with vectors: each output row as whole vectors, the last one ending at
     * the row's end and overlapping the one before (it writes the same values again).
     */
    private static void narrow(WideLayout layout, float[] wide, int ld, int outC, float[] bias, float[] out, int outOff) {
        int oh = layout.outHeight, ow = layout.outWidth, pw = layout.paddedWidth;
        if (ow < LANES) {
            layout.narrow(wide, 0, ld, outC, bias, out, outOff);
            return;
        }
        for (int o = 0; o < outC; o++) {
            FloatVector b = FloatVector.broadcast(SPECIES, bias == null ? 0f : bias[o]);
            for (int y = 0; y < oh; y++) {
                int s = o * ld + y * pw;
                int d = outOff + (o * oh + y) * ow;
                for (int x = 0; ; x += LANES) {
                    int at = Math.min(x, ow - LANES);
                    FloatVector.fromArray(SPECIES, wide, s + at).add(b).intoArray(out, d + at);
                    if (at == ow - LANES) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * wide[ci + r·ld + (0…NR)] = Σ_p panel[ai + p·MR + r] · padded[q + offsets[p] + (0…NR)], for the
     * first {@code rows} r.
     */
    private static void tile(int taps, int[] offsets, float[] panels, int ai, float[] padded, int q,
                             float[] wide, int ci, int ld, int rows) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        int p = 0;
        for (; p + 1 < taps; p += 2) {
            int ap = ai + p * MR;
            int bp = q + offsets[p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, padded, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, padded, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, panels[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, panels[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, panels[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, panels[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            int ep = q + offsets[p + 1];
            FloatVector e0 = FloatVector.fromArray(SPECIES, padded, ep);
            FloatVector e1 = FloatVector.fromArray(SPECIES, padded, ep + LANES);
            FloatVector d0 = FloatVector.broadcast(SPECIES, panels[ap + MR]);
            c00 = d0.fma(e0, c00);
            c01 = d0.fma(e1, c01);
            FloatVector d1 = FloatVector.broadcast(SPECIES, panels[ap + MR + 1]);
            c10 = d1.fma(e0, c10);
            c11 = d1.fma(e1, c11);
            FloatVector d2 = FloatVector.broadcast(SPECIES, panels[ap + MR + 2]);
            c20 = d2.fma(e0, c20);
            c21 = d2.fma(e1, c21);
            FloatVector d3 = FloatVector.broadcast(SPECIES, panels[ap + MR + 3]);
            c30 = d3.fma(e0, c30);
            c31 = d3.fma(e1, c31);
        }
        for (; p < taps; p++) {
            int ap = ai + p * MR;
            int bp = q + offsets[p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, padded, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, padded, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, panels[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, panels[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, panels[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, panels[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(wide, ci);
        c01.intoArray(wide, ci + LANES);
        if (rows > 1) {
            c10.intoArray(wide, ci + ld);
            c11.intoArray(wide, ci + ld + LANES);
        }
        if (rows > 2) {
            c20.intoArray(wide, ci + 2 * ld);
            c21.intoArray(wide, ci + 2 * ld + LANES);
        }
        if (rows > 3) {
            c30.intoArray(wide, ci + 3 * ld);
            c31.intoArray(wide, ci + 3 * ld + LANES);
        }
    }

    /** {@link #tile} for at most two rows and 2·NR wide indices: 2 x 4 vectors of accumulators. */
    private static void tileTwoRows(int taps, int[] offsets, float[] panels, int ai, float[] padded, int q,
                                    float[] wide, int ci, int ld, int rows) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES), c03 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES), c13 = FloatVector.zero(SPECIES);
        for (int p = 0; p < taps; p++) {
            int ap = ai + p * MR;
            int bp = q + offsets[p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, padded, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, padded, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, padded, bp + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, padded, bp + 3 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, panels[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(SPECIES, panels[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
        }
        c00.intoArray(wide, ci);
        c01.intoArray(wide, ci + LANES);
        c02.intoArray(wide, ci + 2 * LANES);
        c03.intoArray(wide, ci + 3 * LANES);
        if (rows > 1) {
            c10.intoArray(wide, ci + ld);
            c11.intoArray(wide, ci + ld + LANES);
            c12.intoArray(wide, ci + ld + 2 * LANES);
            c13.intoArray(wide, ci + ld + 3 * LANES);
        }
    }

    /** {@link #tile} for the last vector of wide indices: MR x LANES, four accumulators. */
    private static void tileOneVector(int taps, int[] offsets, float[] panels, int ai, float[] padded, int q,
                                      float[] wide, int ci, int ld, int rows) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES), c3 = FloatVector.zero(SPECIES);
        for (int p = 0; p < taps; p++) {
            int ap = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, padded, q + offsets[p]);
            c0 = FloatVector.broadcast(SPECIES, panels[ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, panels[ap + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, panels[ap + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, panels[ap + 3]).fma(b0, c3);
        }
        c0.intoArray(wide, ci);
        if (rows > 1) {
            c1.intoArray(wide, ci + ld);
        }
        if (rows > 2) {
            c2.intoArray(wide, ci + 2 * ld);
        }
        if (rows > 3) {
            c3.intoArray(wide, ci + 3 * ld);
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
