package dev.steepest.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.SecondOrderFixtures;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradients with a graph and Hessian-vector products of the losses and of two whole models against
 * PyTorch 1.13 (scripts/fixtures/second_order.py): an MLP (5-6-3, relu) under cross-entropy, and the
 * seed's pattern classifier, {@code Conv2d(1, 4, 4, bias=false)} viewed as [1, 4] scores under
 * cross-entropy; the parameters are the inputs differentiated.
 */
class SecondOrderModelsParityTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_second_order.json");
    private static final double RTOL = 1e-5, ATOL = 1e-6;
    private static final double[] WORST = new double[2];

    private static Map<String, Function<Tensor[], Tensor>> functions(Fixtures.Case c) {
        return Map.of(
                "mse", x -> new MseLoss().forward(x[0].pow(2f), x[1]),
                "mse_sum_tanh", x -> new MseLoss(Reduction.SUM).forward(x[0].tanh(), c.tensor("t")),
                "huber", x -> new HuberLoss(Reduction.MEAN, 0.5f).forward(x[0].mul(x[1]), x[1]),
                "bce_sigmoid", x -> new BceLoss().forward(x[0].sigmoid(), c.tensor("t")),
                "cross_entropy", x -> new CrossEntropyLoss().forward(x[0], c.tensor("t").toLong()),
                "cross_entropy_none_squares", x -> new CrossEntropyLoss(Reduction.NONE).forward(x[0].pow(2f), c.tensor("t").toLong()),
                "nll_log_softmax", x -> new NllLoss().forward(x[0].mul(x[0]).logSoftmax(1), c.tensor("t").toLong()),
                "mlp_cross_entropy", x -> new CrossEntropyLoss().forward(
                        c.tensor("x").linear(x[0], x[1]).relu().linear(x[2], x[3]), c.tensor("t").toLong()),
                "pattern_classifier", x -> new CrossEntropyLoss().forward(
                        c.tensor("x").conv2d(x[0], null, 1, 0).view(1, 4), Tensor.longs(1)));
    }

    @TestFactory
    Stream<DynamicTest> gradientsAndHessianVectorProductsMatchPyTorch() {
        return FIXTURES.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Function<Tensor[], Tensor> f = functions(c).get(c.name());
            if (f == null) throw new AssertionError("no Java function for fixture case " + c.name());
            SecondOrderFixtures.compare(c, f, RTOL, ATOL, WORST);
        }));
    }

    @Test
    void everyFixtureCaseHasItsFunction() {
        assertEquals(functions(null).keySet(), new java.util.HashSet<>(FIXTURES.cases().stream().map(Fixtures.Case::name).toList()));
    }

    @AfterAll
    static void printTheWorstDifferences() {
        System.out.printf(java.util.Locale.ROOT, "second-order parity, losses and models: H·v max abs error %.3g, max rel error %.3g%n",
                WORST[0], WORST[1]);
    }
}
