package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packing that {@link Packing}'s scalar loops do slowly, on the Vector API, for {@link VectorGemm}:
 * a transposed {@code b} (stored {@code [n, k]}, as a linear layer's weight is), whose panels interleave
 * values from several rows. A vector gather with a fixed index map collects a vector's worth of them at
 * once instead of one scalar load and store per value: a 256 x 784 weight packs in 0.05 ms instead of
 * 0.13. The packed panels are exactly those of {@link Packing}. (An untransposed {@code a} was gathered
 * here too, four steps of k of four rows a vector, until {@link Packing#packA}'s loop over four rows side
 * by side proved about twice as fast.)
 */
final class VectorPacking {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorPacking() {
    }

    /**
     * {@link Packing#packB} for {@code transB}: rows {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)}
     * of op(b) = bᵀ into panels of {@code nr} columns; {@code nr} must be a multiple of the vector length.
     * Full panels are gathered; a last, narrower panel is copied value by value and padded with zeros.
     */
    static void packBTransposed(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr, float[] dst) {
        // lane l reads row l of the vector's rows: offsets 0, ldb, 2·ldb, …
        int[] rowStarts = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            rowStarts[l] = l * ldb;
        }
        int fullEnd = nc - nc % nr;
        for (int jr = 0; jr < fullEnd; jr += nr) {
            int base = jr * kc;
            for (int v = 0; v < nr; v += LANES) {
                int src = bOff + (j0 + jr + v) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(SPECIES, b, src + p, rowStarts, 0).intoArray(dst, base + p * nr + v);
                }
            }
        }
        if (fullEnd < nc) {
            int cols = nc - fullEnd;
            int base = fullEnd * kc;
            for (int p = 0; p < kc; p++) {
                int d = base + p * nr;
                for (int jj = 0; jj < cols; jj++) {
                    dst[d + jj] = b[bOff + (j0 + fullEnd + jj) * ldb + p0 + p];
                }
                for (int jj = cols; jj < nr; jj++) {
                    dst[d + jj] = 0f;
                }
            }
        }
    }
}
