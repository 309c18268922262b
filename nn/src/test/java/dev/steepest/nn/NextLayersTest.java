package dev.steepest.nn;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layers of the next chapters against PyTorch (scripts/fixtures/nn_layers_next.py): output, input
 * gradient, every parameter gradient and the printout, all at rtol 1e-5 / atol 1e-6 (the reductions
 * of weight gradients and normalisation statistics run in a different order than PyTorch's, but on
 * these sizes stay within that).
 */
class NextLayersTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_layers_next.json");
    private static final Generator G = new Generator(0);

    /** Copies the case's parameters in, runs forward and backward of sum(y·gy), and compares everything with PyTorch. */
    static void check(String name, Module module) {
        Fixtures.Case c = FIXTURES.get(name);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (String key : module.namedParameters().keySet()) params.put(key, c.tensor("param." + key));
        module.loadStateDict(params, false);
        module.zeroGrad();
        boolean differentiable = c.has("dx");
        // the fixtures hold every tensor as float32: an Embedding's indices are made int64, as PyTorch's were
        Tensor x = module instanceof Embedding ? c.tensor("x").toLong() : c.tensor("x").requiresGrad(differentiable);
        Tensor y = module.forward(x);
        assertClose(c.tensor("y"), y, 1e-5, 1e-6, name + " output");
        y.mul(c.tensor("gy")).sum().backward();
        if (differentiable) assertClose(c.tensor("dx"), x.grad(), 1e-5, 1e-6, name + " input gradient");
        module.namedParameters().forEach((key, p) -> assertClose(c.tensor("grad." + key), p.grad(), 1e-5, 1e-6, name + " gradient of " + key));
        assertEquals(c.string("repr"), module.toString(), name + " printout");
    }

    @Test
    void conv1dMatchesPyTorchWithStridePaddingKernelOneAndLengthOne() {
        check("conv1d", new Conv1d(3, 4, 3, 1, 0, true, G));
        check("conv1d_stride2_pad1", new Conv1d(3, 4, 3, 2, 1, true, G));
        check("conv1d_kernel1", new Conv1d(3, 5, 1, 1, 0, true, G));
        check("conv1d_length1_no_bias", new Conv1d(2, 3, 1, 1, 0, false, G));
        check("conv1d_length1_padded", new Conv1d(2, 2, 3, 1, 1, true, G));
    }

    @Test
    void convTranspose2dMatchesPyTorchWithStridePaddingAndOutputPadding() {
        check("conv_transpose2d", new ConvTranspose2d(2, 3, 3, 1, 0, 0, true, G));
        check("conv_transpose2d_s2_p1_op1", new ConvTranspose2d(2, 3, 3, 2, 1, 1, true, G));
        check("conv_transpose2d_rect", new ConvTranspose2d(2, 3, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 0}, true, G));
        check("conv_transpose2d_dcgan", new ConvTranspose2d(4, 2, 4, 2, 1, 0, false, G));
        check("conv_transpose2d_from_1x1", new ConvTranspose2d(3, 2, 4, 1, 0, 0, true, G));
        check("conv_transpose2d_s3", new ConvTranspose2d(1, 2, 2, 3, 0, 2, true, G));
    }

    @Test
    void conv2dTakesPyTorchsTuplesForKernelStrideAndPadding() {
        check("conv2d_rect", new Conv2d(2, 3, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, true, G));
        check("conv2d_1x3", new Conv2d(1, 2, new int[] {1, 3}, new int[] {1}, new int[] {0, 1}, true, G));
    }

    @Test
    void leakyReluMatchesPyTorchWithTheDefaultAndDcgansSlope() {
        check("leaky_relu", new LeakyReLU());
        check("leaky_relu_0.2", new LeakyReLU(0.2f));
    }

    @Test
    void poolsTakePyTorchsTuplesAndPrintThemAsGiven() {
        check("maxpool2d_rect", new MaxPool2d(new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}));
        check("avgpool2d_rect", new AvgPool2d(new int[] {3, 1}, new int[] {1, 2}, new int[] {1, 0}));
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).toString());
    }

    @Test
    void geluMatchesPyTorchExactlyAndWithTheTanhApproximation() {
        check("gelu", new GELU());
        check("gelu_tanh", new GELU("tanh"));
    }

    @Test
    void identityPassesItsInputThrough() {
        check("identity", new Identity());
    }

    @Test
    void layerNormMatchesPyTorchOverOneAndTwoDimensionsWithAndWithoutAffine() {
        check("layer_norm", new LayerNorm(5));
        check("layer_norm_2d", new LayerNorm(new int[] {2, 3}));
        check("layer_norm_no_affine", new LayerNorm(new int[] {4}, 1e-5, false));
        check("layer_norm_eps", new LayerNorm(new int[] {6}, 1e-3, true));
    }

    @Test
    void upsampleRepeatsEachValueAsPyTorchsNearestMode() {
        check("upsample", new Upsample(2));
        check("upsample_3", new Upsample(3));
        check("upsample_1d", new Upsample(2, "nearest"));
    }

    @Test
    void embeddingLooksUpRowsAndSendsGradientsOnlyToTheRowsUsed() {
        check("embedding", new Embedding(10, 4, G));
        Embedding padded = new Embedding(6, 3, 0, G);
        check("embedding_padding", padded);
        assertEquals(0f, padded.weight().grad().narrow(0, 0, 1).abs().sum().item(), "the padding row gets no gradient");
        assertEquals(0f, padded.weight().grad().narrow(0, 3, 2).abs().sum().item(), "rows 3 and 4 are not used");
        Embedding negative = new Embedding(5, 2, -1, G);
        assertEquals(4, negative.paddingIdx(), "a negative padding index counts from the end, as PyTorch stores it");
        check("embedding_negative_padding", negative);
    }

    @Test
    void batchNorm1dOn3dInputTakesStatisticsOverBatchAndLength() {
        for (String tag : new String[] {"batchnorm1d_length1", "batchnorm1d_batch1"}) {
            BatchNorm1d bn = new BatchNorm1d(3);
            for (String step : new String[] {"_train1", "_train2", "_eval"}) {
                if (step.equals("_eval")) bn.eval();
                check(tag + step, bn);
                Fixtures.Case c = FIXTURES.get(tag + step);
                assertClose(c.tensor("running_mean"), bn.runningMean(), 1e-5, 1e-6, tag + step + " running mean");
                assertClose(c.tensor("running_var"), bn.runningVar(), 1e-5, 1e-6, tag + step + " running var");
            }
        }
    }

    @Test
    void badInputNamesTheProblemAndTheShapes() {
        Embedding emb = new Embedding(10, 3, G);
        assertEquals("embedding: index 10 (at flat position 2 of indices [2, 2]) is out of range for a weight of 10 rows (shape [10, 3]);"
                        + " indices must be in [0, 9]",
                assertThrows(IndexOutOfBoundsException.class, () -> emb.forward(Tensor.of(new long[] {1, 2, 10, 0}, 2, 2))).getMessage());
        assertEquals("embedding: index -1 (at flat position 0 of indices [1]) is out of range for a weight of 10 rows (shape [10, 3]);"
                        + " indices must be in [0, 9]",
                assertThrows(IndexOutOfBoundsException.class, () -> emb.forward(Tensor.longs(-1))).getMessage());
        assertEquals("embedding: indices must be int64, got float32 (shape [1]); use indices.toLong()",
                assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.vector(1.5f))).getMessage());
        assertEquals("Embedding: paddingIdx must be within [-10, 9] for 10 embeddings, got 10",
                assertThrows(IllegalArgumentException.class, () -> new Embedding(10, 3, 10, G)).getMessage());

        assertEquals("ConvTranspose2d: outputPadding (2, 2) must be smaller than the stride (2, 2)"
                        + " (PyTorch: output padding must be smaller than either stride or dilation)",
                assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(4, 2, 4, 2, 1, 2, true, G)).getMessage());
        assertEquals("convTranspose2d: outputPadding 1 must be smaller than the stride 1"
                        + " (PyTorch: output padding must be smaller than either stride or dilation)",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.zeros(1, 2, 3, 3).convTranspose2d(Tensor.zeros(2, 1, 3, 3), null, 1, 0, 1)).getMessage());
        ConvTranspose2d up = new ConvTranspose2d(4, 2, 4, 2, 1, 0, true, G);
        assertEquals("ConvTranspose2d: expects a 4-D input [batch, channels, height, width], got shape [4, 3, 3];"
                        + " add a batch dimension with unsqueeze(0)",
                assertThrows(IllegalArgumentException.class, () -> up.forward(Tensor.zeros(4, 3, 3))).getMessage());
        assertEquals("convTranspose2d: input [1, 3, 2, 2] has 3 channels but weight [4, 2, 4, 4] expects 4"
                        + " (a transposed convolution's weight is [inChannels, outChannels, kH, kW])",
                assertThrows(IllegalArgumentException.class, () -> up.forward(Tensor.zeros(1, 3, 2, 2))).getMessage());

        Conv1d conv = new Conv1d(3, 4, 3, 1, 0, true, G);
        assertEquals("Conv1d: expects a 3-D input [batch, channels, length], got shape [3, 5]; add a batch dimension with unsqueeze(0)",
                assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(3, 5))).getMessage());
        assertEquals("Conv1d: expects a 3-D input [batch, channels, length], got shape [1, 3, 1, 5]",
                assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 3, 1, 5))).getMessage());
        assertEquals("conv1d: input [2, 2, 5] has 2 channels but weight [4, 3, 3] expects 3",
                assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 2, 5))).getMessage());
        assertEquals("conv1d: kernel 3 is longer than the padded input 2 (input [1, 3, 2], padding 0)",
                assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 3, 2))).getMessage());
    }

    @Test
    void badSettingsOfTheNewLayersAreRefused() {
        assertEquals("Upsample: mode 'bilinear' is not implemented; steepest has 'nearest'",
                assertThrows(IllegalArgumentException.class, () -> new Upsample(2, "bilinear")).getMessage());
        assertEquals("GELU: approximate must be 'none' (the exact erf form) or 'tanh', got 'erf'",
                assertThrows(IllegalArgumentException.class, () -> new GELU("erf")).getMessage());
        assertEquals("layerNorm: the input's last dimensions must be normalizedShape [5], got input of shape [5, 4]",
                assertThrows(IllegalArgumentException.class, () -> new LayerNorm(5).forward(Tensor.zeros(5, 4))).getMessage());
        assertEquals("MaxPool2d: kernel and stride must be at least 1 and padding in [0, kernel/2], got kernel (2, 3), stride 1, padding (0, 2)",
                assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(new int[] {2, 3}, new int[] {1}, new int[] {0, 2})).getMessage());
        assertEquals("upsampleNearest: expects a 3-D [batch, channels, length] or 4-D [batch, channels, height, width] input, got shape [4]",
                assertThrows(IllegalArgumentException.class, () -> new Upsample(2).forward(Tensor.zeros(4))).getMessage());
    }

    @Test
    void aFrozenModuleGetsNoGradients() {
        Linear a = new Linear(3, 2, true, G), b = new Linear(2, 1, true, G);
        Sequential net = new Sequential(a, b);
        a.freeze();
        net.forward(Tensor.ones(1, 3)).sum().backward();
        assertNull(a.weight().grad(), "frozen weight");
        assertNull(a.bias().grad(), "frozen bias");
        assertEquals(2, b.weight().grad().numel(), "the rest still trains");
        net.requiresGrad_(true);
        net.forward(Tensor.ones(1, 3)).sum().backward();
        assertEquals(6, a.weight().grad().numel(), "unfrozen again");
    }
}
