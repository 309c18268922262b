package dev.steepest.nn;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's module API: ModuleList and ModuleDict named as PyTorch names them (against
 * scripts/fixtures/nn_module_api.py), fields that were never registered refused by name, several
 * tensors in and out, a Sequential naming the layer that failed, train()/eval() typed as the module.
 */
class ModuleApiTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_module_api.json");
    private static final Generator G = new Generator(21);

    /** The fixture's network: a ModuleList of three Linear layers and a ModuleDict of two heads; two outputs. */
    static final class Net extends Module {
        final ModuleList<Linear> layers;
        final ModuleDict<Linear> heads;

        Net() {
            layers = registerModule("layers", new ModuleList<>(new Linear(3, 4, true, G), new Linear(4, 4, true, G), new Linear(4, 2, true, G)));
            heads = registerModule("heads", new ModuleDict<Linear>().put("value", new Linear(2, 1, true, G)).put("policy", new Linear(2, 3, true, G)));
        }

        @Override
        public Tensors forward(Tensors inputs) {
            inputs.requireSize("Net", "(x)", 1);
            Tensor x = inputs.get(0);
            for (Linear layer : layers) x = layer.forward(x).tanh();
            return Tensors.of(heads.get("value").forward(x), heads.get("policy").forward(x));
        }
    }

    @Test
    void moduleListAndModuleDictHavePyTorchsKeysPrintAndNumbers() {
        Fixtures.Case c = FIXTURES.get("containers");
        Net net = new Net();
        assertEquals(c.raw("keys"), new ArrayList<>(net.stateDict().keySet()));
        assertEquals(c.string("repr"), net.toString());
        Map<String, Tensor> pytorchState = new LinkedHashMap<>();
        for (Object key : (List<?>) c.raw("keys")) pytorchState.put((String) key, c.tensor("param." + key));
        net.loadStateDict(pytorchState, true);   // strict: every key of PyTorch's nn.ModuleList/ModuleDict is ours
        Tensors out = net.forward(Tensors.of(c.tensor("x")));
        assertClose(c.tensor("value"), out.get(0), 1e-5, 1e-6, "value head");
        assertClose(c.tensor("policy"), out.get(1), 1e-5, 1e-6, "policy head");
        assertEquals(10, net.parameters().size());
    }

    @Test
    void moduleListIndexesFromEitherEndAndRefusesAForward() {
        ModuleList<Linear> list = new ModuleList<>(new Linear(2, 3, true, G), new Linear(3, 1, true, G));
        assertSame(list.get(1), list.get(-1));
        assertEquals("ModuleList.get: index 2 is out of range for 2 modules; use 0 to 1, or -1 to -2 from the end",
                assertThrows(IndexOutOfBoundsException.class, () -> list.get(2)).getMessage());
        assertEquals("ModuleList has no forward: it only holds modules; loop over it in the forward of the module that holds it"
                        + " (for (var layer : layers) x = layer.forward(x)), or chain them with a Sequential",
                assertThrows(UnsupportedOperationException.class, () -> list.forward(Tensor.zeros(1, 2))).getMessage());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), new ArrayList<>(list.namedParameters().keySet()));
    }

    @Test
    void moduleDictNamesTheKeysThereAre() {
        ModuleDict<Module> heads = new ModuleDict<>().put("value", new Linear(2, 1, true, G)).put("act", new ReLU());
        assertEquals("ModuleDict.get: no module under 'policy'; the keys are [value, act]",
                assertThrows(IllegalArgumentException.class, () -> heads.get("policy")).getMessage());
        assertEquals("registerModule: 'value' is already registered in ModuleDict",
                assertThrows(IllegalArgumentException.class, () -> heads.put("value", new ReLU())).getMessage());
    }

    // ---------------------------------------------------------------- fields never registered

    static class Forgotten extends Module {
        final Linear fc = new Linear(4, 16, true, G);   // no registerModule

        @Override
        public Tensor forward(Tensor x) {
            return fc.forward(x);
        }
    }

    /** Inherits the forgotten field. */
    static final class Derived extends Forgotten {
    }

    static final class ForgottenTensor extends Module {
        final Tensor scale = Tensor.ones(3).requiresGrad(true);   // no registerParameter

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(scale);
        }
    }

    static final class ForgottenList extends Module {
        final List<Linear> blocks = List.of(new Linear(2, 2, true, G), new Linear(2, 2, true, G));

        @Override
        public Tensor forward(Tensor x) {
            for (Linear b : blocks) x = b.forward(x);
            return x;
        }
    }

    /** Registered parts, an alias of a registered layer, a constant tensor and a transient reference: all accepted. */
    static final class Fine extends Module {
        final Sequential body = registerModule("body", new Sequential(new Linear(2, 2, true, G), new ReLU()));
        final Linear first = (Linear) body.get(0);                 // an alias of a registered layer
        final Tensor mask = Tensor.ones(2);                        // a constant: requires no grad
        final transient Linear target = new Linear(2, 2, true, G); // deliberately not part of this module

        @Override
        public Tensor forward(Tensor x) {
            return body.forward(x).mul(mask);
        }
    }

    @Test
    void aModuleInAFieldThatWasNeverRegisteredIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Forgotten().parameters());
        assertEquals("Forgotten: field 'fc' holds a Linear that is not registered, so its"
                + " parameters are left out of parameters() (never trained) and stateDict() (never saved); register it in the constructor:"
                + " fc = registerModule(\"fc\", new Linear(…)); or declare the field transient if it deliberately refers to something"
                + " that is not part of Forgotten", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Sequential(new Forgotten()).stateDict(), "found inside a container too");
        assertTrue(assertThrows(IllegalStateException.class, () -> new Derived().parameters()).getMessage()
                .startsWith("Derived: field 'fc' (declared in Forgotten) holds a Linear that is not registered"));
    }

    @Test
    void aTensorThatRequiresGradInAFieldThatWasNeverRegisteredIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ForgottenTensor().namedParameters());
        assertTrue(e.getMessage().startsWith("ForgottenTensor: field 'scale' holds a"
                + " tensor of shape [3] that requires grad but is not registered, so parameters() leaves it out (no optimizer trains it)"
                + " and stateDict() does not save it; register it in the constructor: scale = registerParameter(\"scale\", …)"), e.getMessage());
    }

    @Test
    void aListOfModulesInAFieldIsRefusedWithModuleListAsTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ForgottenList().parameters());
        assertTrue(e.getMessage().startsWith("ForgottenList: field 'blocks' holds a"
                + " List with 2 modules that are not registered (the first a Linear), so their parameters are left out of parameters()"
                + " (never trained) and stateDict() (never saved); hold them in a ModuleList: blocks = registerModule(\"blocks\", new"
                + " ModuleList<>(…))"), e.getMessage());
    }

    @Test
    void registeredPartsAliasesConstantsAndTransientFieldsAreAccepted() {
        Fine fine = new Fine();
        assertEquals(List.of("body.0.weight", "body.0.bias"), new ArrayList<>(fine.namedParameters().keySet()));
    }

    // ---------------------------------------------------------------- several tensors in and out

    /** A two-input model: it overrides forward(Tensors) only. */
    static final class Pair extends Module {
        final Linear left = registerModule("left", new Linear(2, 3, true, G));
        final Linear right = registerModule("right", new Linear(4, 3, true, G));

        @Override
        public Tensors forward(Tensors inputs) {
            inputs.requireSize("Pair", "(a, b)", 2);
            return Tensors.of(left.forward(inputs.get(0)).add(right.forward(inputs.get(1))));
        }
    }

    @Test
    void aTwoInputModelOverridesForwardOfTensorsAlone() {
        Pair pair = new Pair();
        Tensor a = Tensor.ones(5, 2), b = Tensor.ones(5, 4);
        Tensors out = pair.forward(Tensors.of(a, b));
        assertClose(pair.left.forward(a).add(pair.right.forward(b)), out.get(0), 0, 0, "two inputs, one output");
        assertEquals("Pair: takes (a, b), got 1 tensor of shape [5, 2]",
                assertThrows(IllegalArgumentException.class, () -> pair.forward(a)).getMessage());
    }

    @Test
    void multiheadAttentionGivesItsOutputAndWeightsAsTensors() {
        Generator g = new Generator(5);
        var mha = new dev.steepest.nn.attention.MultiheadAttention(4, 2, 0f, true, true, g);
        Tensor q = Tensor.randn(g, 2, 3, 4), kv = Tensor.randn(g, 2, 5, 4);
        var direct = mha.forward(q, kv, kv, null, true, null, true);
        Tensors out = mha.forward(Tensors.of(q, kv, kv));          // attn_output, attn_output_weights = mha(q, k, v)
        assertClose(direct.output(), out.get(0), 0, 0, "output");
        assertClose(direct.weights(), out.get(1), 0, 0, "weights averaged over the heads");
        assertEquals(java.util.List.of(2, 3, 5), java.util.Arrays.stream(out.get(1).shape()).boxed().toList());
        assertEquals("MultiheadAttention: takes (x) for self-attention, or (query, key, value), got 2 tensors of shapes [2, 3, 4], [2, 5, 4]",
                assertThrows(IllegalArgumentException.class, () -> mha.forward(Tensors.of(q, kv))).getMessage());
    }

    static final class NoForward extends Module {
    }

    @Test
    void aModuleWithoutAForwardIsRefusedAtItsFirstCall() {
        assertEquals("NoForward (dev.steepest.nn.ModuleApiTest$NoForward) does not override forward: write forward(Tensor input) for one"
                        + " tensor in and out, or forward(Tensors inputs) for several (PyTorch says: missing the required \"forward\" function)",
                assertThrows(UnsupportedOperationException.class, () -> new NoForward().forward(Tensor.zeros(1))).getMessage());
        assertEquals("Linear: takes one tensor (forward(Tensor) is all it defines), got 2 tensors of shapes [1, 2], [1, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> new Linear(2, 2, true, G).forward(Tensors.of(Tensor.zeros(1, 2), Tensor.zeros(1, 2)))).getMessage());
    }

    @Test
    void tensorsRefuseNullAndPrintAsATuple() {
        assertEquals("Tensors.of: tensor 1 of 2 is null; leave an optional trailing state out (Tensors.of(x) rather than Tensors.of(x, null))",
                assertThrows(IllegalArgumentException.class, () -> Tensors.of(Tensor.zeros(1), null)).getMessage());
        assertEquals("(tensor([0.]),)", Tensors.of(Tensor.zeros(1)).toString());
    }

    // ---------------------------------------------------------------- Sequential names the failing layer

    @Test
    void aShapeErrorInsideSequentialNamesTheLayersIndexAndPrint() {
        Sequential net = new Sequential(new Linear(4, 3, true, G), new ReLU(), new Linear(5, 2, true, G));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().startsWith("Sequential: layer (2) Linear(in_features=5, out_features=2, bias=True), given [2, 3], failed: "),
                e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException, "the layer's own error is the cause");
        assertTrue(e.getMessage().endsWith(e.getCause().getMessage()));
    }

    @Test
    void sequentialPassesSeveralTensorsOnAndNamesTheLayerThatRefusedThem() {
        Pair pair = new Pair();
        Sequential net = new Sequential(pair, new ReLU());
        Tensor a = Tensor.ones(5, 2), b = Tensor.ones(5, 4);
        assertClose(pair.forward(Tensors.of(a, b)).get(0).relu(), net.forward(Tensors.of(a, b)).get(0), 0, 0, "(a, b) -> pair -> relu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new ReLU(), pair).forward(Tensors.of(a, b)));
        assertEquals("Sequential: layer (0) ReLU(), given [5, 2], [5, 4], failed: ReLU: takes one tensor (forward(Tensor) is all it"
                + " defines), got 2 tensors of shapes [5, 2], [5, 4]", e.getMessage());
    }

    // ---------------------------------------------------------------- train() and eval() typed as the module

    @Test
    void trainAndEvalReturnTheModulesOwnType() {
        Pair pair = new Pair().eval();             // compiles as net = Net().eval() does in PyTorch
        assertTrue(!pair.isTraining() && !pair.left.isTraining());
        Sequential seq = new Sequential(new Dropout(0.5f)).train();
        assertTrue(seq.get(0).isTraining());
    }
}
