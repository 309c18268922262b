package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.filled;
import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The column matrix through a gather table against the row-by-row copy, bit for bit: the same
 * values in im2col (a copy), the same sums in the same order in col2im, for every geometry of
 * {@link ConvKernelsTest} with an output and the transposed convolutions of the gan example, an
 * image written into the middle of a wider column matrix (columns left and right of it untouched).
 */
class Im2colTest {

    private static List<ConvGeometry> geometries() {
        List<ConvGeometry> all = new ArrayList<>();
        for (ConvGeometry g : ConvKernelsTest.geometries()) {
            if (g.outHeight() > 0 && g.outWidth() > 0 && g.batch() > 0 && Im2col.gatherTable(g) != null) {
                all.add(g);
            }
        }
        all.add(new ConvGeometry(2, 32, 8, 8, 64, 4, 4, 2, 1));   // the gan's stride-2 layer, seen from its output
        all.add(new ConvGeometry(2, 64, 4, 4, 32, 4, 4, 1, 0));   // its first layer: one output pixel
        all.add(new ConvGeometry(1, 2, 5, 7, 3, 3, 3, 3, 2, 4, 3)); // padding wider than the kernel, unequal strides
        return all;
    }

    @Test
    void stridedAndNarrowConvolutionsTakeTheTableAndWideRowsAtStrideOneDoNot() {
        assertNotNull(Im2col.gatherTable(new ConvGeometry(64, 32, 8, 8, 64, 4, 4, 2, 1)), "stride 2, 4-pixel rows");
        assertNotNull(Im2col.gatherTable(new ConvGeometry(64, 64, 4, 4, 32, 4, 4, 1, 0)), "one output pixel");
        assertNull(Im2col.gatherTable(new ConvGeometry(64, 1, 28, 28, 6, 5, 5, 1, 2)), "LeNet conv1: 28-pixel rows");
        assertNull(Im2col.gatherTable(new ConvGeometry(1, 1, 300, 300, 1, 3, 3, 2, 1)), "a table of 200,000 entries");
    }

    @Test
    void im2colThroughTheTableCopiesWhatTheRowCopyCopies() {
        Random random = new Random(3);
        for (ConvGeometry g : geometries()) {
            int[] table = Im2col.gatherTable(g);
            assertNotNull(table, g.toString());
            int pixels = g.outHeight() * g.outWidth(), rows = g.inChannels() * g.kernelHeight() * g.kernelWidth();
            int ld = 3 * pixels + 2, colOff = pixels + 1, image = g.inChannels() * g.height() * g.width();
            float[] input = random(random, 2 * image);
            float[] expected = filled(rows * ld, Float.NaN), actual = filled(rows * ld, Float.NaN);
            Im2col.im2col(g, input, image, expected, colOff, ld);
            Im2col.im2col(g, table, input, image, actual, colOff, ld);
            assertArrayEquals(expected, actual, "im2col " + g);
        }
    }

    @Test
    void col2imThroughTheTableMakesTheSameSumsAsTheRowLoop() {
        Random random = new Random(4);
        for (ConvGeometry g : geometries()) {
            int[] table = Im2col.gatherTable(g);
            int pixels = g.outHeight() * g.outWidth(), rows = g.inChannels() * g.kernelHeight() * g.kernelWidth();
            int ld = 2 * pixels + 3, colOff = pixels, image = g.inChannels() * g.height() * g.width();
            float[] col = random(random, rows * ld);
            float[] expected = new float[3 * image], actual = new float[3 * image];
            Im2col.col2im(g, col, colOff, ld, expected, image);
            Im2col.col2im(g, table, col, colOff, ld, actual, image);
            assertArrayEquals(expected, actual, "col2im " + g);
        }
    }
}
