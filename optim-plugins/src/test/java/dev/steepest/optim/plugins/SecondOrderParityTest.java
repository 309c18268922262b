package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Curvature;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the authors' AdaHessian and SophiaH and a float32 Newton's method, ported into
 * scripts/fixtures/optim_second_order.py: Rosenbrock from the race's start (-1.5, 2), the loss
 * recorded and its gradient made with its graph, 100 steps (20 for newton), within 1e-5, with the
 * same random draws: the script records the vectors it drew from torch.Generator().manual_seed(seed + t),
 * and this test checks that steepest's Generator draws the same ones.
 */
class SecondOrderParityTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/optim_second_order.json").cases().stream();
    }

    /** The race's Rosenbrock, op for op as the script: (−x + 1)² + (y − x²)²·100. */
    static Tensor rosenbrock(Tensor w) {
        Tensor x = w.select(0, 0);
        Tensor y = w.select(0, 1);
        return x.neg().add(1f).pow(2f).add(y.sub(x.pow(2f)).pow(2f).mul(100f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsTheAuthorsTrajectoryOnRosenbrock(Fixtures.Case c) {
        Tensor w = Tensor.vector(c.floats("w0")).requiresGrad(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) c.raw("options");
        Optimizer optimizer = Optimizers.create(c.string("optimizer"), List.of(w), Options.of(options));
        assertTrue(optimizer.needsGraph(), c.name());
        int steps = (int) c.number("steps");
        float[] trajectory = new float[steps * 2];
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            losses[step] = optimizer.step(() -> {
                optimizer.zeroGrad();
                Tensor loss = rosenbrock(w);
                optimizer.backward(loss);
                return loss;
            });
            trajectory[2 * step] = w.get(0);
            trajectory[2 * step + 1] = w.get(1);
        }
        TensorAssert.assertClose(c.floats("trajectory"), trajectory, 1e-5, 1e-6, c.name() + " trajectory");
        TensorAssert.assertClose(c.floats("losses"), losses, 1e-5, 1e-6, c.name() + " losses");
        assertEquals(c.string("optimizer"), optimizer.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsTheVectorsTheScriptDrew(Fixtures.Case c) {
        if (!c.has("draws")) return;
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) c.raw("options");
        long seed = ((Number) options.getOrDefault("seed", 0)).longValue();
        float[] recorded = c.floats("draws");
        boolean sophia = c.string("optimizer").equals("sophia");
        int period = ((Number) options.getOrDefault("update_period", 10)).intValue();
        for (int k = 0; k < recorded.length / 2; k++) {
            long t = sophia ? 1 + (long) k * period : k + 1;   // sophia draws at steps 1, k + 1, …; adahessian at every step
            Generator g = new Generator(seed + t);
            Tensor drawn = sophia ? Tensor.randn(g, 2) : Curvature.rademacher(g, 2);
            assertArrayEquals(new float[] {recorded[2 * k], recorded[2 * k + 1]}, drawn.toArray(), c.name() + " draw at step " + t);
        }
    }
}
