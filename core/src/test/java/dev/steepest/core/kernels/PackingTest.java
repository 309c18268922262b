package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Packing} against the panel layout its javadoc defines, written out element by element: both
 * operands, transposed or not, blocks at nonzero origins inside a larger matrix, panel sizes (the
 * micro-kernel's four rows, which has its own loop, and others) and depths that leave every kind of
 * remainder, and the zero padding of a last, partial panel.
 */
class PackingTest {

    /** Packs {@code size} panel rows or columns from {@code i0} and {@code kc} steps of k from {@code p0}. */
    private interface Packer {
        void pack(boolean trans, float[] x, int off, int ld, int i0, int size, int p0, int kc, int tile, float[] dst);
    }

    @Test
    void packedAHoldsEachPanelsRowsSideBySideForEachStepOfK() {
        // a(i, p) is stored at (i, p) of a [m, k] array, or at (p, i) when transposed
        checkEveryShape(new Random(11), new int[] {1, 3, 4, 6}, false, Packing::packA);
    }

    @Test
    void packedBHoldsEachPanelsColumnsSideBySideForEachStepOfK() {
        // b(p, j) is stored at (p, j) of a [k, n] array, or at (j, p) when transposed: a's layouts swapped
        checkEveryShape(new Random(12), new int[] {1, 4, 32}, true,
                (trans, x, off, ld, j0, nc, p0, kc, nr, dst) -> Packing.packB(trans, x, off, ld, p0, kc, j0, nc, nr, dst));
    }

    private static void checkEveryShape(Random random, int[] tiles, boolean swapped, Packer packer) {
        for (boolean trans : new boolean[] {false, true}) {
            // whether element (i, p) of the operand sits at x[i·ld + p] (else at x[p·ld + i])
            boolean panelIndexMajor = trans == swapped;
            for (int tile : tiles) {
                for (int kc : new int[] {1, 2, 5, 33}) {
                    for (int size : new int[] {1, tile - 1, tile, tile + 1, 3 * tile + 2}) {
                        if (size == 0) {
                            continue;
                        }
                        int i0 = random.nextInt(3), p0 = random.nextInt(3), off = random.nextInt(4);
                        int ld = (panelIndexMajor ? p0 + kc : i0 + size) + random.nextInt(3);
                        float[] x = random(random, off + (panelIndexMajor ? i0 + size : p0 + kc) * ld);
                        int panels = (size + tile - 1) / tile;
                        float[] expected = new float[panels * tile * kc];
                        for (int q = 0; q < panels; q++) {
                            for (int p = 0; p < kc; p++) {
                                for (int r = 0; r < tile; r++) {
                                    int i = q * tile + r;
                                    expected[q * tile * kc + p * tile + r] = i >= size ? 0f
                                            : x[off + (panelIndexMajor ? (i0 + i) * ld + p0 + p : (p0 + p) * ld + i0 + i)];
                                }
                            }
                        }
                        float[] actual = random(random, expected.length);
                        packer.pack(trans, x, off, ld, i0, size, p0, kc, tile, actual);
                        assertArrayEquals(expected, actual, (swapped ? "packB trans=" : "packA trans=") + trans
                                + " tile=" + tile + " kc=" + kc + " size=" + size + " origin=" + i0 + "," + p0 + " ld=" + ld);
                    }
                }
            }
        }
    }
}
