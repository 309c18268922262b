package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays PyTorch's trajectories (scripts/fixtures/optim_trajectories.py): Rosenbrock from
 * (-1.5, 2), 100 steps, lr halved before step 50, and a parameter that never gets a gradient.
 * Within 1e-6 relative (the issue asks for 1e-5) with an absolute floor of 1e-7 for coordinates
 * passing through 0: core's add(other, alpha), add_(other, alpha) and addcmul_ round once, as
 * PyTorch's fused kernels do, so the trajectories agree to a few ulps.
 */
class TrajectoryParityTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/optim_trajectories.json").cases().stream()
                .filter(c -> !c.has("kind"));   // the cubic_interpolate cases are StrongWolfeTest's
    }

    /** f = (1 − x)² + 100 (y − x²)² and its gradient, with the fixture script's float32 operations in its order. */
    static float rosenbrock(Tensor w) {
        float x = w.get(0), y = w.get(1);
        float a = 1f - x;
        float b = y - x * x;
        w.setGrad(Tensor.vector(-2f * a - 400f * x * b, 200f * b));
        return a * a + 100f * (b * b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsPyTorchsTrajectoryOnRosenbrock(Fixtures.Case c) {
        Tensor w = Tensor.vector(c.floats("w0")).requiresGrad(true);
        Tensor z = c.tensor("z0").requiresGrad(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) c.raw("options");
        Optimizer optimizer = Optimizers.create(c.string("optimizer"), List.of(w, z), Options.of(options));
        int steps = (int) c.number("steps");
        float[] trajectory = new float[steps * 2];
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            if (step == (int) c.number("lr_change_step")) {
                for (ParamGroup g : optimizer.paramGroups()) g.setLr(g.lr() * c.number("lr_factor"));
            }
            if (optimizer.requiresClosure()) {
                losses[step] = optimizer.step(() -> {
                    optimizer.zeroGrad();
                    return Tensor.scalar(rosenbrock(w));
                });
            } else {
                losses[step] = rosenbrock(w);
                optimizer.step();
            }
            trajectory[2 * step] = w.get(0);
            trajectory[2 * step + 1] = w.get(1);
        }
        TensorAssert.assertClose(c.floats("trajectory"), trajectory, 1e-6, 1e-7, c.name() + " trajectory");
        TensorAssert.assertClose(c.floats("losses"), losses, 1e-6, 1e-7, c.name() + " losses");
        assertNull(z.grad(), "a parameter without a gradient keeps a null grad");
        assertArrayEquals(c.floats("z0"), z.toArray(), "a parameter without a gradient is not moved");
        assertEquals(c.string("optimizer"), optimizer.name());
    }
}
