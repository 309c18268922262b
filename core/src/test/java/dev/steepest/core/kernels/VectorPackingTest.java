package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The gathering packers against {@link Packing}'s scalar loops, which they must reproduce exactly
 * (they only move values): blocks at nonzero row and column origins inside a larger matrix, panel
 * counts and depths that leave every kind of remainder, and the padding of a last, partial panel.
 */
class VectorPackingTest {

    private static final int LANES = VectorGemm.NR / 2;

    @Test
    void packingATransposedBMatchesTheScalarPackingBitForBit() {
        Random random = new Random(5);
        int[] depths = {1, 2, 3, 17, 64};
        int[] widths = {1, LANES - 1, VectorGemm.NR, VectorGemm.NR + 1, 3 * VectorGemm.NR - 5, 4 * VectorGemm.NR};
        for (int kc : depths) {
            for (int nc : widths) {
                int p0 = random.nextInt(3), j0 = random.nextInt(3), bOff = random.nextInt(4);
                int ldb = p0 + kc + random.nextInt(3);
                float[] b = random(random, bOff + (j0 + nc) * ldb);
                int size = kc * ((nc + VectorGemm.NR - 1) / VectorGemm.NR * VectorGemm.NR);
                float[] expected = random(random, size);
                float[] actual = random(random, size);
                Packing.packB(true, b, bOff, ldb, p0, kc, j0, nc, VectorGemm.NR, expected);
                VectorPacking.packBTransposed(b, bOff, ldb, p0, kc, j0, nc, VectorGemm.NR, actual);
                assertArrayEquals(expected, actual, "packBTransposed kc=" + kc + " nc=" + nc + " p0=" + p0
                        + " j0=" + j0 + " ldb=" + ldb);
            }
        }
    }

    @Test
    void packingAnUntransposedAMatchesTheScalarPackingBitForBit() {
        Random random = new Random(6);
        int mr = VectorGemm.MR;
        int[] depths = {1, 2, 3, 4, 5, LANES / mr, LANES / mr + 1, 37, 64};
        int[] heights = {1, mr - 1, mr, mr + 1, 2 * mr + 3, 33};
        for (int kc : depths) {
            for (int mc : heights) {
                int p0 = random.nextInt(3), i0 = random.nextInt(3), aOff = random.nextInt(4);
                int lda = p0 + kc + random.nextInt(3);
                float[] a = random(random, aOff + (i0 + mc) * lda);
                int size = (mc + mr - 1) / mr * mr * kc;
                float[] expected = random(random, size);
                float[] actual = random(random, size);
                Packing.packA(false, a, aOff, lda, i0, mc, p0, kc, mr, expected);
                VectorPacking.packA(a, aOff, lda, i0, mc, p0, kc, mr, actual);
                assertArrayEquals(expected, actual, "packA kc=" + kc + " mc=" + mc + " p0=" + p0 + " i0=" + i0
                        + " lda=" + lda);
            }
        }
    }
}
