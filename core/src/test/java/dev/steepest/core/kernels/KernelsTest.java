package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The facade's choice: with {@code --add-modules jdk.incubator.vector} (as the build runs the tests)
 * it must pick the Vector API, and it must say so.
 */
class KernelsTest {

    @Test
    void theFacadeUsesTheVectorApiWhenTheModuleIsPresent() {
        assertTrue(Kernels.vectorApiPresent(), "the build runs tests with --add-modules jdk.incubator.vector");
        assertTrue(Kernels.describe().startsWith("Vector API"), Kernels.describe());
    }

    @Test
    void theSeedsConvolutionGivesTheReferenceAnswer() {
        // Conv2d(1, 4, kernel 4, no bias) on one 4x4 image: four dot products of length 16
        ConvGeometry g = new ConvGeometry(1, 1, 4, 4, 4, 4, 4, 1, 0);
        float[] input = new float[16], weight = new float[64];
        for (int i = 0; i < 16; i++) {
            input[i] = i % 3 - 1;
        }
        for (int i = 0; i < 64; i++) {
            weight[i] = (i % 5) * 0.25f;
        }
        float[] expected = new float[4], actual = new float[4];
        ReferenceKernels.conv2dForward(g, input, weight, null, expected);
        Kernels.conv2dForward(g, input, weight, null, actual);
        assertArrayEquals(expected, actual); // small integers and quarters: exact in any order
        assertEquals(4, g.outputSize());
    }
}
