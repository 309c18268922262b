package dev.steepest.nn.attention;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import org.junit.jupiter.api.Test;

/** What attention promises beyond matching PyTorch's numbers: masks hold, causality holds, NaN where PyTorch has it, clear refusals. */
class AttentionBehaviourTest {

    private final Generator g = new Generator(2024);

    @Test
    void aMaskedKeyReceivesNoAttentionAndItsValueDoesNotMatter() {
        MultiheadAttention mha = new MultiheadAttention(8, 2, 0f, true, true, g);
        Tensor x = Tensor.randn(g, 2, 5, 8);
        Tensor padding = Tensor.of(new boolean[] {false, false, false, true, false, false, false, false, false, false}, 2, 5);   // batch 0, key 3 is padding
        MultiheadAttention.Output out = mha.forward(x, x, x, AttentionMask.blocked(padding), true, null, false);
        Tensor weights = out.weights();                                     // [2, 2, 5, 5] per head
        for (int h = 0; h < 2; h++) {
            for (int q = 0; q < 5; q++) {
                assertEquals(0f, weights.get(0, h, q, 3), "head " + h + " query " + q + " attends to the padded key");
                assertTrue(weights.get(1, h, q, 3) > 0f, "batch 1 has no padding");
            }
        }
        // Change only the padded position's key and value (not its query): batch 0's other outputs stay.
        Tensor changed = x.add(bump(2, 5, 8, 0, 3, 5f));
        Tensor again = mha.forward(x, changed, changed, AttentionMask.blocked(padding), false, null, true).output();
        assertClose(out.output(), again, 0, 1e-6, "outputs with another value at the padded key");
    }

    @Test
    void aCausalOutputAtPositionTDoesNotChangeWhenALaterInputChanges() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(16, 4, 32, 0f, "gelu", 1e-5, true, true, g);
        int t = 6;
        Tensor x = Tensor.randn(g, 1, 10, 16);
        Tensor later = x.add(bump(1, 10, 16, 0, t + 1, 3f));   // only position t + 1 changes
        Tensor y = layer.forward(x, AttentionMask.causal(10), null), y2 = layer.forward(later, AttentionMask.causal(10), null);
        assertClose(y.narrow(1, 0, t + 1), y2.narrow(1, 0, t + 1), 0, 1e-6, "positions 0.." + t);
        assertFalse(close(y.narrow(1, t + 1, 3), y2.narrow(1, t + 1, 3)), "positions after t do see the change");
        Tensor unmasked = layer.forward(later);
        assertFalse(close(y.narrow(1, 0, t + 1), unmasked.narrow(1, 0, t + 1)), "without the mask the change reaches back");
    }

    @Test
    void aQueryThatMaySeeNoKeyGetsNaNAsInPyTorch113() {
        MultiheadAttention mha = new MultiheadAttention(8, 2, 0f, true, false, g);
        Tensor x = Tensor.randn(g, 3, 2, 8);                                // [L, N, E]
        Tensor padding = Tensor.of(new boolean[] {false, false, false, true, true, true}, 2, 3); // batch 1: every key is padding
        MultiheadAttention.Output out = mha.forward(x, x, x, AttentionMask.blocked(padding), true, null, true);
        for (float v : out.output().select(1, 1).toArray()) assertTrue(Float.isNaN(v), "batch 1's output is NaN");
        for (float v : out.output().select(1, 0).toArray()) assertTrue(Float.isFinite(v), "batch 0's output is a number");
        for (float v : out.weights().select(0, 1).toArray()) assertTrue(Float.isNaN(v), "batch 1's weights are NaN");
    }

    @Test
    void theThreeSpellingsOfTheCausalMaskAreOneMask() {
        Tensor blocked = AttentionMask.blocked(Tensor.ones(4, 4).triu(1).toBool()).additive();
        assertClose(blocked, AttentionMask.allowed(Tensor.ones(4, 4).tril().toBool()).additive(), 0, 0, "allowed(tril)");
        assertClose(blocked, AttentionMask.causal(4).additive(), 0, 0, "causal(4)");
        assertEquals(Float.NEGATIVE_INFINITY, blocked.get(0, 1));
        assertEquals(0f, blocked.get(1, 0));
        Tensor q = Tensor.randn(g, 2, 4, 8), k = Tensor.randn(g, 2, 4, 8), v = Tensor.randn(g, 2, 4, 8);
        assertClose(Attention.scaledDotProductAttention(q, k, v, AttentionMask.causal(4), 0f, false),
                Attention.scaledDotProductAttention(q, k, v, null, 0f, true), 0, 0, "isCausal against the causal mask");
    }

    @Test
    void theEncoderLayerHasPyTorchsDefaults() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2);
        assertArrayEquals(new int[] {2048, 8}, layer.namedParameters().get("linear1.weight").shape());
        assertTrue(layer.toString().contains("(dropout): Dropout(p=0.1, inplace=False)"), layer.toString());
        assertTrue(layer.toString().contains("(norm1): LayerNorm((8,), eps=1e-05, elementwise_affine=True)"), layer.toString());
        assertFalse(layer.normFirst());
        assertFalse(layer.selfAttn().batchFirst());
    }

    @Test
    void badArgumentsAreRefusedWithWhatWouldBeRight() {
        assertEquals("MultiheadAttention: embedDim must be a positive multiple of numHeads, got embedDim 10 and numHeads 4",
                assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 4)).getMessage());
        assertEquals("TransformerEncoderLayer: activation must be one of [relu, gelu], got 'tanh'",
                assertThrows(IllegalArgumentException.class,
                        () -> new TransformerEncoderLayer(8, 2, 16, 0f, "tanh", 1e-5, false, false, g)).getMessage());
        MultiheadAttention mha = new MultiheadAttention(8, 2, 0f, true, true, g);
        Tensor x = Tensor.randn(g, 2, 5, 8);
        assertEquals("MultiheadAttention: attnMask has shape [4, 4]; it needs [5, 5] (queries × keys) or [4, 5, 5] (batch · heads, queries, keys)",
                assertThrows(IllegalArgumentException.class, () -> mha.forward(x, AttentionMask.causal(4))).getMessage());
        assertEquals("MultiheadAttention: query, key and value must end in embedDim 8, got [2, 5, 6], [2, 5, 6] and [2, 5, 6]",
                assertThrows(IllegalArgumentException.class, () -> mha.forward(Tensor.zeros(2, 5, 6))).getMessage());
        assertEquals("scaledDotProductAttention: pass either a mask or isCausal = true, not both (add AttentionMask.causal(L) to your own mask to have both)",
                assertThrows(IllegalArgumentException.class,
                        () -> Attention.scaledDotProductAttention(x, x, x, AttentionMask.causal(5), 0f, true)).getMessage());
    }

    /** Zeros [n, l, e] but {@code value} along the features of sequence b, position t. */
    private static Tensor bump(int n, int l, int e, int b, int t, float value) {
        float[] data = new float[n * l * e];
        java.util.Arrays.fill(data, (b * l + t) * e, (b * l + t + 1) * e, value);
        return Tensor.of(data, n, l, e);
    }

    private static boolean close(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        for (int i = 0; i < x.length; i++) if (Math.abs(x[i] - y[i]) > 1e-6f) return false;
        return true;
    }
}
