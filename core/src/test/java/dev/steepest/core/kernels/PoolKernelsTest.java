package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.abs;
import static dev.steepest.core.kernels.KernelAssertions.assertClose;
import static dev.steepest.core.kernels.KernelAssertions.assertSame;
import static dev.steepest.core.kernels.KernelAssertions.filled;
import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Max and average pooling, {@link PoolKernels} and the facade, against {@link ReferenceKernels}:
 * windows 1, 2 and 3, strides 1 to 3, with and without padding, rectangular images. The max must be
 * identical to the reference, its argmax indices included, also with ties and NaN.
 */
class PoolKernelsTest {

    static List<PoolGeometry> geometries() {
        Random random = new Random(13);
        List<PoolGeometry> geometries = new ArrayList<>();
        for (int kernel = 1; kernel <= 3; kernel++) {
            for (int stride = 1; stride <= 3; stride++) {
                for (int padding = 0; padding <= kernel / 2; padding++) {
                    geometries.add(new PoolGeometry(1 + random.nextInt(3), 1 + random.nextInt(3),
                            kernel + random.nextInt(12), kernel + random.nextInt(9), kernel, stride, padding));
                }
            }
        }
        geometries.add(new PoolGeometry(2, 3, 28, 28, 2, 2, 0));
        geometries.add(new PoolGeometry(1, 1, 1, 1, 1, 1, 0));
        // PyTorch's tuples: a window, stride and padding of their own per axis
        geometries.add(new PoolGeometry(2, 2, 7, 6, 2, 3, 2, 1, 1, 1));
        geometries.add(new PoolGeometry(1, 3, 5, 9, 3, 1, 1, 2, 1, 0));
        geometries.add(new PoolGeometry(2, 1, 4, 5, 1, 2, 1, 2, 0, 1));
        return geometries;
    }

    @Test
    void maxPoolingIsIdenticalToTheReferenceIncludingTiesAndArgmax() {
        Random random = new Random(1);
        for (PoolGeometry g : geometries()) {
            // few distinct values, so that most windows hold ties
            float[] input = new float[g.inputSize()];
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextInt(4) - 2;
            }
            checkMax(g, input);
            checkMax(g, random(random, g.inputSize()));
        }
    }

    @Test
    void maxPoolingPicksNaNLikeTheReference() {
        PoolGeometry g = new PoolGeometry(1, 1, 4, 5, 3, 1, 1);
        float[] input = new float[g.inputSize()];
        Arrays.fill(input, 1f);
        input[6] = Float.NaN;
        input[8] = Float.NaN;
        input[13] = 7f;
        checkMax(g, input);
    }

    @Test
    void maxPoolingTwoByTwoPicksNaNAndTiesLikeTheReferenceAtEveryWindowPosition() {
        // the 2x2, stride 2 path: a NaN at each of the four window positions, NaN after NaN,
        // a number after NaN, ties, and an odd-sized image whose last row and column are left out
        PoolGeometry g = new PoolGeometry(2, 2, 7, 9, 2, 2, 0);
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            float[] input = new float[g.inputSize()];
            for (int i = 0; i < input.length; i++) {
                int r = random.nextInt(6);
                input[i] = r == 0 ? Float.NaN : r == 1 ? Float.NEGATIVE_INFINITY : random.nextInt(3) - 1;
            }
            checkMax(g, input);
        }
    }

    @Test
    void maxPoolingTwoByTwoOnTheVectorApiIsIdenticalToTheReference() {
        // LeNet's two pools; a row of exactly one vector; rows that end in an overlapping vector;
        // rows shorter than a vector; more rows than one block of the three passes; NaN,
        // infinities, signed zeros and ties
        PoolGeometry[] shapes = {
            new PoolGeometry(2, 3, 28, 28, 2, 2, 0), new PoolGeometry(2, 4, 10, 10, 2, 2, 0),
            new PoolGeometry(1, 2, 4, 16, 2, 2, 0), new PoolGeometry(3, 1, 6, 34, 2, 2, 0),
            new PoolGeometry(2, 2, 8, 18, 2, 2, 0), new PoolGeometry(1, 1, 130, 20, 2, 2, 0),
            new PoolGeometry(3, 2, 2, 2, 2, 2, 0), new PoolGeometry(1, 3, 40, 14, 2, 2, 0),
        };
        float[] values = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -0f, 0f, -1f, 1f, 2f};
        Random random = new Random(17);
        for (PoolGeometry g : shapes) {
            assertTrue(VectorPool.applies(g), g + " should take the vector path");
            for (int trial = 0; trial < 20; trial++) {
                float[] input = new float[g.inputSize()];
                for (int i = 0; i < input.length; i++) {
                    input[i] = trial % 2 == 0 ? values[random.nextInt(values.length)] : (float) random.nextGaussian();
                }
                checkMax(g, input);
            }
        }
        assertFalse(VectorPool.applies(new PoolGeometry(1, 1, 4, 17, 2, 2, 0)), "odd width");
        assertFalse(VectorPool.applies(new PoolGeometry(1, 1, 5, 16, 2, 2, 0)), "odd height");
        assertFalse(VectorPool.applies(new PoolGeometry(1, 1, 4, 16, 3, 2, 0)), "window 3");
        assertFalse(VectorPool.applies(new PoolGeometry(1, 1, 4, 16, 2, 2, 1)), "padding 1");
        assertFalse(VectorPool.applies(new PoolGeometry(1, 1, 4, 16, 2, 1, 0)), "stride 1");
    }

    @Test
    void averagePoolingMatchesTheReferenceForwardAndBackward() {
        Random random = new Random(3);
        for (PoolGeometry g : geometries()) {
            int terms = g.kernelHeight() * g.kernelWidth();
            float[] input = random(random, g.inputSize());
            float[] expected = new float[g.outputSize()], magnitude = new float[g.outputSize()];
            ReferenceKernels.avgPool2dForward(g, input, expected);
            ReferenceKernels.avgPool2dForward(g, abs(input), magnitude);
            for (boolean facade : new boolean[] {false, true}) {
                float[] actual = filled(g.outputSize(), Float.NaN);
                if (facade) {
                    Kernels.avgPool2dForward(g, input, actual);
                } else {
                    PoolKernels.avgPool2dForward(g, input, actual);
                }
                assertClose(expected, actual, magnitude, terms, "avgPool2dForward " + g);
            }

            float[] gradOut = random(random, g.outputSize());
            float[] expectedGrad = new float[g.inputSize()], gradMagnitude = new float[g.inputSize()];
            ReferenceKernels.avgPool2dBackward(g, gradOut, expectedGrad);
            ReferenceKernels.avgPool2dBackward(g, abs(gradOut), gradMagnitude);
            for (boolean facade : new boolean[] {false, true}) {
                float[] actual = filled(g.inputSize(), Float.NaN);
                if (facade) {
                    Kernels.avgPool2dBackward(g, gradOut, actual);
                } else {
                    PoolKernels.avgPool2dBackward(g, gradOut, actual);
                }
                assertClose(expectedGrad, actual, gradMagnitude, terms, "avgPool2dBackward " + g);
            }
        }
    }

    private static void checkMax(PoolGeometry g, float[] input) {
        float[] expected = new float[g.outputSize()];
        int[] expectedArgmax = new int[g.outputSize()];
        ReferenceKernels.maxPool2dForward(g, input, expected, expectedArgmax);
        float[] gradOut = random(new Random(g.hashCode()), g.outputSize());
        float[] expectedGrad = new float[g.inputSize()];
        ReferenceKernels.maxPool2dBackward(g, gradOut, expectedArgmax, expectedGrad);
        for (String variant : new String[] {"PoolKernels", "Kernels", "VectorPool"}) {
            if (variant.equals("VectorPool") && !VectorPool.applies(g)) {
                continue;
            }
            float[] actual = filled(g.outputSize(), Float.NaN);
            int[] argmax = new int[g.outputSize()];
            float[] grad = filled(g.inputSize(), Float.NaN);
            if (variant.equals("Kernels")) {
                Kernels.maxPool2dForward(g, input, actual, argmax);
                Kernels.maxPool2dBackward(g, gradOut, argmax, grad);
            } else if (variant.equals("VectorPool")) {
                VectorPool.maxPool2x2(g, input, actual, argmax, 1);
                PoolKernels.maxPool2dBackward(g, gradOut, argmax, grad);
            } else {
                PoolKernels.maxPool2dForward(g, input, actual, argmax);
                PoolKernels.maxPool2dBackward(g, gradOut, argmax, grad);
            }
            String what = variant + " maxPool2d " + g;
            assertSame(expected, actual, 0, expected.length, what + " forward");
            assertArrayEquals(expectedArgmax, argmax, what + " argmax");
            assertSame(expectedGrad, grad, 0, grad.length, what + " backward");
        }
    }
}
