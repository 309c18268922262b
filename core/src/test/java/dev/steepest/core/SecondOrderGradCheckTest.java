package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Second derivatives of every op whose gradient can be differentiated (issue 22), each checked as
 * {@code torch.autograd.gradgradcheck} does ({@link GradCheck#checkSecondOrder}): the gradient of
 * the gradient, with respect to the inputs and to the incoming gradient, against central
 * differences of the first-order gradients. The values against PyTorch are in SecondOrderParityTest.
 */
class SecondOrderGradCheckTest {

    private final Generator gen = new Generator(314159);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    /** Values in [lo, hi): inside the domain of log, sqrt and pow with a fractional exponent. */
    private Tensor uniform(float lo, float hi, int... shape) {
        Tensor t = Tensor.rand(gen, shape);
        return t.mul(hi - lo).add(lo).detach().requiresGrad(true);
    }

    private Tensor awayFromZero(int... shape) {
        return TestInputs.awayFromZero(gen, shape);
    }

    /** A constant (no gradient) of the given shape. */
    private Tensor constant(int... shape) {
        return Tensor.randn(gen, shape);
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertSecondOrder(f, inputs));
    }

    /** With a larger step: for sums over many products the float32 rounding of F, divided by 2·eps, nears the default tolerance. */
    private static DynamicTest checkWide(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> {
            GradCheck.Report report = GradCheck.checkSecondOrder(f, 1e-2f, GradCheck.DEFAULT_ATOL, GradCheck.DEFAULT_RTOL, inputs);
            assertTrue(report.passed(), report.toString());
        });
    }

    @TestFactory
    Stream<DynamicTest> elementwise() {
        return Stream.of(
                check("add with broadcasting", x -> x[0].add(x[1]).mul(x[0]), randn(2, 3), randn(3)),
                check("add with alpha", x -> x[0].add(x[1], 0.5f).pow(2f), randn(2, 3), randn(2, 1)),
                check("sub", x -> x[0].sub(x[1]).pow(2f), randn(3, 2), randn(2)),
                check("mul with broadcasting", x -> x[0].mul(x[1]), randn(2, 3), randn(1, 3)),
                check("mul by itself", x -> x[0].mul(x[0]).mul(x[0]), randn(4)),
                check("div", x -> x[0].div(x[1]), randn(2, 3), uniform(0.5f, 2f, 2, 3)),
                check("div broadcast denominator", x -> x[0].div(x[1]), randn(2, 3), uniform(0.5f, 2f, 3)),
                check("maximum", x -> x[0].maximum(x[1]).pow(2f), randn(5), randn(5)),
                check("add, sub, mul and div by numbers", x -> x[0].add(1.5f).sub(0.5f).mul(3f).div(2f).neg().pow(3f), randn(2, 2)),
                check("pow 2", x -> x[0].pow(2f), randn(3, 2)),
                check("pow 3", x -> x[0].pow(3f), randn(3, 2)),
                check("pow 0.5", x -> x[0].pow(0.5f), uniform(0.5f, 2f, 4)),
                check("pow -1.5", x -> x[0].pow(-1.5f), uniform(0.5f, 2f, 4)),
                check("exp", x -> x[0].exp(), randn(3, 2)),
                check("log", x -> x[0].log(), uniform(0.5f, 2f, 3, 2)),
                check("sqrt", x -> x[0].sqrt(), uniform(0.5f, 2f, 3, 2)),
                check("abs", x -> x[0].abs().mul(x[0]), awayFromZero(5)),
                check("clamp", x -> x[0].clamp(-0.5f, 0.5f).mul(x[0]), awayFromZero(6)),
                check("relu", x -> x[0].relu().mul(x[0]), awayFromZero(6)),
                check("sigmoid", x -> x[0].sigmoid(), randn(3, 2)),
                check("tanh", x -> x[0].tanh(), randn(3, 2)),
                check("leakyRelu times x", x -> x[0].leakyRelu(0.1f).mul(x[0]), awayFromZero(5)));
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        return Stream.of(
                check("sum of cubes", x -> x[0].pow(3f).sum(), randn(2, 3)),
                check("mean of cubes", x -> x[0].pow(3f).mean(), randn(2, 3)),
                check("sum along 1", x -> x[0].pow(3f).sum(1), randn(2, 3)),
                check("mean along 0 kept", x -> x[0].pow(3f).mean(0, true), randn(2, 3)),
                check("max of squares", x -> x[0].pow(2f).max(), randn(6)),
                check("max along 1 of squares", x -> x[0].pow(2f).max(1, false), randn(3, 4)),
                check("min along 0 of cubes", x -> x[0].pow(3f).min(0, true), randn(3, 4)),
                check("norm", x -> x[0].norm(), randn(2, 3)),
                check("sum of a product along a dimension", x -> x[0].mul(x[1]).sum(0).pow(2f), randn(3, 2), randn(3, 2)));
    }

    @TestFactory
    Stream<DynamicTest> linearAlgebra() {
        return Stream.of(
                check("matmul 2-D", x -> x[0].matmul(x[1]).pow(2f), randn(2, 3), randn(3, 4)),
                check("matmul of a matrix by itself", x -> x[0].matmul(x[0]), randn(3, 3)),
                check("matmul batched by a matrix", x -> x[0].matmul(x[1]).pow(2f), randn(2, 2, 3), randn(3, 2)),
                check("matmul a matrix by a batch", x -> x[0].matmul(x[1]).pow(2f), randn(2, 3), randn(2, 3, 2)),
                check("matmul vector by matrix", x -> x[0].matmul(x[1]).pow(2f), randn(3), randn(3, 2)),
                check("bmm", x -> x[0].bmm(x[1]).pow(2f), randn(2, 2, 3), randn(2, 3, 2)),
                check("linear with bias", x -> x[0].linear(x[1], x[2]).tanh(), randn(4, 3), randn(2, 3), randn(2)),
                check("linear without bias, 3-D input", x -> x[0].linear(x[1], null).pow(2f), randn(2, 2, 3), randn(2, 3)),
                check("two linear layers and tanh (an MLP)", x -> x[0].linear(x[1], x[2]).tanh().linear(x[3], null),
                        randn(3, 4), randn(5, 4), randn(5), randn(2, 5)));
    }

    @TestFactory
    Stream<DynamicTest> views() {
        return Stream.of(
                check("reshape", x -> x[0].reshape(3, 2).matmul(x[1]).pow(2f), randn(2, 3), randn(2, 2)),
                check("view and flatten", x -> x[0].view(6).mul(x[0].flatten()).pow(2f), randn(2, 3)),
                check("transpose", x -> x[0].transpose(0, 1).matmul(x[0]), randn(3, 2)),
                check("t", x -> x[0].t().mul(x[1]).pow(2f), randn(2, 3), randn(3, 2)),
                check("permute", x -> x[0].permute(2, 0, 1).pow(3f), randn(2, 3, 2)),
                check("squeeze and unsqueeze", x -> x[0].unsqueeze(0).squeeze().pow(3f), randn(3, 1)),
                check("select", x -> x[0].select(1, 1).pow(3f), randn(2, 3)),
                check("narrow", x -> x[0].narrow(1, 1, 2).pow(3f), randn(2, 4)),
                check("chunk", x -> x[0].chunk(2, 1).get(1).pow(3f), randn(2, 4)),
                check("unbind", x -> x[0].unbind(0).get(0).mul(x[0].unbind(0).get(1)), randn(2, 3)),
                check("cat", x -> Tensor.cat(List.of(x[0], x[1].pow(2f)), 0).pow(2f), randn(1, 2), randn(2, 2)),
                check("stack", x -> Tensor.stack(List.of(x[0], x[0].pow(2f)), 1).pow(2f), randn(3)),
                check("contiguous of a transpose", x -> x[0].t().contiguous().pow(3f), randn(2, 3)),
                check("broadcast of a column", x -> x[0].mul(x[1]).pow(2f), randn(3, 1), randn(1, 4)));
    }

    @TestFactory
    Stream<DynamicTest> neuralOps() {
        return Stream.of(
                check("softmax along 1", x -> x[0].softmax(1), randn(2, 4)),
                check("softmax along 0", x -> x[0].softmax(0).pow(2f), randn(3, 2)),
                check("logSoftmax along 1", x -> x[0].logSoftmax(1), randn(2, 4)),
                check("logSoftmax along 0 of a product", x -> x[0].mul(x[1]).logSoftmax(0), randn(3, 2), randn(3, 2)),
                checkWide("conv2d with bias, squared", x -> x[0].conv2d(x[1], x[2], 1, 0).pow(2f), randn(2, 2, 4, 4), randn(3, 2, 2, 2), randn(3)),
                check("conv2d stride 2 padding 1 then tanh", x -> x[0].conv2d(x[1], null, 2, 1).tanh(), randn(1, 2, 5, 5), randn(2, 2, 3, 3)),
                check("conv1d squared", x -> x[0].conv1d(x[1], x[2], 1, 1).pow(2f), randn(2, 2, 5), randn(3, 2, 3), randn(3)),
                checkWide("convTranspose2d squared", x -> x[0].convTranspose2d(x[1], x[2], 2, 1, 1).pow(2f),
                        randn(1, 2, 3, 3), randn(2, 2, 3, 3), randn(2)),
                check("maxPool2d of squares", x -> x[0].pow(2f).maxPool2d(2, 2, 0), randn(1, 2, 4, 4)),
                check("maxPool2d overlapping then squared", x -> x[0].maxPool2d(3, 1, 1).pow(2f), randn(1, 1, 4, 4)),
                check("avgPool2d of cubes", x -> x[0].pow(3f).avgPool2d(2, 2, 0), randn(1, 2, 4, 4)),
                check("avgPool2d padded then squared", x -> x[0].avgPool2d(3, 2, 1).pow(2f), randn(1, 1, 5, 5)),
                check("dropout (a fixed mask) of squares", x -> x[0].pow(2f).dropout(0.5f, true, new Generator(7)), randn(3, 4)),
                check("the seed's pattern classifier: conv2d, flatten, cross-entropy by hand",
                        x -> x[0].conv2d(x[1], null, 1, 0).flatten(1, -1).logSoftmax(1).mul(x[2]).sum().neg(),
                        randn(2, 1, 4, 4), randn(2, 1, 4, 4), constant(2, 2)));
    }

    @TestFactory
    Stream<DynamicTest> statisticsActivationsAndNormalisation() {
        return Stream.of(
                check("var of all elements (unbiased)", x -> x[0].var(), randn(2, 3)),
                check("var along 1, biased, kept", x -> x[0].var(1, false, true), randn(3, 4)),
                check("var along 0 of a product", x -> x[0].mul(x[1]).var(0, true, false), randn(3, 2), randn(3, 2)),
                check("std of all elements", x -> x[0].std(), randn(2, 3)),
                check("std along 1, biased", x -> x[0].std(1, false, false), randn(3, 4)),
                check("std along 0 kept, squared", x -> x[0].std(0, true, true).pow(2f), randn(4, 2)),
                check("gelu", x -> x[0].gelu(), randn(3, 4)),
                check("gelu of a product", x -> x[0].mul(x[1]).gelu(), randn(5), randn(5)),
                check("gelu tanh", x -> x[0].gelu("tanh"), randn(3, 4)),
                check("layerNorm with weight and bias", x -> x[0].layerNorm(new int[] {4}, x[1], x[2], 1e-5).pow(2f),
                        randn(3, 4), randn(4), randn(4)),
                check("layerNorm over two dimensions, no weight", x -> x[0].layerNorm(new int[] {2, 3}, null, null, 1e-5).mul(x[1]),
                        randn(2, 2, 3), constant(2, 3)),
                check("layerNorm then gelu (a transformer's block)", x -> x[0].layerNorm(new int[] {5}, x[1], x[2], 1e-5).gelu(),
                        randn(2, 5), randn(5), randn(5)));
    }

    @TestFactory
    Stream<DynamicTest> choosingAndIndexing() {
        Tensor condition = Tensor.longs(1, 0, 0, 1, 1, 0).reshape(2, 3).toBool();
        Tensor index = Tensor.longs(2, 0, 1, 1, 0, 0, 2, 2).reshape(2, 4);
        Tensor rows = Tensor.longs(3, 0, 3, 1);
        Tensor distinct = Tensor.longs(2, 0, 1, 2).reshape(2, 2);   // a repeated position would keep only its last write
        return Stream.of(
                check("where, both sides", x -> Tensor.where(condition, x[0].pow(2f), x[1].pow(3f)), randn(2, 3), randn(2, 3)),
                check("where with a broadcast side", x -> Tensor.where(condition, x[0], x[1]).pow(2f), randn(2, 3), randn(3)),
                check("maskedFill of squares", x -> x[0].pow(2f).maskedFill(condition, -1f).mul(x[0]), randn(2, 3)),
                check("gather along 1 of cubes", x -> x[0].pow(3f).gather(1, index), randn(2, 3)),
                check("gather then squared", x -> x[0].gather(1, index).pow(2f), randn(2, 3)),
                check("indexSelect along 0 with repeats", x -> x[0].indexSelect(0, rows).pow(2f), randn(4, 3)),
                check("scatter of a tensor (no position written twice)", x -> x[0].scatter(1, distinct, x[1]).pow(2f), randn(2, 3), randn(2, 3)),
                check("scatter of a value", x -> x[0].scatter(1, index.narrow(1, 0, 1), 0.5f).pow(3f), randn(2, 3)),
                check("scatterAdd with repeats", x -> x[0].scatterAdd(1, index, x[1].pow(2f)).pow(2f), randn(2, 3), randn(2, 4)),
                check("embedding", x -> Tensor.embedding(x[0], rows.reshape(2, 2)).pow(2f), randn(5, 3)),
                // the padding row takes no gradient (PyTorch's rule, not the derivative), so it is one no index names here
                check("embedding with a padding index, times the table's sum", x -> Tensor.embedding(x[0], rows, 2).mul(x[0].sum()), randn(5, 2)),
                check("tril", x -> x[0].tril().pow(2f), randn(3, 3)),
                check("triu(1) of a batch", x -> x[0].mul(x[0]).triu(1).pow(2f), randn(2, 3, 4)),
                check("upsampleNearest 2-D", x -> x[0].upsampleNearest(2, 3).pow(3f), randn(1, 2, 2, 2)),
                check("upsampleNearest 1-D then squared", x -> x[0].upsampleNearest(2).pow(2f), randn(2, 1, 3)));
    }

    @Test
    void anOpWhoseGradientCannotBeDifferentiatedRefusesCreateGraphByName() {
        Tensor x = randn(3);
        // an op recorded with a rule that computes numbers and no differentiable rule (null): first order only
        Tensor y = Tensor.record("CubeBackward", Tensor.of(x.pow(3f).toArray(), 3), new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(Tensor.of(x.pow(2f).mul(3f).toArray(), 3))}, null).sum();
        var e = assertThrows(UnsupportedOperationException.class, () -> Autograd.grad(y, List.of(x), true, true));
        assertEquals("backward with createGraph: CubeBackward cannot be differentiated twice yet: its backward rule computes numbers,"
                + " not recorded Tensor ops, so the gradient it gives would have no graph and a second derivative through it would be"
                + " silently wrong. Use createGraph=false here, or an op whose gradient can be differentiated (see Autograd.grad).",
                e.getMessage());
        // without createGraph the same graph goes backward as ever
        assertEquals(3, Autograd.grad(y, List.of(x)).get(0).numel());
    }

    @Test
    void theSecondOrderCheckCatchesARuleThatTreatsItsDerivativeAsAConstant() {
        // sin recorded with cos(x) computed as numbers: right first derivative, silently wrong second
        Function<Tensor[], Tensor> badSin = x -> {
            float[] v = x[0].toArray(), s = new float[v.length], c = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = (float) Math.sin(v[i]);
                c[i] = (float) Math.cos(v[i]);
            }
            Tensor cos = Tensor.of(c, x[0].shape());
            return Tensor.record("SinBackward", Tensor.of(s, x[0].shape()), new Tensor[] {x[0]}, new Tensor[] {x[0]},
                    g -> new Tensor[] {g.mul(cos)});
        };
        Tensor x = randn(4);
        assertTrue(GradCheck.check(badSin, x).passed());
        GradCheck.Report report = GradCheck.checkSecondOrder(badSin, x);
        assertTrue(!report.passed(), report.toString());
    }
}
