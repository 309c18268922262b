package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The gathering packer against {@link Packing}'s scalar loop, which it must reproduce exactly
 * (it only moves values): blocks at nonzero row and column origins inside a larger matrix, panel
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
}
