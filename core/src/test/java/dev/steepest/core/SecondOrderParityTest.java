package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.SecondOrderFixtures;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradients with a graph and Hessian-vector products of the ops against PyTorch 1.13
 * (scripts/fixtures/second_order.py): for L = Σ f(inputs)·w, the gradient g from
 * {@code Autograd.grad(…, createGraph)} and {@code Curvature.hvp(g, inputs, v)}, per case.
 */
class SecondOrderParityTest {

    /** The parity tolerances of the op fixtures, {@link OpsParityTest}'s: products of two backward passes hold them. */
    static final double RTOL = OpsParityTest.RTOL, ATOL = OpsParityTest.ATOL;

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/core_second_order.json");

    /** sin and cos recorded as a student records an op (the bumps chapter's Trig): each rule uses the other recorded op. */
    static Tensor sin(Tensor x) {
        return Tensor.record("SinBackward", map(x, false), new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(cos(x))});
    }

    static Tensor cos(Tensor x) {
        return Tensor.record("CosBackward", map(x, true), new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(sin(x)).neg()});
    }

    private static Tensor map(Tensor x, boolean cosine) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) v[i] = (float) (cosine ? Math.cos(v[i]) : Math.sin(v[i]));
        return Tensor.of(v, x.shape());
    }

    static final Map<String, Function<Tensor[], Tensor>> OPS = Map.ofEntries(
            Map.entry("add_broadcast", x -> x[0].add(x[1]).mul(x[0])),
            Map.entry("sub_squared", x -> x[0].sub(x[1]).pow(2f)),
            Map.entry("mul_broadcast", x -> x[0].mul(x[1]).mul(x[0])),
            Map.entry("div", x -> x[0].div(x[1])),
            Map.entry("scalars", x -> x[0].add(1.5f).sub(0.5f).mul(3f).div(2f).neg().pow(3f)),
            Map.entry("pow_3", x -> x[0].pow(3f)),
            Map.entry("pow_half", x -> x[0].pow(0.5f)),
            Map.entry("pow_neg", x -> x[0].pow(-1.5f)),
            Map.entry("exp", x -> x[0].exp()),
            Map.entry("log", x -> x[0].log()),
            Map.entry("sqrt", x -> x[0].sqrt()),
            Map.entry("tanh", x -> x[0].tanh()),
            Map.entry("sigmoid", x -> x[0].sigmoid()),
            Map.entry("relu_times_x", x -> x[0].relu().mul(x[0])),
            Map.entry("abs_times_x", x -> x[0].abs().mul(x[0])),
            Map.entry("sin", x -> sin(x[0])),
            Map.entry("cos", x -> cos(x[0])),
            Map.entry("sum_cubes", x -> x[0].pow(3f).sum()),
            Map.entry("mean_cubes", x -> x[0].pow(3f).mean()),
            Map.entry("sum_dim", x -> x[0].pow(3f).sum(1)),
            Map.entry("mean_dim_keep", x -> x[0].pow(3f).mean(0, true)),
            Map.entry("max_dim_squares", x -> x[0].pow(2f).max(1, false)),
            Map.entry("matmul", x -> x[0].matmul(x[1]).pow(2f)),
            Map.entry("matmul_self", x -> x[0].matmul(x[0])),
            Map.entry("matmul_batched", x -> x[0].matmul(x[1]).pow(2f)),
            Map.entry("linear_tanh", x -> x[0].linear(x[1], x[2]).tanh()),
            Map.entry("reshape_matmul", x -> x[0].reshape(3, 2).matmul(x[1]).pow(2f)),
            Map.entry("transpose_matmul", x -> x[0].transpose(0, 1).matmul(x[0])),
            Map.entry("permute_cube", x -> x[0].permute(2, 0, 1).pow(3f)),
            Map.entry("select_narrow", x -> x[0].select(1, 1).pow(3f).add(x[0].narrow(1, 0, 1).squeeze(1).pow(2f))),
            Map.entry("broadcast_column_row", x -> x[0].mul(x[1]).pow(2f)),
            Map.entry("softmax", x -> x[0].softmax(1)),
            Map.entry("log_softmax", x -> x[0].logSoftmax(1)),
            Map.entry("conv2d", x -> x[0].conv2d(x[1], x[2], 1, 0).pow(2f)),
            Map.entry("conv2d_stride_pad_tanh", x -> x[0].conv2d(x[1], null, 2, 1).tanh()),
            Map.entry("max_pool_squares", x -> x[0].pow(2f).maxPool2d(2, 2, 0)),
            Map.entry("avg_pool_cubes", x -> x[0].pow(3f).avgPool2d(2, 2, 0)),
            Map.entry("conv_pool_tanh", x -> x[0].conv2d(x[1], null, 1, 1).tanh().maxPool2d(2, 2, 0)),
            Map.entry("var_all", x -> x[0].var()),
            Map.entry("var_dim_biased_keep", x -> x[0].var(1, false, true)),
            Map.entry("std_all", x -> x[0].std()),
            Map.entry("std_dim", x -> x[0].std(0, true, false)),
            Map.entry("gelu", x -> x[0].gelu()),
            Map.entry("gelu_tanh", x -> x[0].gelu("tanh")),
            Map.entry("layer_norm_squared", x -> x[0].layerNorm(new int[] {4}, x[1], x[2], 1e-5).pow(2f)),
            Map.entry("layer_norm_gelu", x -> x[0].layerNorm(new int[] {5}, x[1], x[2], 1e-5).gelu()),
            Map.entry("layer_norm_two_dims", x -> x[0].layerNorm(new int[] {2, 3}, null, null, 1e-5).pow(3f)),
            Map.entry("where", x -> Tensor.where(condition(), x[0].pow(2f), x[1].pow(3f))),
            Map.entry("masked_fill", x -> x[0].pow(2f).maskedFill(condition(), -1f).mul(x[0])),
            Map.entry("gather_cubes", x -> x[0].pow(3f).gather(1, index())),
            Map.entry("index_select_squared", x -> x[0].indexSelect(0, rows()).pow(2f)),
            Map.entry("scatter_squared", x -> x[0].scatter(1, Tensor.longs(2, 0, 1, 2).reshape(2, 2), x[1]).pow(2f)),
            Map.entry("scatter_add_squared", x -> x[0].scatterAdd(1, index(), x[1].pow(2f)).pow(2f)),
            Map.entry("embedding_squared", x -> Tensor.embedding(x[0], rows().reshape(2, 2)).pow(2f)),
            Map.entry("tril_squared", x -> x[0].tril().pow(2f)),
            Map.entry("triu_batch", x -> x[0].mul(x[0]).triu(1).pow(2f)),
            Map.entry("upsample_nearest_2d", x -> x[0].upsampleNearest(2, 3).pow(3f)),
            Map.entry("upsample_nearest_1d", x -> x[0].upsampleNearest(2).pow(2f)),
            Map.entry("scatter_value_cubes", x -> x[0].scatter(1, Tensor.longs(2, 0, 1, 2).reshape(2, 2), 0.5f).pow(3f)),
            Map.entry("embedding_padding", x -> Tensor.embedding(x[0], rows(), 3).pow(2f)));   // row 3 takes no gradient

    /** The script's condition, index and rows. */
    private static Tensor condition() {
        return Tensor.longs(1, 0, 0, 1, 1, 0).reshape(2, 3).toBool();
    }

    private static Tensor index() {
        return Tensor.longs(2, 0, 1, 1, 0, 0, 2, 2).reshape(2, 4);
    }

    private static Tensor rows() {
        return Tensor.longs(3, 0, 3, 1);
    }

    /** The largest absolute and relative differences of H·v seen, printed for the record. */
    static final double[] WORST = new double[2];

    @TestFactory
    Stream<DynamicTest> gradientsAndHessianVectorProductsMatchPyTorch() {
        return FIXTURES.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Function<Tensor[], Tensor> f = OPS.get(c.name());
            if (f == null) throw new AssertionError("no Java function for fixture case " + c.name());
            // convolutions sum 8 to 32 products per output in another order than PyTorch's: twice the rounding
            SecondOrderFixtures.compare(c, f, c.name().startsWith("conv") ? 1e-4 : RTOL, ATOL, WORST);
        }));
    }

    @org.junit.jupiter.api.AfterAll
    static void printTheWorstDifferences() {
        System.out.printf(java.util.Locale.ROOT, "second-order parity, ops: H·v max abs error %.3g, max rel error %.3g%n", WORST[0], WORST[1]);
    }

    @Test
    void everyFixtureCaseHasItsFunction() {
        assertEquals(OPS.keySet(), new java.util.HashSet<>(FIXTURES.cases().stream().map(Fixtures.Case::name).toList()));
    }
}
