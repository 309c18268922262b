package dev.steepest.nn.loss;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.nn.Linear;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The losses of the next chapters against PyTorch (scripts/fixtures/nn_layers_next.py), with both
 * arguments requiring grad: value and the gradients to input and target at rtol 1e-5 / atol 1e-6.
 */
class NextLossesTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_losses_next.json");

    private static void check(String name, Loss loss) {
        Fixtures.Case c = FIXTURES.get(name);
        Tensor x = c.tensor("x").requiresGrad(true), t = c.tensor("target").requiresGrad(true);
        Tensor out = loss.forward(x, t);
        assertClose(c.tensor("out"), out, 1e-5, 1e-6, name + " value");
        out.backward(c.tensor("gy"));
        assertClose(c.tensor("dx"), x.grad(), 1e-5, 1e-6, name + " input gradient");
        assertClose(c.tensor("dtarget"), t.grad(), 1e-5, 1e-6, name + " target gradient");
    }

    private static void eachReduction(String prefix, String suffix, Function<Reduction, Loss> make) {
        for (String r : new String[] {"mean", "sum", "none"}) check(prefix + r + suffix, make.apply(Reduction.of(r)));
    }

    @Test
    void mseAndL1DifferentiateTheTargetToo() {
        eachReduction("mse_", "", MseLoss::new);
        eachReduction("l1_", "", L1Loss::new);
    }

    @Test
    void smoothL1LossMatchesPyTorchForBetaOneHalfAndZero() {
        eachReduction("smooth_l1_", "_beta1.0", r -> new SmoothL1Loss(r, 1f));
        eachReduction("smooth_l1_", "_beta0.5", r -> new SmoothL1Loss(r, 0.5f));
        eachReduction("smooth_l1_", "_beta0.0", r -> new SmoothL1Loss(r, 0f));
        assertEquals("SmoothL1LossBackward", new SmoothL1Loss().forward(Tensor.ones(2).requiresGrad(true), Tensor.zeros(2)).gradFn());
    }

    @Test
    void huberLossMatchesPyTorchForTwoDeltas() {
        eachReduction("huber_", "_delta1.0", r -> new HuberLoss(r, 1f));
        eachReduction("huber_", "_delta2.5", r -> new HuberLoss(r, 2.5f));
    }

    @Test
    void klDivLossMatchesPyTorchForEveryReductionWithAndWithoutLogTarget() {
        for (Reduction r : Reduction.values()) {
            check("kl_div_" + r, new KLDivLoss(r, false));
            check("kl_div_log_target_" + r, new KLDivLoss(r, true));
        }
        Fixtures.Case c = FIXTURES.get("kl_div_one_hot");
        Tensor x = c.tensor("x").requiresGrad(true);
        Tensor out = new KLDivLoss(Reduction.BATCH_MEAN).forward(x, c.tensor("target"));
        assertClose(c.tensor("out"), out, 1e-5, 1e-6, "0·log 0 counts as 0");
        out.backward();
        assertClose(c.tensor("dx"), x.grad(), 1e-5, 1e-6, "one-hot input gradient");
        assertEquals("KLDivLoss()", new KLDivLoss().toString());
        assertEquals("KLDivLoss(reduction=batchmean, log_target=True)", new KLDivLoss(Reduction.BATCH_MEAN, true).toString());
        assertEquals(Reduction.BATCH_MEAN, Reduction.of("batchmean"));
        assertEquals("reduction: 'batch' is not a valid reduction; use mean, sum or none (or batchmean for KLDivLoss)",
                assertThrows(IllegalArgumentException.class, () -> Reduction.of("batch")).getMessage());
        assertEquals("MseLoss: reduction batchmean is only for KLDivLoss (as in PyTorch); use Reduction.MEAN, SUM or NONE",
                assertThrows(IllegalArgumentException.class, () -> new MseLoss(Reduction.BATCH_MEAN)).getMessage());
    }

    @Test
    void theSeedsRatingTrainsWithBothSidesFromTheSameWeights() {
        Fixtures.Case c = FIXTURES.get("mse_both_sides");
        Linear net = new Linear(4, 2);
        net.loadStateDict(Map.of("weight", c.tensor("weight"), "bias", c.tensor("bias")), true);
        Tensor rating = new MseLoss().forward(net.forward(c.tensor("a")), net.forward(c.tensor("b")));
        assertClose(c.tensor("out"), rating, 1e-5, 1e-6, "rating");
        rating.backward();
        assertClose(c.tensor("grad.weight"), net.weight().grad(), 1e-5, 1e-6, "weight gradient from both sides");
        // both sides share the bias, whose contributions cancel exactly: PyTorch's float rounding leaves ~1e-8
        assertClose(c.tensor("grad.bias"), net.bias().grad(), 1e-5, 1e-6, "bias gradient from both sides");
    }

    @Test
    void theVaesKlTermIsWrittenWithExistingOps() {
        Fixtures.Case c = FIXTURES.get("vae_kl");
        Tensor mu = c.tensor("mu").requiresGrad(true), logvar = c.tensor("logvar").requiresGrad(true);
        // -0.5 * sum(1 + logvar - mu^2 - exp(logvar))
        Tensor kld = logvar.add(1f).sub(mu.pow(2)).sub(logvar.exp()).sum().mul(-0.5f);
        assertClose(c.tensor("out"), kld, 1e-5, 1e-6, "KL term");
        kld.backward();
        assertClose(c.tensor("dmu"), mu.grad(), 1e-5, 1e-6, "d/dmu = mu");
        assertClose(c.tensor("dlogvar"), logvar.grad(), 1e-5, 1e-6, "d/dlogvar = -0.5(1 - exp(logvar))");
    }

    @Test
    void badArgumentsAreReported() {
        assertEquals("SmoothL1Loss: beta must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss(Reduction.MEAN, -1f)).getMessage());
        assertEquals("HuberLoss: delta must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Reduction.MEAN, 0f)).getMessage());
        assertEquals("SmoothL1Loss: input shape [2] and target shape [3] differ; they must be equal",
                assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss().forward(Tensor.zeros(2), Tensor.zeros(3))).getMessage());
    }
}
