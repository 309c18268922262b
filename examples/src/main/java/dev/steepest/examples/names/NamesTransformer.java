package dev.steepest.examples.names;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Embedding;
import dev.steepest.nn.LayerNorm;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.attention.AttentionMask;
import dev.steepest.nn.attention.TransformerEncoderLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code names} chapter's transformer: a decoder-only (GPT-style) language model over
 * characters. Each token and each position gets a learned vector; a stack of pre-LN transformer
 * blocks lets every position look at itself and the positions before it (a causal mask), and a
 * linear head turns each position's vector into scores for the next token.
 * <pre>
 * token Embedding(27, 64) + position Embedding(16, 64)         [B, T] → [B, T, 64]
 * 4 × TransformerEncoderLayer(64, 4 heads, 256, GELU, pre-LN)  causal: position t sees 0..t
 * LayerNorm(64), Linear(64, 27)                                 → [B · T, 27] scores of the next token
 * </pre>
 * About 205,000 parameters, as makemore's transformer. No dropout: on 31,000 names a model this
 * small does not overfit within the run.
 */
final class NamesTransformer extends Module {
    /** The longest sequence: '.' and at most 15 letters. */
    static final int CONTEXT = 16;

    private final Embedding tokens;
    private final Embedding positions;
    private final Sequential blocks;
    private final LayerNorm norm;
    private final Linear head;

    /**
     * @param embedding the size of every position's vector (64)
     * @param heads attention heads per block (4)
     * @param layers transformer blocks (4)
     * @param generator draws the initial weights (token and position embeddings, each block, head, in that order)
     */
    NamesTransformer(int embedding, int heads, int layers, Generator generator) {
        tokens = registerModule("tokens", new Embedding(NamesData.VOCABULARY, embedding, generator));
        positions = registerModule("positions", new Embedding(CONTEXT, embedding, generator));
        blocks = registerModule("blocks", new Sequential());
        for (int i = 0; i < layers; i++) {
            blocks.add(new TransformerEncoderLayer(embedding, heads, 4 * embedding, 0f, "gelu", 1e-5, true, true, generator));
        }
        norm = registerModule("norm", new LayerNorm(embedding));
        head = registerModule("head", new Linear(embedding, NamesData.VOCABULARY, true, generator));
    }

    /**
     * @param input [B, T] int64 token indices, T at most {@link #CONTEXT}
     * @return the next token's scores at every position, [B · T, 27] (row b · T + t is position t of sequence b)
     */
    @Override
    public Tensor forward(Tensor input) {
        int t = input.size(1);
        // book:start forward
        Tensor x = tokens.forward(input).add(positions.forward(Tensor.arange(t)));   // [B, T, E]
        AttentionMask causal = AttentionMask.causal(t);
        for (Module block : blocks.children()) {
            x = ((TransformerEncoderLayer) block).forward(x, causal, null);
        }
        return head.forward(norm.forward(x)).reshape(-1, NamesData.VOCABULARY);
        // book:end forward
    }

    /** @return per block, the attention of each head over the tokens, [heads, T, T], for one sequence [1, T] */
    List<Tensor> attention(Tensor input) {
        int t = input.size(1);
        Tensor x = tokens.forward(input).add(positions.forward(Tensor.arange(t)));
        AttentionMask causal = AttentionMask.causal(t);
        List<Tensor> maps = new ArrayList<>();
        for (Module block : blocks.children()) {
            TransformerEncoderLayer layer = (TransformerEncoderLayer) block;
            maps.add(layer.selfAttentionWeights(x, causal, null).select(0, 0));
            x = layer.forward(x, causal, null);
        }
        return maps;
    }
}
