package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.StateDict;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * L-BFGS's strong-Wolfe line search: the cubic interpolation against PyTorch's
 * {@code _cubic_interpolate} (calls recorded by scripts/fixtures/optim_trajectories.py, with each
 * argument a Python float or a float32 tensor), and the conditions the search promises.
 */
class StrongWolfeTest {

    static Stream<Fixtures.Case> cubicCases() {
        return Fixtures.load("/fixtures/optim_trajectories.json").cases().stream()
                .filter(c -> "cubic_interpolate".equals(c.has("kind") ? c.string("kind") : null));
    }

    /** A [value, "float32" | "double"] pair of the fixture as the step PyTorch held. */
    private static StrongWolfeStep step(Object pair) {
        List<?> p = (List<?>) pair;
        double value = ((Number) p.get(0)).doubleValue();
        return "float32".equals(p.get(1)) ? StrongWolfeStep.ofFloat((float) value) : StrongWolfeStep.ofDouble(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cubicCases")
    void cubicInterpolationGivesPyTorchsStepBitForBitAndOfTheSameType(Fixtures.Case c) {
        StrongWolfeStep lo = null, hi = null;
        if (c.has("bounds")) {
            List<?> bounds = (List<?>) c.raw("bounds");
            lo = step(bounds.get(0));
            hi = step(bounds.get(1));
        }
        StrongWolfeStep t = StrongWolfe.cubicInterpolate(step(c.raw("x1")), c.number("f1"), (float) c.number("g1"),
                step(c.raw("x2")), c.number("f2"), (float) c.number("g2"), lo, hi);
        assertEquals(step(c.raw("result")), t, c.name());
    }

    @Test
    void pythonsMaxAndMinKeepTheFirstArgumentOnATieInFloat32() {
        StrongWolfeStep tensor = StrongWolfeStep.ofFloat(0.1f);
        StrongWolfeStep number = StrongWolfeStep.ofDouble(0.1);   // equal to the tensor once rounded to float32
        assertEquals(tensor, StrongWolfeStep.max(tensor, number));
        assertEquals(number, StrongWolfeStep.min(number, tensor));
        assertEquals(StrongWolfeStep.ofFloat(0.3f), StrongWolfeStep.ofDouble(0.1).plus(StrongWolfeStep.ofFloat(0.2f)),
                "a tensor makes the sum float32");
        assertEquals(StrongWolfeStep.ofDouble(0.1 + 0.2), StrongWolfeStep.ofDouble(0.1).plus(StrongWolfeStep.ofDouble(0.2)),
                "two Python floats add in double");
    }

    /** φ(t) for f(x) = Σ (x_i − c_i)² + x_0⁴ from x = 0 along d = −∇f(0), in float32. */
    private static StrongWolfe.Point quarticAlong(StrongWolfeStep t, float[] d) {
        float[] c = {2f, -1f};
        float x0 = t.asFloat() * d[0], x1 = t.asFloat() * d[1];
        double f = (x0 - c[0]) * (x0 - c[0]) + (x1 - c[1]) * (x1 - c[1]) + x0 * x0 * x0 * x0;
        return new StrongWolfe.Point(f, new float[] {2 * (x0 - c[0]) + 4 * x0 * x0 * x0, 2 * (x1 - c[1])});
    }

    @Test
    void theStepFoundSatisfiesBothStrongWolfeConditions() {
        float[] g0 = {-4f, 2f};
        float[] d = {4f, -2f};
        double f0 = 5;
        float gtd = LBFGS.dot(g0, d);
        for (double start : new double[] {1e-3, 1, 50}) {   // too short (extrapolate), too long (zoom), far too long
            int[] calls = {0};
            StrongWolfe.Result r = StrongWolfe.search(t -> { calls[0]++; return quarticAlong(t, d); },
                    StrongWolfeStep.ofDouble(start), d, f0, g0, gtd);
            double t = r.t().value();
            assertTrue(r.f() <= f0 + StrongWolfe.C1 * t * gtd, "sufficient decrease from t0 = " + start + ": t = " + t + ", f = " + r.f());
            assertTrue(Math.abs(LBFGS.dot(r.g(), d)) <= -StrongWolfe.C2 * gtd, "curvature from t0 = " + start + ": t = " + t);
            assertEquals(quarticAlong(r.t(), d).f(), r.f(), "the loss returned is the loss at t");
            assertEquals(calls[0], r.evaluations(), "every evaluation of φ is counted");
            assertTrue(r.evaluations() <= StrongWolfe.MAX_LS + 1, "at most max_ls evaluations after the first");
        }
    }

    private static Optimizer lbfgs(Tensor w) {
        return Optimizers.create("lbfgs", List.of(w), Options.of("line_search_fn", "strong_wolfe", "max_iter", 3, "lr", 0.5));
    }

    private static void step(Optimizer o, Tensor w) {
        o.step(() -> {
            o.zeroGrad();
            return Tensor.scalar(TrajectoryParityTest.rosenbrock(w));
        });
    }

    @Test
    void lbfgsWithStrongWolfeCountsEveryEvaluationAndResumesFromItsStateDictBitForBit() {
        Tensor straight = Tensor.vector(-1.5f, 2f).requiresGrad(true);
        Optimizer uninterrupted = lbfgs(straight);
        for (int i = 0; i < 4; i++) step(uninterrupted, straight);
        // PyTorch 1.13 after the same 4 steps: n_iter 7 (max_eval = 3·5/4 = 3 cuts steps short), func_evals 12
        assertEquals(7, uninterrupted.state(straight).getLong("n_iter"));
        long evaluations = uninterrupted.state(straight).getLong("func_evals");
        assertEquals(12, evaluations, "every closure call of the line search is counted");
        assertArrayEquals(new float[] {-1.3925669193267822f, 1.921030044555664f}, straight.toArray(), "PyTorch's w after 4 steps");

        Tensor first = Tensor.vector(-1.5f, 2f).requiresGrad(true);
        Optimizer before = lbfgs(first);
        for (int i = 0; i < 2; i++) step(before, first);
        StateDict saved = before.stateDict();
        Tensor resumed = Tensor.vector(first.toArray()).requiresGrad(true);
        Optimizer after = lbfgs(resumed);
        after.loadStateDict(saved);
        for (int i = 0; i < 2; i++) step(after, resumed);
        assertArrayEquals(straight.toArray(), resumed.toArray(), "save -> load -> continue equals the uninterrupted run");
        assertEquals(evaluations, after.state(resumed).getLong("func_evals"));
    }
}
