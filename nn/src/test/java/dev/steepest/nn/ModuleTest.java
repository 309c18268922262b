package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Module base: registration order, dotted names, printing, modes, gradients and state dicts. */
class ModuleTest {

    /** The seed's Test_Conv: a 4x4 convolution without bias, viewed as [1, 4]. */
    static final class TestConv extends Module {
        final Conv2d conv;

        TestConv(Generator g) {
            conv = registerModule("conv", new Conv2d(1, 4, 4, 1, 0, false, g));
        }

        @Override
        public Tensor forward(Tensor x) {
            return conv.forward(x).view(1, 4);
        }

        @Override
        public String name() {
            return "Test_Conv";
        }
    }

    /** A network with nested Sequential and BatchNorm, to check names and order. */
    static final class Net extends Module {
        Net(Generator g) {
            registerModule("features", new Sequential(new Conv2d(1, 2, 3, 1, 1, true, g), new BatchNorm2d(2), new ReLU()));
            registerModule("head", new Linear(8, 3, true, g));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = namedChildren().get("features").forward(x).flatten(1, -1);
            return namedChildren().get("head").forward(h);
        }
    }

    @Test
    void customModulePrintsLikePyTorchAndNamesItsParameters() {
        TestConv net = new TestConv(new Generator(1));
        assertEquals("Test_Conv(\n  (conv): Conv2d(1, 4, kernel_size=(4, 4), stride=(1, 1), bias=False)\n)", net.toString());
        assertEquals(List.of("conv.weight"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of(4, 1), List.of(net.forward(Tensor.ones(1, 1, 4, 4)).shape()[1], net.forward(Tensor.ones(1, 1, 4, 4)).shape()[0]));
    }

    @Test
    void namesAndStateDictFollowPyTorchsOrder() {
        Net net = new Net(new Generator(2));
        assertEquals("[features.0.weight, features.0.bias, features.1.weight, features.1.bias, head.weight, head.bias]",
                net.namedParameters().keySet().toString());
        assertEquals("[features.0.weight, features.0.bias, features.1.weight, features.1.bias, features.1.running_mean, "
                + "features.1.running_var, features.1.num_batches_tracked, head.weight, head.bias]", net.stateDict().keySet().toString());
        assertEquals(6, net.parameters().size());
        assertEquals("[features.1.running_mean, features.1.running_var, features.1.num_batches_tracked]", net.namedBuffers().keySet().toString());
        assertTrue(net.parameters().stream().allMatch(Tensor::requiresGrad), "parameters require grad");
        assertEquals("Net(\n  (features): Sequential(\n    (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n"
                + "    (1): BatchNorm2d(2, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n    (2): ReLU()\n  )\n"
                + "  (head): Linear(in_features=8, out_features=3, bias=True)\n)", net.toString());
    }

    @Test
    void aSharedParameterIsListedOnce() {
        Linear shared = new Linear(2, 2, true, new Generator(3));
        Sequential twice = new Sequential(shared, new ReLU(), shared);
        assertEquals("[0.weight, 0.bias]", twice.namedParameters().keySet().toString());
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Net net = new Net(new Generator(4));
        net.eval();
        assertFalse(net.isTraining());
        assertFalse(((Sequential) net.namedChildren().get("features")).get(1).isTraining());
        net.train();
        assertTrue(((Sequential) net.namedChildren().get("features")).get(1).isTraining());
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Net net = new Net(new Generator(5));
        net.forward(Tensor.rand(new Generator(6), 2, 1, 2, 2)).sum().backward();
        assertTrue(net.parameters().stream().allMatch(p -> p.grad() != null));
        net.zeroGrad();
        assertTrue(net.parameters().stream().allMatch(p -> p.grad() == null));
    }

    @Test
    void dropoutIsActiveOnlyInTrainingAndRepeatsWithTheSameSeed() {
        Tensor x = Tensor.ones(1000);
        Tensor a = new Dropout(0.5f, new Generator(7)).forward(x);
        Tensor b = new Dropout(0.5f, new Generator(7)).forward(x);
        assertArrayEquals(a.toArray(), b.toArray(), "same seed, same mask");
        long zeros = 0;
        for (float v : a.toArray()) {
            assertTrue(v == 0f || v == 2f, "kept values are scaled by 1/(1-p): " + v);
            if (v == 0f) zeros++;
        }
        assertTrue(zeros > 400 && zeros < 600, "about half dropped, got " + zeros);
        Dropout d = new Dropout(0.5f, new Generator(7));
        d.eval();
        assertArrayEquals(x.toArray(), d.forward(x).toArray(), "identity in eval mode");
        assertEquals("Dropout(p=0.5, inplace=False)", d.toString());
    }

    @Test
    void stateDictRoundTripCopiesValuesIntoAnotherModel() {
        Net a = new Net(new Generator(8));
        a.forward(Tensor.rand(new Generator(9), 4, 1, 2, 2));   // moves BatchNorm's running statistics
        Net b = new Net(new Generator(10));
        Module.LoadResult result = b.loadStateDict(a.stateDict(), true);
        assertTrue(result.missingKeys().isEmpty() && result.unexpectedKeys().isEmpty());
        a.stateDict().forEach((k, t) -> {
            assertArrayEquals(t.toArray(), b.stateDict().get(k).toArray(), k);
            assertNotSame(t, b.stateDict().get(k), "values are copied, not shared: " + k);
        });
        assertNull(b.parameters().get(0).grad());
        assertTrue(b.parameters().get(0).isLeaf() && b.parameters().get(0).requiresGrad(), "loading keeps parameters trainable leaves");
    }

    @Test
    void strictLoadReportsEveryMissingUnexpectedAndMismatchedKeyInOneMessage() {
        Net net = new Net(new Generator(11));
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        state.remove("head.bias");
        state.remove("features.1.running_var");
        state.put("head.extra", Tensor.zeros(1));
        state.put("features.0.weight", Tensor.zeros(2, 1, 5, 5));
        float before = net.stateDict().get("head.weight").get(0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, true));
        assertEquals("loadStateDict: error(s) in loading the state into Net:\n"
                + "  missing key(s): features.1.running_var, head.bias\n"
                + "  unexpected key(s): head.extra\n"
                + "  size mismatch for features.0.weight: checkpoint has [2, 1, 5, 5], model has [2, 1, 3, 3]", e.getMessage());
        assertEquals(before, net.stateDict().get("head.weight").get(0, 0), "nothing is copied when the load fails");
    }

    @Test
    void nonStrictLoadSkipsMissingAndUnexpectedKeysButNotShapeMismatches() {
        Net net = new Net(new Generator(12));
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("head.bias", Tensor.full(5f, 3));
        state.put("other", Tensor.zeros(1));
        Module.LoadResult r = net.loadStateDict(state, false);
        assertEquals(List.of("other"), r.unexpectedKeys());
        assertEquals(8, r.missingKeys().size());
        assertArrayEquals(new float[] {5f, 5f, 5f}, net.stateDict().get("head.bias").toArray());
        state.put("head.weight", Tensor.zeros(3, 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, false));
        assertTrue(e.getMessage().contains("size mismatch for head.weight: checkpoint has [3, 9], model has [3, 8]"), e.getMessage());
    }

    @Test
    void saveAndLoadRoundTripThroughASafetensorsFile(@TempDir Path dir) throws IOException {
        Net a = new Net(new Generator(13));
        a.forward(Tensor.rand(new Generator(14), 4, 1, 2, 2));
        Path file = dir.resolve("net.safetensors");
        a.save(file);
        SafeTensors.Contents raw = SafeTensors.read(file);
        assertEquals(Map.of("format", "pt"), raw.metadata());
        assertEquals(new java.util.TreeSet<>(a.stateDict().keySet()), new java.util.TreeSet<>(raw.tensors().keySet()));
        Net b = new Net(new Generator(15));
        b.load(file);
        a.stateDict().forEach((k, t) -> assertArrayEquals(t.toArray(), b.stateDict().get(k).toArray(), k));
        b.eval();
        a.eval();
        Tensor x = Tensor.rand(new Generator(16), 2, 1, 2, 2);
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), "same weights, same outputs");
    }

    @Test
    void loadingACheckpointOfAnotherModelListsWhatDoesNotFit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.safetensors");
        new Sequential(new Linear(8, 3, true, new Generator(17))).save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Net(new Generator(18)).load(file));
        assertTrue(e.getMessage().startsWith("loadStateDict: error(s) in loading the state into Net:\n  missing key(s): features.0.weight,"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  unexpected key(s): 0.bias, 0.weight"), e.getMessage());
    }

    @Test
    void badArgumentsAreReportedWithTheirValues() {
        assertEquals("Linear: inFeatures and outFeatures must be at least 1, got 0 and 3",
                assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3)).getMessage());
        assertEquals("Linear: expects an input whose last dimension is 5, got shape [2, 4]",
                assertThrows(IllegalArgumentException.class, () -> new Linear(5, 3).forward(Tensor.zeros(2, 4))).getMessage());
        assertEquals("BatchNorm2d: expected 4D input [batch, channels, height, width], got 2D input of shape [2, 3]",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 3))).getMessage());
        assertEquals("BatchNorm1d: expected more than 1 value per channel when training, got input of shape [1, 3]",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.zeros(1, 3))).getMessage());
        assertEquals("Dropout: probability p must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f)).getMessage());
        assertEquals("Sequential.get: index 2 is out of range for 1 modules",
                assertThrows(IndexOutOfBoundsException.class, () -> new Sequential(new ReLU()).get(2)).getMessage());
    }
}
