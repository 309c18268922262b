package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.abs;
import static dev.steepest.core.kernels.KernelAssertions.assertClose;
import static dev.steepest.core.kernels.KernelAssertions.filled;
import static dev.steepest.core.kernels.KernelAssertions.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution forward, backwardInput and backwardWeight against {@link ReferenceKernels}, over both
 * gemms, with samples grouped into one gemm and one sample per gemm, and through the facade: kernel
 * sizes 1, 3 and 5, stride 1 and 2, padding 0, 1 and 2, with and without bias, rectangular images.
 * Outputs start as NaN, so an element a kernel forgets to write fails.
 */
class ConvKernelsTest {

    /** The three convolution entry points, so that the facade and ConvKernels are tested alike. */
    interface Conv {
        void forward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out);

        void backwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput);

        void backwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight);
    }

    private static Conv of(ConvKernels kernels) {
        return new Conv() {
            @Override
            public void forward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out) {
                kernels.forward(g, input, weight, bias, out);
            }

            @Override
            public void backwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput) {
                kernels.backwardInput(g, gradOut, weight, gradInput);
            }

            @Override
            public void backwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight) {
                kernels.backwardWeight(g, input, gradOut, gradWeight);
            }

            @Override
            public String toString() {
                return kernels.toString();
            }
        };
    }

    private static final Conv FACADE = new Conv() {
        @Override
        public void forward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out) {
            Kernels.conv2dForward(g, input, weight, bias, out);
        }

        @Override
        public void backwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput) {
            Kernels.conv2dBackwardInput(g, gradOut, weight, gradInput);
        }

        @Override
        public void backwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight) {
            Kernels.conv2dBackwardWeight(g, input, gradOut, gradWeight);
        }

        @Override
        public String toString() {
            return "Kernels (facade)";
        }
    };

    static Stream<Conv> variants() {
        return Stream.of(
                of(new ConvKernels(new JavaGemm())),
                of(new ConvKernels(new JavaGemm(0, Long.MAX_VALUE, 1), 1)),
                of(new ConvKernels(new VectorGemm())),
                of(new ConvKernels(new VectorGemm(0, Long.MAX_VALUE, 1), 1)),
                of(new ConvKernels(new VectorGemm(), ConvKernels.COLUMN_BUDGET, true, 1)),
                of(new ConvKernels(new VectorGemm(0, Long.MAX_VALUE, 1), 1, true, 1)),
                FACADE);
    }

    /** Every kernel size, stride, padding and bias choice, on a random rectangular batch; plus fixed cases. */
    static List<ConvGeometry> geometries() {
        Random random = new Random(11);
        List<ConvGeometry> geometries = new ArrayList<>();
        for (int kernel : new int[] {1, 3, 5}) {
            for (int stride : new int[] {1, 2}) {
                for (int padding : new int[] {0, 1, 2}) {
                    int height = Math.max(kernel, 4 + random.nextInt(10));
                    int width = Math.max(kernel, 3 + random.nextInt(12));
                    geometries.add(new ConvGeometry(1 + random.nextInt(3), 1 + random.nextInt(3), height, width,
                            1 + random.nextInt(5), kernel, kernel, stride, padding));
                }
            }
        }
        geometries.add(new ConvGeometry(1, 1, 4, 4, 4, 4, 4, 1, 0));   // the seed's Conv2d(1, 4, 4) on 4x4
        geometries.add(new ConvGeometry(3, 2, 7, 5, 3, 3, 1, 1, 1));   // rectangular kernel
        geometries.add(new ConvGeometry(2, 3, 5, 9, 4, 1, 5, 2, 2));
        geometries.add(new ConvGeometry(2, 5, 6, 6, 7, 1, 1, 1, 0));   // 1x1, no im2col
        geometries.add(new ConvGeometry(3, 5, 1, 70, 6, 1, 1, 1, 0));   // 1x1 over 70 points (Conv1d k=1): sample by sample
        geometries.add(new ConvGeometry(2, 3, 29, 23, 8, 3, 3, 1, 1)); // large enough for the blocked gemm
        geometries.add(new ConvGeometry(5, 1, 13, 13, 16, 5, 5, 2, 0));
        geometries.add(new ConvGeometry(2, 1, 3, 3, 2, 5, 5, 1, 0));   // kernel larger than the image: empty output
        // the direct (wide layout) paths: LeNet's two shapes at a small batch, output channels that leave
        // 1, 2 and 3 rows of a 4-row tile, one-pixel-wide images, padding wider than the kernel, no samples
        geometries.add(new ConvGeometry(3, 1, 28, 28, 6, 5, 5, 1, 2));
        geometries.add(new ConvGeometry(3, 6, 14, 14, 16, 5, 5, 1, 0));
        geometries.add(new ConvGeometry(2, 2, 9, 11, 9, 3, 3, 1, 1));
        geometries.add(new ConvGeometry(3, 3, 6, 1, 5, 2, 1, 1, 0));
        geometries.add(new ConvGeometry(2, 2, 1, 1, 7, 3, 3, 1, 3));
        geometries.add(new ConvGeometry(1, 4, 17, 35, 3, 2, 4, 1, 1));
        geometries.add(new ConvGeometry(0, 2, 5, 5, 3, 3, 3, 1, 1));
        // PyTorch's tuples: stride and padding per axis; conv1d as a convolution of height 1; unequal
        // padding at stride 1 (the direct paths); a transposed convolution's geometry with stride 3
        geometries.add(new ConvGeometry(2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 0));
        geometries.add(new ConvGeometry(2, 2, 1, 9, 3, 1, 3, 1, 2, 0, 1));
        geometries.add(new ConvGeometry(3, 2, 6, 5, 2, 3, 1, 1, 1, 2, 0));
        geometries.add(new ConvGeometry(2, 3, 1, 17, 5, 1, 5, 1, 1, 0, 2));
        geometries.add(new ConvGeometry(2, 2, 8, 9, 1, 2, 2, 3, 3, 0, 0));
        // a transposed convolution from noise, seen from its output: a 4x4 kernel on 4x4 images, one output pixel
        geometries.add(new ConvGeometry(3, 8, 4, 4, 6, 4, 4, 1, 0));
        return geometries;
    }

    /** The output's length; 0 when the kernel does not fit (outputSize() multiplies two negative sides). */
    private static int outputSize(ConvGeometry g) {
        return g.outHeight() <= 0 || g.outWidth() <= 0 ? 0 : g.outputSize();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void forwardMatchesTheReferenceWithAndWithoutBias(Conv conv) {
        Random random = new Random(5);
        for (ConvGeometry g : geometries()) {
            for (boolean withBias : new boolean[] {false, true}) {
                float[] input = random(random, g.inputSize());
                float[] weight = random(random, g.weightSize());
                float[] bias = withBias ? random(random, g.outChannels()) : null;
                int size = outputSize(g);
                float[] expected = new float[size], magnitude = new float[size], actual = filled(size, Float.NaN);
                ReferenceKernels.conv2dForward(g, input, weight, bias, expected);
                ReferenceKernels.conv2dForward(g, abs(input), abs(weight), abs(bias), magnitude);
                conv.forward(g, input, weight, bias, actual);
                assertClose(expected, actual, magnitude, g.inChannels() * g.kernelHeight() * g.kernelWidth() + 1,
                        conv + " forward " + g + (withBias ? " with bias" : " without bias"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void backwardInputMatchesTheReference(Conv conv) {
        Random random = new Random(6);
        for (ConvGeometry g : geometries()) {
            float[] gradOut = random(random, outputSize(g));
            float[] weight = random(random, g.weightSize());
            float[] expected = new float[g.inputSize()], magnitude = new float[g.inputSize()];
            float[] actual = filled(g.inputSize(), Float.NaN);
            ReferenceKernels.conv2dBackwardInput(g, gradOut, weight, expected);
            ReferenceKernels.conv2dBackwardInput(g, abs(gradOut), abs(weight), magnitude);
            conv.backwardInput(g, gradOut, weight, actual);
            assertClose(expected, actual, magnitude, g.outChannels() * g.kernelHeight() * g.kernelWidth(),
                    conv + " backwardInput " + g);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void backwardWeightMatchesTheReference(Conv conv) {
        Random random = new Random(8);
        for (ConvGeometry g : geometries()) {
            float[] input = random(random, g.inputSize());
            float[] gradOut = random(random, outputSize(g));
            float[] expected = new float[g.weightSize()], magnitude = new float[g.weightSize()];
            float[] actual = filled(g.weightSize(), Float.NaN);
            ReferenceKernels.conv2dBackwardWeight(g, input, gradOut, expected);
            ReferenceKernels.conv2dBackwardWeight(g, abs(input), abs(gradOut), magnitude);
            conv.backwardWeight(g, input, gradOut, actual);
            assertClose(expected, actual, magnitude, outputSize(g) / Math.max(1, g.outChannels()),
                    conv + " backwardWeight " + g);
        }
    }

    /**
     * A transposed convolution's two gradients from one column matrix: the same bits as the forward
     * (without bias) and the weight gradient called one after the other, over both gemms, grouped and
     * one sample per gemm, split over threads or not, and through the facade.
     */
    @Test
    void forwardAndBackwardWeightTogetherGiveTheBitsOfTheTwoCalls() {
        Random random = new Random(12);
        List<ConvKernels> all = List.of(new ConvKernels(new JavaGemm()), new ConvKernels(new JavaGemm(0, Long.MAX_VALUE, 1), 1),
                new ConvKernels(new VectorGemm()), new ConvKernels(new VectorGemm(0, Long.MAX_VALUE, 1), 1),
                new ConvKernels(new VectorGemm(), ConvKernels.COLUMN_BUDGET, true, 3, 0));
        for (ConvGeometry g : geometries()) {
            float[] images = random(random, g.inputSize());
            float[] weight = random(random, g.weightSize());
            float[] gradOut = random(random, outputSize(g));
            for (ConvKernels kernels : all) {
                float[] out = filled(outputSize(g), Float.NaN), gradWeight = filled(g.weightSize(), Float.NaN);
                kernels.forward(g, images, weight, null, out);
                kernels.backwardWeight(g, images, gradOut, gradWeight);
                float[] together = filled(outputSize(g), Float.NaN), gradTogether = filled(g.weightSize(), Float.NaN);
                kernels.forwardAndBackwardWeight(g, images, weight, together, gradOut, gradTogether);
                org.junit.jupiter.api.Assertions.assertArrayEquals(out, together, kernels + " forward " + g);
                org.junit.jupiter.api.Assertions.assertArrayEquals(gradWeight, gradTogether, kernels + " backwardWeight " + g);
            }
            float[] facade = filled(outputSize(g), Float.NaN), gradFacade = filled(g.weightSize(), Float.NaN);
            Kernels.conv2dForwardAndBackwardWeight(g, images, weight, facade, gradOut, gradFacade);
            float[] out = filled(outputSize(g), Float.NaN), gradWeight = filled(g.weightSize(), Float.NaN);
            Kernels.conv2dForward(g, images, weight, null, out);
            Kernels.conv2dBackwardWeight(g, images, gradOut, gradWeight);
            org.junit.jupiter.api.Assertions.assertArrayEquals(out, facade, "Kernels forward " + g);
            org.junit.jupiter.api.Assertions.assertArrayEquals(gradWeight, gradFacade, "Kernels backwardWeight " + g);
        }
    }

    /**
     * The wide layout computes a whole span of wide indices per output channel; where fewer than half
     * of them are output pixels (one pixel in a span of 16), the column matrix's product is cheaper.
     */
    @Test
    void onlyConvolutionsWhoseSpanIsMostlyOutputTakeTheWideLayout() {
        org.junit.jupiter.api.Assertions.assertTrue(WideLayout.applies(new ConvGeometry(64, 1, 28, 28, 6, 5, 5, 1, 2), 16), "LeNet conv1");
        org.junit.jupiter.api.Assertions.assertTrue(WideLayout.applies(new ConvGeometry(64, 6, 14, 14, 16, 5, 5, 1, 0), 16), "LeNet conv2");
        org.junit.jupiter.api.Assertions.assertTrue(WideLayout.applies(new ConvGeometry(64, 1, 8, 8, 32, 3, 3, 1, 1), 16), "the gan's last layer");
        org.junit.jupiter.api.Assertions.assertFalse(WideLayout.applies(new ConvGeometry(64, 64, 4, 4, 32, 4, 4, 1, 0), 16), "1x1 output");
        org.junit.jupiter.api.Assertions.assertFalse(WideLayout.applies(new ConvGeometry(64, 32, 8, 8, 64, 4, 4, 2, 1), 16), "stride 2");
    }

    /**
     * The bias gradient, plain (eight partial sums) and on the Vector API (two vectors of them), and
     * through the facade: planes shorter and longer than eight floats, one and two vectors, and odd.
     */
    @Test
    void backwardBiasMatchesTheReference() {
        Random random = new Random(9);
        List<ConvGeometry> all = new ArrayList<>(geometries());
        all.add(new ConvGeometry(2, 1, 4, 2, 3, 1, 1, 1, 0));   // 8-pixel planes
        all.add(new ConvGeometry(3, 1, 3, 3, 5, 1, 1, 1, 0));   // 9-pixel planes
        all.add(new ConvGeometry(2, 2, 4, 4, 3, 1, 1, 1, 0));   // 16-pixel planes
        all.add(new ConvGeometry(2, 1, 8, 6, 2, 1, 1, 1, 0));   // 48-pixel planes
        all.add(new ConvGeometry(2, 1, 47, 1, 2, 1, 1, 1, 0));  // 47-pixel planes
        for (ConvGeometry g : all) {
            float[] gradOut = random(random, outputSize(g));
            float[] expected = new float[g.outChannels()], magnitude = new float[g.outChannels()];
            ReferenceKernels.conv2dBackwardBias(g, gradOut, expected);
            ReferenceKernels.conv2dBackwardBias(g, abs(gradOut), magnitude);
            int terms = outputSize(g) / Math.max(1, g.outChannels());
            float[] plain = filled(g.outChannels(), Float.NaN);
            new ConvKernels(new JavaGemm()).backwardBias(g, gradOut, plain);
            assertClose(expected, plain, magnitude, terms, "plain backwardBias " + g);
            float[] vector = filled(g.outChannels(), Float.NaN);
            DirectConvBackward.backwardBias(g, gradOut, vector, 1);
            assertClose(expected, vector, magnitude, terms, "vector backwardBias " + g);
            float[] facade = filled(g.outChannels(), Float.NaN);
            Kernels.conv2dBackwardBias(g, gradOut, facade);
            assertClose(expected, facade, magnitude, terms, "Kernels.conv2dBackwardBias " + g);
        }
    }
}
