package dev.steepest.optim.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.ParamGroup;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every scheduler against PyTorch's lrs over 30 epochs for two groups (scripts/fixtures/optim_schedulers.py). */
class SchedulersTest {

    private static Optimizer optimizer() {
        List<ParamGroup> groups = List.of(new ParamGroup(List.of(Tensor.zeros(2).requiresGrad(true))).set("lr", 0.1),
                new ParamGroup(List.of(Tensor.zeros(3).requiresGrad(true))).set("lr", 0.05));
        return new Optimizer(groups, Map.of("lr", (Object) 0.1)) {
            @Override public void step() { try (var off = Autograd.noGrad()) { } }
        };
    }

    private static void replay(String name, Function<Optimizer, Object> make) {
        Fixtures.Case c = Fixtures.load("/fixtures/optim_schedulers.json").get(name);
        float[] expected = c.floats("lrs");
        Optimizer o = optimizer();
        Object scheduler = make.apply(o);
        float[] metrics = c.has("metrics") ? c.floats("metrics") : null;
        double[] seen = new double[expected.length];
        seen[0] = o.paramGroups().get(0).lr();
        seen[1] = o.paramGroups().get(1).lr();
        for (int epoch = 0; epoch < expected.length / 2 - 1; epoch++) {
            o.step();
            if (scheduler instanceof ReduceLROnPlateau) ((ReduceLROnPlateau) scheduler).step(metrics[epoch]);
            else ((LRScheduler) scheduler).step();
            seen[2 * epoch + 2] = o.paramGroups().get(0).lr();
            seen[2 * epoch + 3] = o.paramGroups().get(1).lr();
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], seen[i], 1e-6 * Math.abs(expected[i]) + 1e-12, name + ": lr " + i % 2 + " after epoch " + (i / 2 - 1));
        }
    }

    @Test
    void stepLR() { replay("step", o -> new StepLR(o, 7, 0.5)); }

    @Test
    void multiStepLR() { replay("multistep", o -> new MultiStepLR(o, new int[] {3, 8, 8, 20}, 0.3)); }

    @Test
    void exponentialLR() { replay("exponential", o -> new ExponentialLR(o, 0.9)); }

    @Test
    void cosineAnnealingLR() { replay("cosine", o -> new CosineAnnealingLR(o, 10, 0.001)); }

    @Test
    void linearLR() { replay("linear", o -> new LinearLR(o, 0.25, 1.0, 6)); }

    @Test
    void sequentialLR() {
        replay("sequential", o -> new SequentialLR(o, List.of(new LinearLR(o, 0.1, 1.0, 5), new CosineAnnealingLR(o, 20)), new int[] {5}));
    }

    @Test
    void reduceLROnPlateau() { replay("plateau", o -> new ReduceLROnPlateau(o, "min", 0.5, 2, 1e-4, "rel", 1, 0.01, 1e-8)); }

    @Test
    void aSchedulerResumesFromItsStateDict() {
        Optimizer a = optimizer();
        CosineAnnealingLR first = new CosineAnnealingLR(a, 10);
        for (int i = 0; i < 4; i++) first.step();
        Optimizer b = optimizer();
        CosineAnnealingLR second = new CosineAnnealingLR(b, 10);
        second.loadStateDict(first.stateDict());
        for (int g = 0; g < 2; g++) b.paramGroups().get(g).set("lr", a.paramGroups().get(g).lr());
        first.step();
        second.step();
        assertEquals(a.paramGroups().get(0).lr(), b.paramGroups().get(0).lr());
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StepLR(optimizer(), 0));
        assertEquals("StepLR: stepSize must be a whole number in [1, inf), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(optimizer(), "down", 0.1, 1, 0, "rel", 0, 0, 0));
        assertEquals("ReduceLROnPlateau: mode must be min or max, got down", e.getMessage());
    }
}
