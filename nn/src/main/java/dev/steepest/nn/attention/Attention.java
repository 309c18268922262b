package dev.steepest.nn.attention;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * Scaled dot-product attention, the functional form (torch.nn.functional.scaled_dot_product_attention):
 * <pre>
 * weights = softmax(q·kᵀ / √E + mask)      each query's distribution over the keys
 * output  = dropout(weights) · v           the values, mixed by those weights
 * </pre>
 * for q [..., L, E], k [..., S, E] and v [..., S, Ev] (the leading dimensions equal), giving
 * [..., L, Ev]. A row whose every key is masked gives NaN, as PyTorch 1.13's
 * {@code nn.MultiheadAttention} does (see {@link AttentionMask}).
 */
public final class Attention {

    private Attention() {
    }

    /**
     * As {@code F.scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)}; dropout
     * draws from the default generator.
     *
     * @param mask which keys each query may attend to, or null for all
     * @param dropoutP the probability of dropping an attention weight (0 for none)
     * @param isCausal whether query i may only attend to keys 0..i (then {@code mask} must be null)
     * @return [..., L, Ev]; none of the arguments is modified
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, AttentionMask mask, float dropoutP, boolean isCausal) {
        return scaledDotProductAttention(q, k, v, mask, dropoutP, isCausal, Generator.defaultGenerator());
    }

    /** As {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, AttentionMask, float, boolean)}, dropout drawing from {@code generator}. */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, AttentionMask mask, float dropoutP, boolean isCausal,
            Generator generator) {
        if (isCausal && mask != null) {
            throw new IllegalArgumentException("scaledDotProductAttention: pass either a mask or isCausal = true, not both"
                    + " (add AttentionMask.causal(L) to your own mask to have both)");
        }
        if (!(dropoutP >= 0f && dropoutP < 1f)) {
            throw new IllegalArgumentException("scaledDotProductAttention: dropoutP must be in [0, 1), got " + dropoutP);
        }
        checkQueriesAndKeys(q, k);
        checkValues(k, v);
        // causal: query i sees keys 0..i (ones(L, S).tril(), as PyTorch's is_causal)
        AttentionMask m = isCausal ? AttentionMask.allowed(Tensor.ones(q.size(-2), k.size(-2)).tril().toBool()) : mask;
        Tensor weights = weights(q, k, m);
        return weights.dropout(dropoutP, dropoutP > 0f, generator).matmul(v);
    }

    /**
     * The attention weights alone, {@code softmax(q·kᵀ / √E + mask)} over the last dimension:
     * [..., L, S], each row summing to 1 (or NaN where the mask blocks every key).
     */
    public static Tensor weights(Tensor q, Tensor k, AttentionMask mask) {
        checkQueriesAndKeys(q, k);
        int e = q.size(-1), l = q.size(-2), s = k.size(-2);
        // book:start weights
        Tensor scores = q.div((float) Math.sqrt(e)).matmul(k.transpose(-2, -1));   // [..., L, S]
        if (mask != null) {
            int[] ms = mask.shape();
            if (ms.length < 2 || (ms[ms.length - 2] != l && ms[ms.length - 2] != 1) || (ms[ms.length - 1] != s && ms[ms.length - 1] != 1)) {
                throw new IllegalArgumentException("attention: the mask's shape " + Arrays.toString(ms) + " does not fit the scores "
                        + Arrays.toString(scores.shape()) + "; it needs [" + l + ", " + s + "] (queries × keys), a batch of them, or 1 where it broadcasts");
            }
            scores = scores.add(mask.additive());
        }
        return scores.softmax(-1);
        // book:end weights
    }

    private static void checkQueriesAndKeys(Tensor q, Tensor k) {
        if (q == null || k == null) {
            throw new IllegalArgumentException("attention: query and key must not be null");
        }
        if (q.dim() < 2 || k.dim() != q.dim() || q.size(-1) != k.size(-1)
                || !Arrays.equals(Arrays.copyOf(q.shape(), q.dim() - 2), Arrays.copyOf(k.shape(), k.dim() - 2))) {
            throw new IllegalArgumentException("attention: query " + Arrays.toString(q == null ? null : q.shape()) + " and key "
                    + Arrays.toString(k.shape()) + " do not fit; they need shapes [..., L, E] and [..., S, E] with the same leading dimensions and E");
        }
    }

    private static void checkValues(Tensor k, Tensor v) {
        if (v == null || k == null || v.dim() != k.dim() || v.size(-2) != k.size(-2)
                || !Arrays.equals(Arrays.copyOf(k.shape(), k.dim() - 2), Arrays.copyOf(v.shape(), v.dim() - 2))) {
            throw new IllegalArgumentException("attention: key " + (k == null ? "null" : Arrays.toString(k.shape())) + " and value "
                    + (v == null ? "null" : Arrays.toString(v.shape())) + " do not fit; value needs [..., S, Ev] with the key's leading dimensions and S");
        }
    }
}
