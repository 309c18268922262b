package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.nn.init.Init;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Initialisation of the new layers seed for seed, and the helpers a training loop needs (copy, soft
 * update, apply), against PyTorch (scripts/fixtures/nn_layers_next.py, nn_init_next.json).
 */
class ModuleHelpersTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_init_next.json");

    private static void assertState(Fixtures.Case c, String prefix, Module module) {
        for (Map.Entry<String, Tensor> e : module.stateDict().entrySet()) {
            if (e.getKey().endsWith("num_batches_tracked")) continue;
            Tensor expected = c.tensor(prefix + e.getKey());
            assertArrayEquals(expected.shape(), e.getValue().shape(), c.name() + " " + e.getKey() + " shape");
            assertArrayEquals(expected.toArray(), e.getValue().toArray(), c.name() + " " + e.getKey() + ": must equal PyTorch's bit for bit");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 4294967301L})
    void newLayersDrawExactlyPyTorchsDefaultWeights(long seed) {
        assertState(FIXTURES.get("conv1d_3_4_3_seed" + seed), "", new Conv1d(3, 4, 3, 1, 0, true, new Generator(seed)));
        assertState(FIXTURES.get("conv1d_64_128_1_seed" + seed), "", new Conv1d(64, 128, 1, 1, 0, true, new Generator(seed)));
        assertState(FIXTURES.get("conv_transpose2d_4_2_4_seed" + seed), "", new ConvTranspose2d(4, 2, 4, 2, 1, 0, true, new Generator(seed)));
        assertState(FIXTURES.get("conv_transpose2d_3_5_rect_nobias_seed" + seed), "",
                new ConvTranspose2d(3, 5, new int[] {3, 2}, new int[] {1}, new int[] {0}, new int[] {0}, false, new Generator(seed)));
        assertState(FIXTURES.get("conv2d_rect_seed" + seed), "",
                new Conv2d(2, 3, new int[] {3, 2}, new int[] {1}, new int[] {0}, true, new Generator(seed)));
        // N(0, 1): below 16 values PyTorch's serial double Box-Muller, from 16 on its float one: both bit for bit
        assertState(FIXTURES.get("embedding_3_2_seed" + seed), "", new Embedding(3, 2, new Generator(seed)));
        Fixtures.Case plain = FIXTURES.get("embedding_10_4_seed" + seed), padded = FIXTURES.get("embedding_10_4_pad2_seed" + seed);
        assertState(plain, "", new Embedding(10, 4, new Generator(seed)));
        Embedding paddedEmbedding = new Embedding(10, 4, 2, new Generator(seed));
        assertState(padded, "", paddedEmbedding);
        Tensor withPadding = paddedEmbedding.weight();
        assertArrayEquals(new float[4], withPadding.narrow(0, 2, 1).toArray(), "the padding row starts at zero");
    }

    private static Sequential mlp(Generator g) {
        return new Sequential(new Linear(4, 8, true, g), new ReLU(), new Linear(8, 2, true, g));
    }

    private static Map<String, Tensor> prefixed(Fixtures.Case c, String prefix, Module like) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String key : like.stateDict().keySet()) out.put(key, c.tensor(prefix + key));
        return out;
    }

    @Test
    void softUpdateIsDqnsPolyakAverageAsPyTorchsTutorialComputesIt() {
        Fixtures.Case c = FIXTURES.get("soft_update");
        Sequential policy = mlp(new Generator(1)), target = mlp(new Generator(2));
        policy.loadStateDict(prefixed(c, "policy.", policy), true);
        target.loadStateDict(prefixed(c, "before.", target), true);
        Map<String, Tensor> policyBefore = new LinkedHashMap<>();
        policy.stateDict().forEach((k, v) -> policyBefore.put(k, Tensor.of(v.toArray(), v.shape())));
        target.softUpdate_(policy, c.number("tau"));
        assertState(c, "after.", target);
        policy.stateDict().forEach((k, v) -> assertArrayEquals(policyBefore.get(k).toArray(), v.toArray(), "the source is not modified: " + k));
    }

    @Test
    void copyFromMakesTheTargetNetworkAnEqualButSeparateCopy() {
        Sequential policy = mlp(new Generator(1)), target = mlp(new Generator(2));
        target.copyFrom(policy);
        Tensor x = Tensor.randn(new Generator(3), 5, 4);
        assertArrayEquals(policy.forward(x).toArray(), target.forward(x).toArray(), "same outputs after the copy");
        policy.parameters().get(0).rawData()[0] += 1f;
        assertEquals(target.parameters().get(0).get(0, 0) + 1f, policy.parameters().get(0).get(0, 0), "the copy shares no storage");
        Sequential narrower = new Sequential(new Linear(3, 8, true, new Generator(4)), new ReLU(), new Linear(8, 2, true, new Generator(4)));
        assertEquals("loadStateDict: error(s) in loading the state into Sequential:\n  size mismatch for 0.weight: checkpoint has [8, 4], model has [8, 3]",
                assertThrows(IllegalArgumentException.class, () -> narrower.copyFrom(policy)).getMessage());
    }

    @Test
    void softUpdateRefusesMismatchedModulesAndBadTau() {
        Sequential a = mlp(new Generator(1));
        assertEquals("softUpdate_: tau must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> a.softUpdate_(mlp(new Generator(2)), 1.5)).getMessage());
        Sequential wider = new Sequential(new Linear(4, 9, true, new Generator(2)), new ReLU(), new Linear(9, 2, true, new Generator(2)));
        float before = a.parameters().get(0).get(0, 0);
        assertEquals("softUpdate_: size mismatch for 0.weight: source has [9, 4], target has [8, 4]",
                assertThrows(IllegalArgumentException.class, () -> a.softUpdate_(wider, 0.5)).getMessage());
        assertEquals(before, a.parameters().get(0).get(0, 0), "nothing changed");
    }

    @Test
    void applyVisitsChildrenBeforeParentsAndGivesDcgansInitialisation() {
        Fixtures.Case c = FIXTURES.get("dcgan_apply");
        Init.manualSeed(5);
        Sequential gen = new Sequential(new ConvTranspose2d(8, 4, 4, 1, 0, 0, false), new BatchNorm2d(4), new ReLU(),
                new ConvTranspose2d(4, 1, 4, 2, 1, 0, false), new Tanh());
        Generator g = new Generator(6);
        List<String> order = new ArrayList<>();
        gen.apply(m -> {
            order.add(m.name());
            if (m instanceof ConvTranspose2d conv) {
                Init.normal_(conv.weight(), 0.0, 0.02, g);
            } else if (m instanceof BatchNorm bn) {
                Init.normal_(bn.weight(), 1.0, 0.02, g);
                Init.constant_(bn.bias(), 0);
            }
        });
        assertEquals(List.of("ConvTranspose2d", "BatchNorm2d", "ReLU", "ConvTranspose2d", "Tanh", "Sequential"), order);
        for (Map.Entry<String, Tensor> e : gen.stateDict().entrySet()) {
            if (e.getKey().endsWith("num_batches_tracked")) continue;
            assertArrayEquals(c.tensor(e.getKey()).toArray(), e.getValue().toArray(), "dcgan " + e.getKey() + ": must equal PyTorch's bit for bit");
        }
    }
}
