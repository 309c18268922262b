package dev.steepest.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.nn.BatchNorm;
import dev.steepest.nn.BatchNorm1d;
import dev.steepest.nn.BatchNorm2d;
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
 * Gradients with a graph and Hessian-vector products of the losses (BCE with logits and KL divergence
 * among them), of BatchNorm (training and eval, its weight and bias differentiated with the input) and
 * of two whole models against PyTorch 1.13 (scripts/fixtures/second_order.py): an MLP (5-6-3, relu)
 * under cross-entropy, and the seed's pattern classifier, {@code Conv2d(1, 4, 4, bias=false)} viewed
 * as [1, 4] scores under cross-entropy; the parameters are the inputs differentiated.
 */
class SecondOrderModelsParityTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_second_order.json");
    private static final double RTOL = 1e-5, ATOL = 1e-6;
    private static final double[] WORST = new double[2];

    private static Map<String, Function<Tensor[], Tensor>> functions(Fixtures.Case c) {
        return Map.ofEntries(
                Map.entry("mse", x -> new MseLoss().forward(x[0].pow(2f), x[1])),
                Map.entry("mse_sum_tanh", x -> new MseLoss(Reduction.SUM).forward(x[0].tanh(), c.tensor("t"))),
                Map.entry("huber", x -> new HuberLoss(Reduction.MEAN, 0.5f).forward(x[0].mul(x[1]), x[1])),
                Map.entry("bce_sigmoid", x -> new BceLoss().forward(x[0].sigmoid(), c.tensor("t"))),
                Map.entry("cross_entropy", x -> new CrossEntropyLoss().forward(x[0], c.tensor("t").toLong())),
                Map.entry("cross_entropy_none_squares", x -> new CrossEntropyLoss(Reduction.NONE).forward(x[0].pow(2f), c.tensor("t").toLong())),
                Map.entry("nll_log_softmax", x -> new NllLoss().forward(x[0].mul(x[0]).logSoftmax(1), c.tensor("t").toLong())),
                Map.entry("mlp_cross_entropy", x -> new CrossEntropyLoss().forward(
                        c.tensor("x").linear(x[0], x[1]).relu().linear(x[2], x[3]), c.tensor("t").toLong())),
                Map.entry("pattern_classifier", x -> new CrossEntropyLoss().forward(
                        c.tensor("x").conv2d(x[0], null, 1, 0).view(1, 4), Tensor.longs(1))),
                Map.entry("bce_with_logits", x -> new BceWithLogitsLoss().forward(x[0], c.tensor("t"))),
                Map.entry("bce_with_logits_sum_squares", x -> new BceWithLogitsLoss(Reduction.SUM).forward(x[0].pow(2f), c.tensor("t"))),
                Map.entry("kl_div_batchmean", x -> new KLDivLoss(Reduction.BATCH_MEAN).forward(x[0].logSoftmax(1), x[1])),
                Map.entry("kl_div_log_target_sum", x -> new KLDivLoss(Reduction.SUM, true).forward(x[0], x[1])),
                Map.entry("kl_div_none_squares", x -> new KLDivLoss(Reduction.NONE).forward(x[0].pow(2f), c.tensor("t"))));
    }

    /**
     * The batch-norm cases: the layer (training, or eval with the case's running statistics) whose own
     * weight and bias are set to x1 and x2 and differentiated with the input x0.
     */
    private static final Map<String, Function<BatchNorm, Function<Tensor[], Tensor>>> BATCH_NORM = Map.of(
            "batch_norm_training", bn -> x -> bn.forward(x[0]).pow(2f),
            "batch_norm2d_training_tanh", bn -> x -> bn.forward(x[0]).tanh(),
            "batch_norm_eval", bn -> x -> bn.forward(x[0]).pow(3f));

    private static BatchNorm batchNorm(Fixtures.Case c) {
        Tensor input = c.tensor("x0");
        BatchNorm bn = input.dim() == 4 ? new BatchNorm2d(input.size(1)) : new BatchNorm1d(input.size(1));
        try (var off = Autograd.noGrad()) {
            bn.weight().copy_(c.tensor("x1"));
            bn.bias().copy_(c.tensor("x2"));
            if (c.name().endsWith("eval")) {
                bn.runningMean().copy_(c.tensor("running_mean"));
                bn.runningVar().copy_(c.tensor("running_var"));
                bn.eval();
            }
        }
        return bn;
    }

    @TestFactory
    Stream<DynamicTest> gradientsAndHessianVectorProductsMatchPyTorch() {
        return FIXTURES.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            if (BATCH_NORM.containsKey(c.name())) {
                BatchNorm bn = batchNorm(c);
                Tensor[] x = {c.tensor("x0").requiresGrad(true), bn.weight(), bn.bias()};
                SecondOrderFixtures.compare(c, BATCH_NORM.get(c.name()).apply(bn), x, RTOL, ATOL, WORST);
                return;
            }
            Function<Tensor[], Tensor> f = functions(c).get(c.name());
            if (f == null) throw new AssertionError("no Java function for fixture case " + c.name());
            SecondOrderFixtures.compare(c, f, RTOL, ATOL, WORST);
        }));
    }

    @Test
    void everyFixtureCaseHasItsFunction() {
        java.util.Set<String> names = new java.util.HashSet<>(functions(null).keySet());
        names.addAll(BATCH_NORM.keySet());
        assertEquals(names, new java.util.HashSet<>(FIXTURES.cases().stream().map(Fixtures.Case::name).toList()));
    }

    @AfterAll
    static void printTheWorstDifferences() {
        System.out.printf(java.util.Locale.ROOT, "second-order parity, losses and models: H·v max abs error %.3g, max rel error %.3g%n",
                WORST[0], WORST[1]);
    }
}
