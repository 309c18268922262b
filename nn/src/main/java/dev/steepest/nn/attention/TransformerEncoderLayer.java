package dev.steepest.nn.attention;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Dropout;
import dev.steepest.nn.LayerNorm;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.init.Init;
import java.util.List;

/**
 * One block of a transformer, as {@code torch.nn.TransformerEncoderLayer}: self-attention, then
 * a two-layer feed-forward network, each with a residual connection and a LayerNorm. PyTorch's
 * order of the two (post-LN, the 2017 paper's) is the default; {@code normFirst} normalises
 * before each part instead (pre-LN, GPT-2's), which trains deep stacks more steadily:
 * <pre>
 * post-LN (default):  x = norm1(x + sa(x));          x = norm2(x + ff(x))
 * pre-LN (normFirst): x = x + sa(norm1(x));           x = x + ff(norm2(x))
 * sa(x) = dropout1(self_attn(x, x, x, mask))
 * ff(x) = dropout2(linear2(dropout(activation(linear1(x)))))
 * </pre>
 * PyTorch's names and defaults: {@code self_attn}, {@code linear1} [dimFeedforward, dModel],
 * {@code dropout}, {@code linear2}, {@code norm1}, {@code norm2}, {@code dropout1}, {@code dropout2};
 * dimFeedforward 2048, dropout 0.1, activation "relu" ("gelu" the other choice), layerNormEps
 * 1e-5, sequence first unless {@code batchFirst}. The weights are drawn in PyTorch's order
 * (self_attn, linear1, linear2), so a layer built from {@code new Generator(s)} holds what
 * {@code torch.manual_seed(s)} gives. Dropout masks are steepest's own.
 *
 * <p>A decoder-only language model (GPT) is a stack of these with a causal {@code srcMask}
 * ({@link AttentionMask#causal}): each position then sees only itself and the positions before it.
 */
public class TransformerEncoderLayer extends Module {

    /** The activations of the feed-forward network. */
    public static final List<String> ACTIVATIONS = List.of("relu", "gelu");

    private final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final boolean normFirst;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final String activation;

    /** PyTorch's defaults: dimFeedforward 2048, dropout 0.1, relu, eps 1e-5, sequence first, post-LN; drawn from {@link Init#defaultGenerator()}. */
    public TransformerEncoderLayer(int dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1f, "relu", 1e-5, false, false, Init.defaultGenerator());
    }

    /**
     * As {@code nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation,
     * layer_norm_eps, batch_first, norm_first)}.
     *
     * @param activation "relu" or "gelu"
     * @param generator draws the initial weights and the dropout masks
     */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation, double layerNormEps,
            boolean batchFirst, boolean normFirst, Generator generator) {
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("TransformerEncoderLayer: activation must be one of " + ACTIVATIONS + ", got '" + activation + "'");
        }
        if (dimFeedforward < 1) {
            throw new IllegalArgumentException("TransformerEncoderLayer: dimFeedforward must be at least 1, got " + dimFeedforward);
        }
        selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst, generator));
        linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, true, generator));
        this.dropout = registerModule("dropout", new Dropout(dropout, generator));
        linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, true, generator));
        this.normFirst = normFirst;
        norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true));
        norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true));
        dropout1 = registerModule("dropout1", new Dropout(dropout, generator));
        dropout2 = registerModule("dropout2", new Dropout(dropout, generator));
        this.activation = activation;
    }

    /** The layer without masks. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * As {@code layer(src, src_mask, src_key_padding_mask)}.
     *
     * @param src [L, N, E], [N, L, E] with batchFirst, or [L, E]; not modified
     * @param srcMask which positions each position may attend to, [L, L] (e.g. {@link AttentionMask#causal}), or null
     * @param srcKeyPaddingMask which positions are padding, [N, L], or null
     */
    public Tensor forward(Tensor src, AttentionMask srcMask, AttentionMask srcKeyPaddingMask) {
        Tensor x = src;
        // book:start block
        if (normFirst) {
            x = x.add(selfAttentionBlock(norm1.forward(x), srcMask, srcKeyPaddingMask));
            x = x.add(feedForwardBlock(norm2.forward(x)));
        } else {
            x = norm1.forward(x.add(selfAttentionBlock(x, srcMask, srcKeyPaddingMask)));
            x = norm2.forward(x.add(feedForwardBlock(x)));
        }
        // book:end block
        return x;
    }

    /**
     * The attention weights this layer's self-attention gives {@code src}, one map per head: what each
     * position looks at (for pictures; the forward pass does not keep them).
     *
     * @return [N, nhead, L, L] ([nhead, L, L] for an unbatched src); src is not modified
     */
    public Tensor selfAttentionWeights(Tensor src, AttentionMask srcMask, AttentionMask srcKeyPaddingMask) {
        Tensor x = normFirst ? norm1.forward(src) : src;
        return selfAttn.forward(x, x, x, srcKeyPaddingMask, true, srcMask, false).weights();
    }

    private Tensor selfAttentionBlock(Tensor x, AttentionMask mask, AttentionMask padding) {
        return dropout1.forward(selfAttn.forward(x, x, x, padding, false, mask, true).output());
    }

    private Tensor feedForwardBlock(Tensor x) {
        Tensor hidden = linear1.forward(x);
        hidden = activation.equals("gelu") ? hidden.gelu() : hidden.relu();
        return dropout2.forward(linear2.forward(dropout.forward(hidden)));
    }

    /** @return self_attn, the layer's MultiheadAttention */
    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    /** @return whether the LayerNorms come before the attention and the feed-forward network (pre-LN) */
    public boolean normFirst() {
        return normFirst;
    }
}
