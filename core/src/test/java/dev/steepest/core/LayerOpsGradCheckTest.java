package dev.steepest.core;

import dev.steepest.core.kernels.Erf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import java.util.stream.Stream;
import dev.steepest.core.testing.TestInputs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The ops of the next chapters' layers against central differences ({@link GradCheck}, default
 * float32 tolerances): conv1d, convTranspose2d, the tuple forms of conv2d and the pools, leakyRelu,
 * gelu and embedding; plus what they must refuse. Their values against PyTorch are in nn's
 * NextLayersTest.
 */
class LayerOpsGradCheckTest {

    private final Generator gen = new Generator(271828);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    /** |x| in [0.2, 2) with a random sign: away from leaky relu's kink at 0. */
    private Tensor awayFromZero(int... shape) {
        return TestInputs.awayFromZero(gen, shape);
    }

    /** Distinct values 0.05 apart, in row-major order reversed every other row: no ties in a max window. */
    private static Tensor ramp(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.rawData();
        for (int i = 0; i < d.length; i++) d[i] = ((i * 7919) % d.length - d.length / 2) * 0.05f;
        return t.requiresGrad(true);
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertGradients(f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> convolutions() {
        return Stream.of(
                check("conv1d stride 1 with bias", x -> x[0].conv1d(x[1], x[2], 1, 0), randn(2, 3, 7), randn(4, 3, 3), randn(4)),
                check("conv1d stride 2 padding 1", x -> x[0].conv1d(x[1], x[2], 2, 1), randn(2, 3, 8), randn(4, 3, 3), randn(4)),
                check("conv1d length 1 padded", x -> x[0].conv1d(x[1], null, 1, 1), randn(1, 2, 1), randn(3, 2, 3)),
                check("conv2d kernel (3, 2) stride (2, 1) padding (1, 0)",
                        x -> x[0].conv2d(x[1], x[2], new int[] {2, 1}, new int[] {1, 0}), randn(2, 2, 5, 4), randn(3, 2, 3, 2), randn(3)),
                check("convTranspose2d stride 1", x -> x[0].convTranspose2d(x[1], x[2], 1, 0, 0), randn(2, 2, 3, 3), randn(2, 3, 3, 3), randn(3)),
                check("convTranspose2d stride 2 padding 1 outputPadding 1",
                        x -> x[0].convTranspose2d(x[1], x[2], 2, 1, 1), randn(2, 2, 3, 3), randn(2, 3, 3, 3), randn(3)),
                check("convTranspose2d DCGAN's 4/2/1 without bias", x -> x[0].convTranspose2d(x[1], null, 2, 1, 0), randn(1, 3, 2, 2), randn(3, 2, 4, 4)),
                check("convTranspose2d non-square everything",
                        x -> x[0].convTranspose2d(x[1], x[2], new int[] {2, 3}, new int[] {1, 0}, new int[] {1, 2}),
                        randn(1, 2, 3, 2), randn(2, 2, 3, 2), randn(2)),
                check("convTranspose2d from 1x1", x -> x[0].convTranspose2d(x[1], x[2], 1, 0, 0), randn(2, 3, 1, 1), randn(3, 2, 4, 4), randn(2)));
    }

    @TestFactory
    Stream<DynamicTest> poolsActivationsNormsAndLookups() {
        Tensor indices = Tensor.of(new long[] {1, 4, 1, 0, 2, 4}, 2, 3);
        return Stream.of(
                check("maxPool2d window (2, 3) stride (2, 1) padding (1, 1)",
                        x -> x[0].maxPool2d(new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}), ramp(2, 2, 5, 4)),
                check("avgPool2d window (3, 1) stride (1, 2) padding (1, 0)",
                        x -> x[0].avgPool2d(new int[] {3, 1}, new int[] {1, 2}, new int[] {1, 0}), randn(1, 2, 4, 5)),
                check("leakyRelu 0.01", x -> x[0].leakyRelu(0.01f), awayFromZero(3, 4)),
                check("leakyRelu 0.2", x -> x[0].leakyRelu(0.2f), awayFromZero(3, 4)),
                check("gelu exact", x -> x[0].gelu(), randn(3, 4)),
                check("gelu tanh", x -> x[0].gelu("tanh"), randn(3, 4)),
                check("layerNorm over the last dimension", x -> x[0].layerNorm(new int[] {5}, x[1], x[2], 1e-5), randn(3, 5), randn(5), randn(5)),
                check("layerNorm over two dimensions, no affine", x -> x[0].layerNorm(new int[] {2, 3}, null, null, 1e-5), randn(4, 2, 3)),
                check("upsampleNearest 2", x -> x[0].upsampleNearest(2), randn(1, 2, 2, 3)),
                check("upsampleNearest (3, 1)", x -> x[0].upsampleNearest(3, 1), randn(2, 1, 2, 2)),
                check("upsampleNearest 1-D", x -> x[0].upsampleNearest(2), randn(2, 3, 4)),
                check("embedding, repeated rows", x -> Tensor.embedding(x[0], indices), randn(5, 3)));
    }

    @Test
    void embeddingsPaddingRowGetsNoGradientAndTheOthersTheirUsualOne() {
        // the padding row is excluded on purpose, so GradCheck's central differences do not apply to it
        Tensor indices = Tensor.of(new long[] {1, 4, 1, 0, 2, 4}, 2, 3), upstream = Tensor.randn(gen, 2, 3, 3);
        Tensor plain = Tensor.randn(gen, 5, 3).requiresGrad(true), padded = plain.detach().requiresGrad(true);
        Tensor.embedding(plain, indices).mul(upstream).sum().backward();
        Tensor y = Tensor.embedding(padded, indices, -1);
        assertArrayEquals(Tensor.embedding(plain, indices).toArray(), y.toArray(), "the padding row is still looked up");
        y.mul(upstream).sum().backward();
        assertArrayEquals(new float[3], padded.grad().select(0, 4).toArray(), "row 4, the padding row");
        assertArrayEquals(plain.grad().narrow(0, 0, 4).toArray(), padded.grad().narrow(0, 0, 4).toArray(), "rows 0 to 3");
        assertArrayEquals(new float[3], plain.grad().select(0, 3).toArray(), "row 3 is not used");
    }

    @Test
    void convTranspose2dIsTheInputGradientOfConv2d() {
        // <conv2d(y, w), x> = <y, convTranspose2d(x, w)> for every x and y: the two are adjoint
        Tensor w = Tensor.randn(gen, 3, 2, 3, 3), x = Tensor.randn(gen, 2, 3, 4, 4), y = Tensor.randn(gen, 2, 2, 8, 8);
        float left = y.conv2d(w, null, 2, 1).mul(x).sum().item();
        Tensor up = x.convTranspose2d(w, null, 2, 1, 1);
        assertArrayEquals(new int[] {2, 2, 8, 8}, up.shape(), "(4 − 1)·2 − 2 + 3 + 1 = 8");
        assertEquals(left, up.mul(y).sum().item(), 1e-4f * Math.abs(left) + 1e-4f);
    }

    @Test
    void erfIsAccurateToDoublePrecision() {
        // erf(0.5), erf(1), erf(2), erf(3.5) to 16 digits (Abramowitz and Stegun, table 7.1)
        assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, Erf.erf(1), 1e-15);
        assertEquals(-0.9953222650189527, Erf.erf(-2), 1e-15);
        assertEquals(0.9999992569016276, Erf.erf(3.5), 1e-15);
        assertEquals(1.0, Erf.erf(7), 0);
    }

    @Test
    void badArgumentsAreReportedWithTheirValues() {
        assertEquals("gelu: approximate must be 'none' (the exact erf form) or 'tanh', got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).gelu("fast")).getMessage());
        assertEquals("convTranspose2d: expects a 4-D weight [inChannels, outChannels, kernelHeight, kernelWidth], got shape [2, 3, 3]",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 2, 3, 3).convTranspose2d(Tensor.zeros(2, 3, 3), null, 1, 0, 0)).getMessage());
        assertEquals("convTranspose2d: the output would be -1x-1 for input [1, 2, 1, 1], kernel 3x3, stride 1, padding 2; use less padding",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 2, 1, 1).convTranspose2d(Tensor.zeros(2, 3, 3, 3), null, 1, 2, 0)).getMessage());
        assertEquals("convTranspose2d: bias must have shape [3] for 3 output channels, got [2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.zeros(1, 2, 3, 3).convTranspose2d(Tensor.zeros(2, 3, 3, 3), Tensor.zeros(2), 1, 0, 0)).getMessage());
        assertEquals("conv2d: stride must have one value or two (height, width), got [1, 1, 1]",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.zeros(1, 2, 3, 3).conv2d(Tensor.zeros(2, 2, 3, 3), null, new int[] {1, 1, 1}, new int[] {0})).getMessage());
        assertEquals("maxPool2d: padding should be at most half the kernel size, got padding (1, 2) for kernel (2, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.zeros(1, 1, 4, 4).maxPool2d(new int[] {2, 3}, new int[] {1}, new int[] {1, 2})).getMessage());
        assertEquals("conv1d: stride must be at least 1 and padding at least 0, got stride 0 and padding 0",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 2, 5).conv1d(Tensor.zeros(3, 2, 3), null, 0, 0)).getMessage());
        assertEquals("embedding: expects a 2-D weight [numEmbeddings, embeddingDim], got shape [5]",
                assertThrows(IllegalArgumentException.class, () -> Tensor.embedding(Tensor.zeros(5), Tensor.longs(1))).getMessage());
        assertEquals("embedding: paddingIdx must be within [-5, 4] for 5 embeddings, got 5",
                assertThrows(IllegalArgumentException.class, () -> Tensor.embedding(Tensor.zeros(5, 2), Tensor.longs(1), 5)).getMessage());
    }
}
