package dev.steepest.nn.attention;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * Which keys a query may attend to, as the additive mask attention adds to its scores before the
 * softmax: 0 where attending is allowed, −∞ where it is not, or any float bias.
 *
 * <p>PyTorch passes masks either as float tensors (added to the scores) or as bool tensors, and
 * its two APIs read a bool mask in opposite ways: for {@code nn.MultiheadAttention}'s
 * {@code attn_mask} and {@code key_padding_mask}, True means "may <em>not</em> attend"; for
 * {@code F.scaled_dot_product_attention}, True means "may attend". So that a reader never has to
 * remember which, the choice is said by name, once, where the mask is made:
 * <pre>{@code
 * AttentionMask.blocked(Tensor.ones(t, t).triu(1).toBool())   // true = may not attend (MultiheadAttention's bool mask)
 * AttentionMask.allowed(Tensor.ones(t, t).tril().toBool())    // true = may attend (scaled_dot_product_attention's bool mask)
 * AttentionMask.additive(bias)                                // a float32 mask added as it is (PyTorch's float mask)
 * AttentionMask.causal(t)                                     // position i sees positions 0..i
 * }</pre>
 * The first three causal masks above are the same mask. Every mask may be used with every API.
 *
 * <p>A query whose every key is blocked has only −∞ scores: its softmax is 0/0, so its attention
 * weights and its output are NaN, as in PyTorch 1.13's {@code nn.MultiheadAttention}.
 */
public final class AttentionMask {

    private final Tensor additive;

    private AttentionMask(Tensor additive) {
        this.additive = additive;
    }

    /** A float32 mask added to the attention scores as it is (PyTorch's float {@code attn_mask}); −∞ blocks. */
    public static AttentionMask additive(Tensor values) {
        return new AttentionMask(checked("additive", values, DType.FLOAT32));
    }

    /** A bool mask, true where a query may <em>not</em> attend to a key (nn.MultiheadAttention's bool masks: True = masked). */
    public static AttentionMask blocked(Tensor flags) {
        return new AttentionMask(Tensor.zeros(checked("blocked", flags, DType.BOOL).shape()).maskedFill(flags, Float.NEGATIVE_INFINITY));
    }

    /** A bool mask, true where a query may attend to a key (F.scaled_dot_product_attention's bool mask: True = takes part). */
    public static AttentionMask allowed(Tensor flags) {
        return new AttentionMask(Tensor.where(checked("allowed", flags, DType.BOOL), 0f, Tensor.full(Float.NEGATIVE_INFINITY, flags.shape())));
    }

    /** The causal mask of {@code length} positions: position i attends to 0..i, never to a later one. */
    public static AttentionMask causal(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("AttentionMask.causal: length must be at least 1, got " + length);
        }
        // book:start causal
        return blocked(Tensor.ones(length, length).triu(1).toBool());
        // book:end causal
    }

    private static Tensor checked(String factory, Tensor t, DType dtype) {
        if (t == null) {
            throw new IllegalArgumentException("AttentionMask." + factory + ": the mask is null; pass no AttentionMask at all for none");
        }
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException("AttentionMask." + factory + ": the mask must be " + dtype + ", got " + t.dtype()
                    + (dtype == DType.BOOL ? "; make it with a comparison, or toBool() (non-zero as true)"
                            : "; for a bool mask use AttentionMask.blocked or AttentionMask.allowed, which say which way it reads"));
        }
        return t;
    }

    /** @return the mask as added to the scores: 0 (or the given bias) where attending is allowed, −∞ where it is not */
    public Tensor additive() {
        return additive;
    }

    /** @return the mask's shape */
    public int[] shape() {
        return additive.shape();
    }

    /** @return this mask added to another one (both kept: a key blocked by either stays blocked); null is no mask */
    AttentionMask and(AttentionMask other) {
        return other == null ? this : new AttentionMask(additive.add(other.additive));
    }

    @Override
    public String toString() {
        return "AttentionMask(shape=" + Arrays.toString(shape()) + ", additive=" + additive + ")";
    }
}
