package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.TestInputs;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable op's backward against central differences ({@link GradCheck}, default
 * float32 tolerances), and GradCheck itself: it must fail on a wrong backward rule, or it proves
 * nothing. Inputs are drawn from a seeded Generator and kept away from kinks (relu and abs at 0,
 * the ends of clamp's range, near-ties of max) by more than GradCheck's eps.
 */
class GradCheckTest {

    private final Generator gen = new Generator(314159);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    /** |x| in [0.2, 2) with a random sign: away from 0 for relu, abs and division. */
    private Tensor awayFromZero(int... shape) {
        return TestInputs.awayFromZero(gen, shape);
    }

    /** Distinct values 0.05 apart in a shuffled order: no two closer than eps, so max and pooling never flip. */
    private Tensor distinct(int... shape) {
        return TestInputs.distinct(gen, shape);
    }

    private Tensor positive(int... shape) {
        Tensor t = Tensor.zeros(shape);
        gen.fillUniform(t.rawData(), 0.5f, 2f);
        return t.requiresGrad(true);
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertGradients(f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> pointwiseAndBroadcasting() {
        return Stream.of(
                check("add", x -> x[0].add(x[1]), randn(2, 3), randn(2, 3)),
                check("add broadcast [3,1]+[1,4]", x -> x[0].add(x[1]), randn(3, 1), randn(1, 4)),
                check("sub broadcast [2,3]-[3]", x -> x[0].sub(x[1]), randn(2, 3), randn(3)),
                check("mul broadcast [2,1,4]*[3,1]", x -> x[0].mul(x[1]), randn(2, 1, 4), randn(3, 1)),
                check("mul by a 0-d tensor", x -> x[0].mul(x[1]), randn(2, 3), randn()),
                check("div broadcast", x -> x[0].div(x[1]), randn(2, 3), awayFromZero(2, 1)),
                check("maximum broadcast", x -> x[0].maximum(x[1]), distinct(3, 4), distinct(4)),
                check("scalar add/sub/mul/div", x -> x[0].add(1.5f).sub(0.25f).mul(-2f).div(3f), randn(2, 3)),
                check("neg", x -> x[0].neg(), randn(4)),
                check("square", x -> x[0].square(), randn(4)),
                check("pow 3", x -> x[0].pow(3f), randn(5)),
                check("pow 0.5", x -> x[0].pow(0.5f), positive(5)),
                check("pow -1.5", x -> x[0].pow(-1.5f), positive(5)),
                check("exp", x -> x[0].exp(), randn(2, 3)),
                check("log", x -> x[0].log(), positive(2, 3)),
                check("sqrt", x -> x[0].sqrt(), positive(2, 3)),
                check("abs", x -> x[0].abs(), awayFromZero(2, 3)),
                check("clamp", x -> x[0].clamp(-0.1f, 0.1f), awayFromZero(2, 3)),
                check("relu", x -> x[0].relu(), awayFromZero(3, 4)),
                check("sigmoid", x -> x[0].sigmoid(), randn(3, 4)),
                check("tanh", x -> x[0].tanh(), randn(3, 4)),
                check("a used twice: a*a + a", x -> x[0].mul(x[0]).add(x[0]), randn(3)));
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        return Stream.of(
                check("sum", x -> x[0].sum(), randn(3, 4)),
                check("sum dim 1", x -> x[0].sum(1, false), randn(2, 3, 4)),
                check("sum dim -1 keepDim", x -> x[0].sum(-1, true), randn(2, 3, 4)),
                check("mean", x -> x[0].mean(), randn(3, 4)),
                check("mean dim 0 keepDim", x -> x[0].mean(0, true), randn(2, 3, 4)),
                check("max", x -> x[0].max(), distinct(3, 4)),
                check("max dim 1", x -> x[0].max(1, false), distinct(2, 3, 4)),
                check("max dim 2 keepDim", x -> x[0].max(2, true), distinct(2, 3, 4)),
                check("min", x -> x[0].min(), distinct(3, 4)),
                check("norm", x -> x[0].norm(), randn(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> linearAlgebra() {
        return Stream.of(
                check("linear with bias", x -> x[0].linear(x[1], x[2]), randn(5, 7), randn(3, 7), randn(3)),
                check("linear without bias, 3-D input", x -> x[0].linear(x[1], null), randn(2, 3, 4), randn(5, 4)),
                check("transpose of a 2-D tensor in tiles", x -> x[0].t(), randn(37, 45)),
                check("matmul 1-D·1-D", x -> x[0].matmul(x[1]), randn(4), randn(4)),
                check("matmul 2-D·1-D", x -> x[0].matmul(x[1]), randn(3, 4), randn(4)),
                check("matmul 1-D·2-D", x -> x[0].matmul(x[1]), randn(4), randn(4, 5)),
                check("matmul 2-D", x -> x[0].matmul(x[1]), randn(3, 4), randn(4, 5)),
                check("matmul 3-D·3-D", x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(2, 4, 5)),
                check("matmul 3-D·2-D", x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(4, 5)),
                check("matmul 2-D·3-D", x -> x[0].matmul(x[1]), randn(3, 4), randn(2, 4, 5)),
                check("t", x -> x[0].t(), randn(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> shapes() {
        return Stream.of(
                check("reshape", x -> x[0].reshape(4, -1), randn(2, 3, 4)),
                check("view", x -> x[0].view(6, 4), randn(2, 3, 4)),
                check("transpose", x -> x[0].transpose(0, 2), randn(2, 3, 4)),
                check("permute", x -> x[0].permute(2, 0, 1), randn(2, 3, 4)),
                check("flatten 1..2", x -> x[0].flatten(1, 2), randn(2, 3, 4, 2)),
                check("squeeze", x -> x[0].squeeze(), randn(1, 3, 1, 2)),
                check("squeeze dim", x -> x[0].squeeze(2), randn(1, 3, 1, 2)),
                check("unsqueeze", x -> x[0].unsqueeze(1), randn(3, 2)),
                check("cat dim 1", x -> Tensor.cat(List.of(x), 1), randn(2, 3), randn(2, 1), randn(2, 2)),
                check("stack dim 1", x -> Tensor.stack(List.of(x), 1), randn(2, 3), randn(2, 3)),
                check("select", x -> x[0].select(1, -1), randn(2, 3, 4)),
                check("narrow", x -> x[0].narrow(1, 1, 2), randn(2, 5, 3)));
    }

    @TestFactory
    Stream<DynamicTest> neuralNetworkOps() {
        return Stream.of(
                check("softmax dim 1", x -> x[0].softmax(1), randn(2, 3, 4)),
                check("softmax dim -1", x -> x[0].softmax(-1), randn(2, 5)),
                check("logSoftmax dim 0", x -> x[0].logSoftmax(0), randn(3, 4)),
                check("logSoftmax dim -1", x -> x[0].logSoftmax(-1), randn(2, 3, 4)),
                check("conv2d stride 1 padding 1 bias", x -> x[0].conv2d(x[1], x[2], 1, 1), randn(2, 3, 5, 5), randn(4, 3, 3, 3), randn(4)),
                check("conv2d stride 2 no bias", x -> x[0].conv2d(x[1], null, 2, 0), randn(2, 2, 7, 7), randn(3, 2, 3, 3)),
                check("conv2d the seed's 4x4 kernel", x -> x[0].conv2d(x[1], null, 1, 0), randn(3, 1, 4, 4), randn(4, 1, 4, 4)),
                check("maxPool2d 2/2", x -> x[0].maxPool2d(2, 2, 0), distinct(2, 2, 4, 4)),
                check("maxPool2d 3/2 padding 1", x -> x[0].maxPool2d(3, 2, 1), distinct(1, 2, 7, 6)),
                check("avgPool2d 2/2", x -> x[0].avgPool2d(2, 2, 0), randn(2, 2, 4, 4)),
                check("avgPool2d 3/2 padding 1", x -> x[0].avgPool2d(3, 2, 1), randn(1, 2, 7, 6)),
                check("dropout (fixed mask)", x -> x[0].dropout(0.5f, true, new Generator(7)), randn(4, 4)));
    }

    @Test
    void checksAComposedNetwork() {
        Tensor input = randn(2, 1, 4, 4), weight = randn(4, 1, 4, 4), bias = randn(4);
        GradCheck.assertGradients(x -> x[0].conv2d(x[1], x[2], 1, 0).flatten(1, -1).logSoftmax(1).mean(), input, weight, bias);
    }

    // ---------------------------------------------------------------- GradCheck itself

    /** d(x³)/dx written wrongly as 2x², and rightly as 3x², with Tensor.record. */
    private static Tensor cube(Tensor x, float factor) {
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = x.pow(3f);
        }
        return Tensor.record("CubeBackward", y, new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(x.pow(2f).mul(factor))});
    }

    @Test
    void passesARightBackwardRuleWrittenWithRecord() {
        GradCheck.assertGradients(x -> cube(x[0], 3f), randn(5));
    }

    @Test
    void failsAWrongBackwardRuleAndNamesTheWorstElement() {
        Tensor x = Tensor.of(new float[] {1f, -2f, 0.5f}, 3).requiresGrad(true);
        GradCheck.Report report = GradCheck.check(in -> cube(in[0], 2f), x);
        assertFalse(report.passed(), report.toString());
        assertEquals(3, report.checked());
        assertEquals(0, report.input());
        assertEquals(1, report.element(), "x = -2 has the largest error: 8 analytic against 12 numeric, times its weight");
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.assertGradients(in -> cube(in[0], 2f), x));
        assertTrue(e.getMessage().startsWith("GradCheck: gradients differ: 3 derivatives checked; worst at input 0 element 1"),
                e.getMessage());
    }

    @Test
    void failsABackwardRuleThatForgetsTheBroadcastSum() {
        // a backward that returns the right shape but only the first row's gradient for b
        Tensor a = randn(3, 2), b = randn(2);
        Function<Tensor[], Tensor> wrong = x -> {
            Tensor y;
            try (var off = Autograd.noGrad()) {
                y = x[0].add(x[1]);
            }
            return Tensor.record("AddBackward", y, new Tensor[] {x[0], x[1]}, new Tensor[0],
                    g -> new Tensor[] {g, g.select(0, 0)});
        };
        assertFalse(GradCheck.check(wrong, a, b).passed());
    }

    @Test
    void leavesInputsAndTheirGradientsAsTheyWere() {
        Tensor x = randn(4);
        float[] before = x.toArray();
        GradCheck.assertGradients(in -> in[0].exp(), x);
        assertArrayEquals(before, x.toArray());
        assertNull(x.grad(), "GradCheck clears the gradient it computed");
    }

    @Test
    void holdsFixedTheInputsThatDoNotRequireGrad() {
        Tensor x = randn(3), c = Tensor.of(new float[] {1f, 2f, 3f}, 3);
        GradCheck.Report report = GradCheck.check(in -> in[0].mul(in[1]), x, c);
        assertTrue(report.passed(), report.toString());
        assertEquals(3, report.checked(), "only x's three elements are nudged");
    }

    @Test
    void rejectsInputsItCannotCheck() {
        Tensor x = randn(3);
        IllegalArgumentException nonLeaf = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in[0].exp(), x.mul(2f)));
        assertEquals("GradCheck: inputs must be leaf tensors; got one made by MulBackward", nonLeaf.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in[0].exp(), Tensor.ones(3)));
        assertEquals("GradCheck: no input requires grad; call requiresGrad(true) on the inputs to check", none.getMessage());
    }
}
