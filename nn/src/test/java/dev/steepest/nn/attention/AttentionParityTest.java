package dev.steepest.nn.attention;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Attention against PyTorch 1.13 (scripts/fixtures/nn_attention.py): MultiheadAttention and
 * TransformerEncoderLayer built from {@code new Generator(seed)} hold the parameters
 * {@code torch.manual_seed(seed)} gives, in PyTorch's names and order, and print as PyTorch prints
 * them; then outputs, attention weights and the gradients of
 * {@code Σ output·g_output + Σ weights·g_weights} with respect to every input and parameter, with
 * and without masks, at rtol 1e-5 / atol 1e-6 (the tolerance of the other layers' parity tests).
 * Scaled dot-product attention is checked against PyTorch 1.13's function behind
 * {@code F.scaled_dot_product_attention}.
 */
class AttentionParityTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_attention.json");
    private static final double RTOL = 1e-5, ATOL = 1e-6;

    static AttentionMask mask(Fixtures.Case c, String key) {
        if (!c.has(key)) return null;
        Tensor m = c.tensor(key);
        switch (c.string(key + "_kind")) {
            case "blocked": return AttentionMask.blocked(m.toBool());   // the script's bool masks, written as 0 and 1
            case "allowed": return AttentionMask.allowed(m.toBool());
            case "additive": return AttentionMask.additive(m);
            default: throw new IllegalArgumentException("unknown mask kind " + c.string(key + "_kind"));
        }
    }

    static Module build(Fixtures.Case c) {
        Generator g = new Generator((long) c.number("seed"));
        if (c.string("kind").equals("mha")) {
            return new MultiheadAttention((int) c.number("embed_dim"), (int) c.number("num_heads"), 0f, c.bool("bias"),
                    c.bool("batch_first"), g);
        }
        return new TransformerEncoderLayer((int) c.number("d_model"), (int) c.number("nhead"), (int) c.number("dim_feedforward"),
                (float) c.number("dropout"), c.string("activation"), c.number("layer_norm_eps"), c.bool("batch_first"),
                c.bool("norm_first"), g);
    }

    /** Runs one module case: built from its seed, forward, backward, everything compared. */
    static void checkModule(Fixtures.Case c) {
        String name = c.name();
        Module module = build(c);
        if (c.has("eval") && c.bool("eval")) module.eval();
        assertEquals(c.string("repr"), module.toString(), name + " printout");
        List<String> expectedNames = new ArrayList<>();
        for (String key : c.keys()) if (key.startsWith("param.")) expectedNames.add(key.substring("param.".length()));
        assertEquals(expectedNames, new ArrayList<>(module.namedParameters().keySet()), name + " parameter names and order");
        module.namedParameters().forEach((key, p) -> assertClose(c.tensor("param." + key), p, 0, 0, name + " initial " + key));

        Tensor query = c.tensor("query").requiresGrad(true);
        boolean self = !c.has("key");
        Tensor key = self ? query : c.tensor("key").requiresGrad(true);
        Tensor value = self ? query : c.tensor("value").requiresGrad(true);
        Tensor output, weights = null;
        if (module instanceof MultiheadAttention mha) {
            MultiheadAttention.Output out = mha.forward(query, key, value, mask(c, "key_padding_mask"), c.bool("need_weights"),
                    mask(c, "attn_mask"), c.bool("average_attn_weights"));
            output = out.output();
            weights = out.weights();
            assertEquals(c.has("weights"), weights != null, name + ": weights returned exactly when asked for");
        } else {
            output = ((TransformerEncoderLayer) module).forward(query, mask(c, "attn_mask"), mask(c, "key_padding_mask"));
        }
        compareAndBackward(c, output, weights);
        assertClose(c.tensor("dquery"), query.grad(), RTOL, ATOL, name + " gradient of the query");
        if (!self) {
            assertClose(c.tensor("dkey"), key.grad(), RTOL, ATOL, name + " gradient of the key");
            assertClose(c.tensor("dvalue"), value.grad(), RTOL, ATOL, name + " gradient of the value");
        }
        module.namedParameters().forEach((k, p) -> assertClose(c.tensor("grad." + k), p.grad(), RTOL, ATOL, name + " gradient of " + k));
    }

    private static void compareAndBackward(Fixtures.Case c, Tensor output, Tensor weights) {
        assertClose(c.tensor("output"), output, RTOL, ATOL, c.name() + " output");
        Tensor loss = output.mul(c.tensor("g_output")).sum();
        if (weights != null) {
            assertClose(c.tensor("weights"), weights, RTOL, ATOL, c.name() + " attention weights");
            loss = loss.add(weights.mul(c.tensor("g_weights")).sum());
        }
        loss.backward();
    }

    /** scaledDotProductAttention and its weights against PyTorch's, with their gradients. */
    static void checkFunctional(Fixtures.Case c) {
        Tensor q = c.tensor("query").requiresGrad(true), k = c.tensor("key").requiresGrad(true), v = c.tensor("value").requiresGrad(true);
        AttentionMask mask = mask(c, "attn_mask");
        boolean causal = c.bool("is_causal");
        Tensor output = Attention.scaledDotProductAttention(q, k, v, mask, 0f, causal);
        Tensor weights = Attention.weights(q, k, causal ? AttentionMask.causal(q.size(-2)) : mask);
        compareAndBackward(c, output, weights);
        assertClose(c.tensor("dquery"), q.grad(), RTOL, ATOL, c.name() + " gradient of q");
        assertClose(c.tensor("dkey"), k.grad(), RTOL, ATOL, c.name() + " gradient of k");
        assertClose(c.tensor("dvalue"), v.grad(), RTOL, ATOL, c.name() + " gradient of v");
    }

    @TestFactory
    Stream<DynamicTest> everyAttentionCaseMatchesPyTorchFromTheSameSeed() {
        return FIXTURES.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> {
                    if (c.string("kind").equals("sdpa")) checkFunctional(c);
                    else checkModule(c);
                }));
    }

    @Test
    void theFixtureCoversMasksLayoutsAndBothNormOrders() {
        List<String> names = new ArrayList<>();
        FIXTURES.cases().forEach(c -> names.add(c.name()));
        for (String expected : new String[] {"mha", "mha_batch_first_per_head", "mha_no_bias", "mha_unbatched", "mha_cross", "mha_causal",
                "mha_additive_mask", "mha_additive_mask_per_head", "mha_key_padding", "mha_causal_and_key_padding", "encoder_layer",
                "encoder_layer_defaults_eval", "encoder_layer_norm_first_gelu_causal", "encoder_layer_key_padding", "sdpa", "sdpa_causal"}) {
            assertEquals(true, names.contains(expected), expected);
        }
    }
}
