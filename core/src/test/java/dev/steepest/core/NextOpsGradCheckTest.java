package dev.steepest.core;

import dev.steepest.core.testing.TestInputs;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The backward of every differentiable op of the next chapters against central differences
 * ({@link GradCheck}, default float32 tolerances). Index tensors and masks are held fixed; inputs of
 * max and min are distinct values 0.05 apart, so no nudge of GradCheck's eps changes the arg-max.
 */
class NextOpsGradCheckTest {

    private final Generator gen = new Generator(271828);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    private Tensor distinct(int... shape) {
        return TestInputs.distinct(gen, shape);
    }

    private static Tensor index(float[] values, int... shape) {
        return Tensor.of(values, shape).toLong();
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertGradients(f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> maxAndMinWithIndices() {
        return Stream.of(
                check("maxWithIndices dim 1", x -> x[0].maxWithIndices(1, false).values(), distinct(2, 3, 4)),
                check("maxWithIndices dim -1 keepDim", x -> x[0].maxWithIndices(-1, true).values(), distinct(2, 3, 4)),
                check("minWithIndices dim 0", x -> x[0].minWithIndices(0, false).values(), distinct(3, 4)),
                check("min dim 2 keepDim", x -> x[0].min(2, true), distinct(2, 3, 4)),
                check("PointNet's global max pool over points", x -> x[0].maxWithIndices(2, false).values(), distinct(2, 5, 16)));
    }

    @TestFactory
    Stream<DynamicTest> gatherAndScatter() {
        Tensor actions = index(new float[] {2, 0, 1, 1}, 4, 1);
        Tensor repeats = index(new float[] {0, 0, 2, 1, 1, 1}, 2, 3);
        Tensor distinctTargets = index(new float[] {1, 0, 3, 2, 3, 0}, 2, 3);
        return Stream.of(
                check("gather dim 1 (DQN's Q(s, a))", x -> x[0].gather(1, actions), randn(4, 3)),
                check("gather with repeated indices", x -> x[0].gather(1, repeats), randn(2, 4)),
                check("gather dim 0", x -> x[0].gather(0, distinctTargets), randn(4, 3)),
                check("scatter dim 0", x -> x[0].scatter(0, distinctTargets, x[1]), randn(4, 3), randn(2, 3)),
                check("scatter with src larger than index", x -> x[0].scatter(0, distinctTargets, x[1]), randn(4, 3), randn(3, 5)),
                check("scatter a value", x -> x[0].scatter(1, actions, 7f), randn(4, 3)),
                check("scatterAdd with repeated indices", x -> x[0].scatterAdd(1, repeats, x[1]), randn(2, 4), randn(2, 3)),
                check("scatterAdd with src larger than index", x -> x[0].scatterAdd(1, repeats, x[1]), randn(2, 4), randn(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> whereChunkAndSplit() {
        Tensor mask = Tensor.of(new boolean[] {true, false, false, true, true, false}, 3, 2);
        return Stream.of(
                check("where, both sides broadcast", x -> Tensor.where(mask, x[0], x[1]), randn(3, 1), randn(2)),
                check("where with a comparison's mask", x -> Tensor.where(x[0].gt(0f), x[0], x[0].mul(0.01f)), randn(3, 4)),
                check("chunk into LSTM gates", x -> {
                    List<Tensor> gates = x[0].chunk(4, 1);
                    return gates.get(0).sigmoid().mul(gates.get(2).tanh()).add(gates.get(1).mul(gates.get(3)));
                }, randn(2, 8)),
                check("split by size, last piece smaller", x -> {
                    List<Tensor> p = x[0].split(2, 0);
                    return Tensor.cat(List.of(p.get(2), p.get(0).mul(p.get(1))), 0);
                }, randn(5, 3)),
                check("split by sizes, a piece unused", x -> x[0].split(new int[] {1, 3, 2}, -1).get(1).exp(), randn(2, 6)));
    }

    @TestFactory
    Stream<DynamicTest> bmmVarAndStd() {
        return Stream.of(
                check("bmm", x -> x[0].bmm(x[1]), randn(2, 3, 4), randn(2, 4, 5)),
                check("bmm, PointNet's T-Net transform of points", x -> x[0].bmm(x[1]), randn(3, 8, 3), randn(3, 3, 3)),
                check("var, unbiased", x -> x[0].var(), randn(3, 4)),
                check("var, biased", x -> x[0].var(false), randn(3, 4)),
                check("var dim 1 keepDim", x -> x[0].var(1, true, true), randn(2, 3, 4)),
                check("var dim -1, biased", x -> x[0].var(-1, false, false), randn(2, 3, 4)),
                check("std, unbiased", x -> x[0].std(), randn(3, 4)),
                check("std dim 0, biased", x -> x[0].std(0, false, false), randn(4, 3)),
                check("std dim -1 keepDim", x -> x[0].std(-1, true, true), randn(2, 3, 5)));
    }
}
