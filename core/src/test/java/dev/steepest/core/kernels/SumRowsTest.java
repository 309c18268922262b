package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A bias gradient's column sums on the Vector API against {@link ReferenceKernels#sumRows}: the same bits, tails of columns included. */
class SumRowsTest {

    @Test
    void vectorColumnSumsAreTheReferenceBits() {
        Random random = new Random(7);
        for (int cols : new int[] {1, 15, 16, 27, 64, 200}) {
            int rows = 513;
            float[] x = new float[rows * cols];
            for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextGaussian() * Math.exp(random.nextGaussian() * 4));
            float[] expected = new float[cols], actual = new float[cols];
            ReferenceKernels.sumRows(x, rows, cols, expected);
            java.util.Arrays.fill(actual, Float.NaN);
            VectorSimpleGemm.sumRows(x, rows, cols, actual);
            assertArrayEquals(expected, actual, 0f, "columns " + cols);
            Kernels.sumRows(x, rows, cols, actual);
            assertArrayEquals(expected, actual, 0f, "through Kernels, columns " + cols);
        }
    }
}
