package dev.steepest.nn;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every layer against PyTorch: output, input gradient, parameter gradients and printout (scripts/fixtures/nn_layers.py). */
class LayersTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_layers.json");
    private static final Generator G = new Generator(0);

    /** Copies the case's parameters in, runs forward and backward of sum(y·gy), and compares everything with PyTorch. */
    static void check(String name, Module module) {
        Fixtures.Case c = FIXTURES.get(name);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (String key : module.namedParameters().keySet()) params.put(key, c.tensor("param." + key));
        module.loadStateDict(params, false);
        module.zeroGrad();
        Tensor x = c.tensor("x").requiresGrad(true);
        Tensor y = module.forward(x);
        assertClose(c.tensor("y"), y, 1e-5, 1e-5, name + " output");
        y.mul(c.tensor("gy")).sum().backward();
        assertClose(c.tensor("dx"), x.grad(), 1e-4, 1e-5, name + " input gradient");
        module.namedParameters().forEach((key, p) -> assertClose(c.tensor("grad." + key), p.grad(), 1e-4, 1e-4, name + " gradient of " + key));
        assertEquals(c.string("repr"), module.toString(), name + " printout");
    }

    @Test
    void linearMatchesPyTorchWithAndWithoutBias() {
        check("linear", new Linear(5, 3, true, G));
        check("linear_no_bias", new Linear(5, 3, false, G));
    }

    @Test
    void conv2dMatchesPyTorchWithBiasStrideAndPadding() {
        check("conv2d", new Conv2d(2, 3, 3, 1, 0, true, G));
        check("conv2d_no_bias", new Conv2d(1, 4, 4, 1, 0, false, G));
        check("conv2d_stride2_pad1", new Conv2d(2, 3, 3, 2, 1, true, G));
    }

    @Test
    void poolingMatchesPyTorch() {
        check("maxpool2d", new MaxPool2d(2));
        check("maxpool2d_3_2_1", new MaxPool2d(3, 2, 1));
        check("avgpool2d", new AvgPool2d(2));
        check("avgpool2d_3_2_1", new AvgPool2d(3, 2, 1));
    }

    @Test
    void activationsAndFlattenMatchPyTorch() {
        check("flatten", new Flatten());
        check("relu", new ReLU());
        check("sigmoid", new Sigmoid());
        check("tanh", new Tanh());
        check("softmax", new Softmax(1));
        check("log_softmax", new LogSoftmax(1));
    }

    @Test
    void sequentialNamesItsPartsByIndexAndMatchesPyTorch() {
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 0, true, G), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8, 3, true, G));
        assertEquals("[0.weight, 0.bias, 4.weight, 4.bias]", net.namedParameters().keySet().toString());
        check("sequential", net);
    }

    @Test
    void batchNorm1dTrainsUpdatesRunningStatisticsAndEvaluates() {
        checkBatchNorm("batchnorm1d_2d", new BatchNorm1d(3));
        checkBatchNorm("batchnorm1d_3d", new BatchNorm1d(3));
    }

    @Test
    void batchNorm2dTrainsUpdatesRunningStatisticsAndEvaluates() {
        checkBatchNorm("batchnorm2d_4d", new BatchNorm2d(3));
    }

    private static void checkBatchNorm(String tag, BatchNorm bn) {
        for (String step : new String[] {"_train1", "_train2", "_eval"}) {
            if (step.equals("_eval")) bn.eval();
            check(tag + step, bn);
            Fixtures.Case c = FIXTURES.get(tag + step);
            assertClose(c.tensor("running_mean"), bn.runningMean(), 1e-5, 1e-6, tag + step + " running mean");
            assertClose(c.tensor("running_var"), bn.runningVar(), 1e-5, 1e-6, tag + step + " running var");
        }
        assertEquals(2L, bn.stateDict().get("num_batches_tracked").longItem(), "two training batches were counted");
        assertEquals(dev.steepest.core.DType.INT64, bn.stateDict().get("num_batches_tracked").dtype(), "an int64 count, as PyTorch's");
    }

    @Test
    void aBatchNormCountSavedAsFloatByAnEarlierSteepestLoadsAsItsInt64AndSavesAsI64() throws Exception {
        BatchNorm1d bn = new BatchNorm1d(2);
        Map<String, Tensor> old = new LinkedHashMap<>(bn.stateDict());
        old.put("num_batches_tracked", Tensor.scalar(5f));   // the float32 buffer files written before issue 21 hold
        bn.loadStateDict(old, true);
        assertEquals(dev.steepest.core.DType.INT64, bn.stateDict().get("num_batches_tracked").dtype());
        assertEquals(5L, bn.stateDict().get("num_batches_tracked").longItem());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bn", ".safetensors");
        try {
            bn.save(file);
            BatchNorm1d back = new BatchNorm1d(2);
            back.load(file);
            assertEquals(5L, back.stateDict().get("num_batches_tracked").longItem(), "written as I64, read back whole");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
