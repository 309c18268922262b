package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.TensorAssert;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the four plugins that read curvature do, beyond the authors' trajectories (SecondOrderParityTest). */
class SecondOrderTest {

    /** Steps {@code optimizer} on {@code f} with the closure every loop uses; returns the last loss. */
    static float run(Optimizer optimizer, Function<Tensor, Tensor> f, Tensor x, int steps) {
        float loss = Float.NaN;
        for (int i = 0; i < steps; i++) {
            loss = optimizer.step(() -> {
                optimizer.zeroGrad();
                Tensor l = f.apply(x);
                optimizer.backward(l);
                return l;
            });
        }
        return loss;
    }

    @Test
    void newtonReachesRosenbrocksMinimumFromTheRacesStartInSixStepsAndExactlyInSeven() {
        Tensor w = Tensor.vector(-1.5f, 2f).requiresGrad(true);
        Optimizer newton = Optimizers.create("newton", List.of(w), Options.empty());
        int steps = 0;
        while (SecondOrderParityTest.rosenbrock(w).item() > 1e-10f && steps < 20) {
            run(newton, SecondOrderParityTest::rosenbrock, w, 1);
            steps++;
        }
        assertEquals(6, steps, "steps to f ≤ 1e-10 (f = " + SecondOrderParityTest.rosenbrock(w).item() + ")");
        run(newton, SecondOrderParityTest::rosenbrock, w, 1);
        assertEquals(1f, w.get(0), "x after 7 steps");
        assertEquals(1f, w.get(1), "y after 7 steps");
        assertEquals(0f, SecondOrderParityTest.rosenbrock(w).item(), "f after 7 steps");
        run(newton, SecondOrderParityTest::rosenbrock, w, 13);
        assertEquals(0f, SecondOrderParityTest.rosenbrock(w).item(), "the minimum is a fixed point: f after 20 steps");
    }

    @Test
    void newtonTakesOneStepToTheMinimumOfAQuadratic() {
        Tensor x = Tensor.vector(1f, -2f, 3f).requiresGrad(true);
        Tensor a = Tensor.vector(2f, 0.5f, 4f);
        Optimizer newton = Optimizers.create("newton", List.of(x), Options.empty());
        run(newton, p -> p.sub(0.25f).pow(2f).mul(a).sum(), x, 1);   // Σ aᵢ (xᵢ − ¼)²: H = diag(2a)
        TensorAssert.assertClose(new float[] {0.25f, 0.25f, 0.25f}, x.toArray(), 0, 1e-6f, "x");
    }

    @Test
    void newtonRefusesMoreParametersThanItsLimitNamingBoth() {
        Tensor big = Tensor.zeros(4097).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("newton", List.of(big), Options.empty()));
        assertTrue(e.getMessage().startsWith("newton: 4097 parameters is more than the 4096 whose full Hessian"), e.getMessage());
        assertTrue(e.getMessage().contains("use newton-cg"), e.getMessage());
        Optimizers.create("newton", List.of(Tensor.zeros(4096).requiresGrad(true)), Options.empty());   // the limit itself is taken
    }

    @Test
    void newtonShiftsAnIndefiniteHessianSoThatItsDirectionIsDownhillAndDampingShortensIt() {
        Function<Tensor, Tensor> f = p -> p.pow(3f).sub(p).sum();          // f = x³ − x: f' = 3x² − 1, f'' = 6x
        Tensor y = Tensor.vector(-0.1f).requiresGrad(true);                 // f'' = −0.6: Newton's own step would climb to the maximum at −0.577
        Optimizer shifted = Optimizers.create("newton", List.of(y), Options.empty());
        run(shifted, f, y, 1);
        assertTrue(y.get(0) > -0.1f, "it moved downhill (f' < 0), to " + y.get(0));
        assertTrue((Double) shifted.state(y).get("shift") > 0.6, "the shift τ that made H positive definite is in the state: "
                + shifted.state(y));

        Tensor z = Tensor.vector(-0.1f).requiresGrad(true);
        Optimizer damped = Optimizers.create("newton", List.of(z), Options.of("damping", 2.0));   // H + λ = 1.4
        float before = f.apply(z).item();
        run(damped, f, z, 1);
        assertEquals(-0.1f + 0.97f / 1.4f, z.get(0), 1e-5f, "x ← x − f'/(f'' + λ)");
        assertTrue(f.apply(z).item() < before, "f went from " + before + " to " + f.apply(z).item());
        assertEquals(0.0, (Double) damped.state(z).get("shift"), "no shift needed once damped");
    }

    @Test
    void newtonCgSolvesAQuadraticInOneStepAndReachesRosenbrocksMinimum() {
        Tensor x = Tensor.vector(1f, -2f, 3f).requiresGrad(true);
        Tensor a = Tensor.vector(2f, 0.5f, 4f);
        Optimizer cg = Optimizers.create("newton-cg", List.of(x), Options.empty());
        run(cg, p -> p.sub(0.25f).pow(2f).mul(a).sum(), x, 1);
        TensorAssert.assertClose(new float[] {0.25f, 0.25f, 0.25f}, x.toArray(), 0, 1e-5f, "x");
        assertTrue((Long) cg.state(x).get("cg_iterations") <= 3, "CG needs at most n = 3 iterations: " + cg.state(x));

        Tensor w = Tensor.vector(-1.5f, 2f).requiresGrad(true);
        Optimizer onRosenbrock = Optimizers.create("newton-cg", List.of(w), Options.empty());
        run(onRosenbrock, SecondOrderParityTest::rosenbrock, w, 20);
        assertTrue(SecondOrderParityTest.rosenbrock(w).item() < 1e-8f, "f after 20 steps: " + SecondOrderParityTest.rosenbrock(w).item()
                + " at " + java.util.Arrays.toString(w.toArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"newton", "newton-cg", "adahessian", "sophia"})
    void stepWithoutTheGraphSaysHowToMakeIt(String name) {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Optimizer optimizer = Optimizers.create(name, List.of(x), Options.empty());
        assertTrue(optimizer.needsGraph());
        x.pow(2f).sum().backward();                                          // no graph kept
        IllegalStateException e = assertThrows(IllegalStateException.class, optimizer::step);
        assertEquals(name + ": the gradient of parameter 0 (shape [2]) has no graph, so its curvature cannot be read; make it with "
                + "loss.backward(true) (PyTorch's create_graph=True), or let the optimizer do it: optimizer.backward(loss) in the closure",
                e.getMessage());
        assertEquals(1f, x.get(0), "nothing moved");
    }

    @Test
    void adaHessianReadsTheExactDiagonalOfADiagonalHessian() {
        Tensor x = Tensor.vector(1f, -1f).requiresGrad(true);
        Optimizer adahessian = Optimizers.create("adahessian", List.of(x), Options.empty());
        run(adahessian, p -> p.pow(2f).mul(Tensor.vector(3f, 0.5f)).sum(), x, 1);   // H = diag(6, 1): |z ⊙ Hz| = (6, 1) for any ±1 z
        TensorAssert.assertClose(new float[] {6f, 1f}, adahessian.state(x).tensor("hessian_diag").toArray(), 0, 0f, "x");
    }

    @Test
    void sophiaMovesNoCoordinateMoreThanLrOverTheBiasCorrection() {
        Tensor x = Tensor.vector(3f, -0.001f).requiresGrad(true);
        Optimizer sophia = Optimizers.create("sophia", List.of(x), Options.of("lr", 0.1, "weight_decay", 0.0));
        float[] before = x.toArray();
        run(sophia, p -> p.pow(4f).sum(), x, 1);                            // steep in x₀, flat near x₁
        float limit = (float) (0.1 / (1 - 0.9));
        assertTrue(Math.abs(x.get(0) - before[0]) <= limit * (1 + 1e-6f), "x0 moved " + (x.get(0) - before[0]));
        assertTrue(sophia.state(x).has("hessian"), "the Hessian diagonal is estimated at the first step: " + sophia.state(x));
    }

}
