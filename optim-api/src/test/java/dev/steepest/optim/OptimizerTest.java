package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerTest {

    private static Tensor param(float... v) {
        return Tensor.vector(v).requiresGrad(true);
    }

    private static TestGD sgd(List<?> params, Object... options) {
        return new TestGD(params, Options.of(options));
    }

    @Test
    void groupOptionsOverrideDefaultsAndTheRestAreFilledIn() {
        Tensor a = param(1), b = param(2);
        TestGD o = sgd(List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b)).set("lr", 0.5)), "lr", 0.1, "momentum", 0.9);
        assertEquals(0.1, o.paramGroups().get(0).lr());
        assertEquals(0.5, o.paramGroups().get(1).lr());
        assertEquals(0.9, o.paramGroups().get(1).getDouble("momentum"));
    }

    @Test
    void addParamGroupRejectsAParameterAlreadyInAGroupAndANonLeaf() {
        Tensor a = param(1);
        TestGD o = sgd(List.of(a));
        var e = assertThrows(IllegalArgumentException.class, () -> o.addParamGroup(new ParamGroup(List.of(a))));
        assertEquals("testgd.addParamGroup: parameter 0 of the group (shape [1]) is already in another group; "
                + "a parameter may appear in only one group", e.getMessage());
        Tensor made = a.mul(2f);
        e = assertThrows(IllegalArgumentException.class, () -> o.addParamGroup(new ParamGroup(List.of(made))));
        assertTrue(e.getMessage().startsWith("testgd.addParamGroup: parameter 0 of the group was made by MulBackward and is not a leaf"),
                e.getMessage());
    }

    @Test
    void aPluginThatDoesNotDeclareItGetsPlainGradientsAndOneThatNeedsTheGraphGetsGradientsWithTheirGraph() {
        Tensor a = param(3);
        TestGD plain = sgd(List.of(a));
        assertFalse(plain.needsGraph(), "the default: a plugin built before needsGraph() existed");
        plain.backward(a.pow(3f).sum());
        assertEquals(27f, a.grad().item());
        assertNull(a.grad().gradFn(), "no graph kept: " + a.grad());

        Tensor b = param(3);
        Optimizer curvature = new TestGD(List.of(b), Options.empty()) {
            @Override
            public boolean needsGraph() {
                return true;
            }
        };
        curvature.backward(b.pow(3f).sum());
        assertEquals(27f, b.grad().item());
        assertTrue(b.grad().gradFn() != null, "d(x³)/dx = 3x² is itself recorded: " + b.grad());
        assertEquals(18f, Autograd.grad(b.grad(), List.of(b)).get(0).item(), "so it can be differentiated again: d²(x³)/dx² = 6x");
    }

    @Test
    void backwardRefusesANullLossNamingTheOptimizer() {
        var e = assertThrows(IllegalArgumentException.class, () -> sgd(List.of(param(1))).backward(null));
        assertEquals("testgd.backward: the loss is null; pass the loss tensor the closure computed", e.getMessage());
    }

    @Test
    void zeroGradSetsGradsToNull() {
        Tensor a = param(1, 2);
        a.setGrad(Tensor.vector(1, 1));
        sgd(List.of(a)).zeroGrad();
        assertNull(a.grad());
    }

    @Test
    void stepWithAClosureReturnsTheLossEvaluatedWithGradOn() {
        Tensor a = param(3);
        TestGD o = sgd(List.of(a), "lr", 0.1);
        float loss = o.step(() -> {
            o.zeroGrad();
            Tensor l = a.mul(a).sum();     // recorded: the closure runs with grad on
            l.backward();
            return l;
        });
        assertEquals(9f, loss);
        assertEquals(3f - 0.1f * 6f, a.get(0), 1e-6);
    }

    @Test
    void stepHooksAreGoneBecauseTheyCouldOnlyRunAroundStepWithAClosure() {
        // step() is the plugin's own method, so hooks never ran around a plain step(): removed, not half-kept
        for (java.lang.reflect.Method m : Optimizer.class.getDeclaredMethods()) {
            assertFalse(m.getName().toLowerCase(java.util.Locale.ROOT).contains("hook"), m.toString());
        }
    }

    @Test
    void theNameIsTheProvidersWhateverTheClassIsCalled() {
        assertEquals("testgd", sgd(List.of(param(1))).name());
        final class SomethingElseEntirely extends Optimizer {
            SomethingElseEntirely(List<?> params) {
                super(params, Options.empty().resolve(new TestGDProvider()));
            }

            @Override
            public void step() {
            }
        }
        assertEquals("testgd", new SomethingElseEntirely(List.of(param(1))).name(), "the class's name plays no part");
    }

    @Test
    void paramGroupSetChecksDeclaredRangesAndTypesAsOptionsDo() {
        TestGD o = sgd(List.of(param(1)));
        ParamGroup g = o.paramGroups().get(0);
        var e = assertThrows(IllegalArgumentException.class, () -> g.set("momentum", 1.5));
        assertEquals("testgd: momentum must be in [0, 1), got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.set("lr", "fast"));
        assertEquals("testgd: lr must be a number in [0, inf), got 'fast'", e.getMessage());
        g.set("momentum", "0.5");
        assertEquals(0.5, g.getDouble("momentum"), "text is converted to the declared type");
        var late = new ParamGroup(List.of(param(2))).set("momentum", "lots");
        e = assertThrows(IllegalArgumentException.class, () -> o.addParamGroup(late));
        assertEquals("testgd: momentum must be a number in [0, 1), got 'lots'", e.getMessage());
        g.set("note", "free text");
        var c = assertThrows(IllegalStateException.class, () -> g.getDouble("note"));
        assertEquals("ParamGroup: option 'note' must be a number, got String 'free text'; set it with a value of that type",
                c.getMessage());
    }

    @Test
    void theLearningRateIsReadFromItsGroupAtEveryStep() {
        Tensor a = param(1);
        TestGD o = sgd(List.of(a), "lr", 0.5);
        a.setGrad(Tensor.vector(1));
        o.step();
        o.paramGroups().get(0).setLr(0.25);
        o.step();
        assertEquals(1f - 0.5f - 0.25f, a.get(0), 1e-7);
    }

    @Test
    void aStateDictRoundTripsThroughItsFlatFormAndAFile(@TempDir Path dir) throws Exception {
        Tensor a = param(1, 2), b = param(3);
        TestGD o = sgd(List.of(a, b), "lr", 0.1, "momentum", 0.9);
        a.setGrad(Tensor.vector(1, -1));
        o.step();
        o.step();
        o.paramGroups().get(0).setLr(0.05);
        StateDict s = o.stateDict();
        assertEquals(Map.of("state.0.velocity", s.state(0).tensor("velocity")), s.tensors());
        assertEquals("long:2", s.metadata().get("state.0.step"));
        assertEquals("double:0.05", s.metadata().get("param_groups.0.lr"));
        assertNull(s.state(1), "b has no gradient, so no state");

        OptimizerCheckpoint.save(dir.resolve("opt.safetensors"), o, Map.of("last_epoch", "3"));
        Tensor a2 = param(1, 2), b2 = param(3);
        TestGD o2 = sgd(List.of(a2, b2));
        assertEquals(Map.of("last_epoch", "3"), OptimizerCheckpoint.load(dir.resolve("opt.safetensors"), o2));
        assertEquals(0.05, o2.paramGroups().get(0).lr());
        assertEquals(0.9, o2.paramGroups().get(0).getDouble("momentum"));
        assertEquals(2L, o2.state(a2).step());
        assertArrayEquals(o.state(a).tensor("velocity").toArray(), o2.state(a2).tensor("velocity").toArray());
    }

    @Test
    void aStateDictFromAnotherModelNamesTheParameterAndBuffer() {
        Tensor a = param(1, 2);
        TestGD o = sgd(List.of(a), "momentum", 0.9);
        a.setGrad(Tensor.vector(1, 1));
        o.step();
        StateDict s = o.stateDict();
        var e = assertThrows(IllegalArgumentException.class, () -> sgd(List.of(param(1, 2, 3))).loadStateDict(s));
        assertEquals("testgd.loadStateDict: parameter 0 (group 0, position 0) has shape [3] here but [2] in the state; "
                + "was it saved for another model?", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sgd(List.of(param(1, 2), param(3))).loadStateDict(s));
        assertEquals("testgd.loadStateDict: group 0 has 1 parameter(s) in the state but 2 in this optimizer; was it saved for another model?",
                e.getMessage());
        Map<String, Tensor> tensors = Map.of("state.0.velocity", Tensor.zeros(5));
        StateDict damaged = StateDict.fromFlat(tensors, s.metadata());
        e = assertThrows(IllegalArgumentException.class, () -> sgd(List.of(param(1, 2))).loadStateDict(damaged));
        assertEquals("testgd.loadStateDict: parameter 0 (group 0, position 0), buffer 'velocity' has shape [5] in the state "
                + "but the parameter has shape [2]", e.getMessage());
    }

    @Test
    void aStateDictFromAnotherOptimizerIsRejectedAndChangesNothing() {
        Tensor a = param(1);
        Optimizer other = new Optimizer(List.of(a), Map.of("lr", (Object) 0.1)) {
            @Override public void step() { }
            @Override public String name() { return "other"; }
        };
        TestGD o = sgd(List.of(param(1)), "lr", 0.3);
        var e = assertThrows(IllegalArgumentException.class, () -> o.loadStateDict(other.stateDict()));
        assertTrue(e.getMessage().startsWith("testgd.loadStateDict: this state was saved by optimizer 'other' ("), e.getMessage());
        assertEquals(0.3, o.paramGroups().get(0).lr());
    }
}
