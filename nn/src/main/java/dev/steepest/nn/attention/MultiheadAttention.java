package dev.steepest.nn.attention;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.Arrays;

/**
 * Multi-head attention, as {@code torch.nn.MultiheadAttention}: queries, keys and values are
 * projected, split into {@code numHeads} heads of {@code embedDim / numHeads} features, each head
 * attends on its own ({@link Attention#weights}), and the heads' outputs are joined and projected:
 * <pre>
 * q, k, v = query·W_qᵀ + b_q, key·W_kᵀ + b_k, value·W_vᵀ + b_v     (W_q, W_k, W_v stacked in in_proj_weight)
 * head_h  = softmax(q_h·k_hᵀ / √d + mask) · v_h                     d = embedDim / numHeads
 * output  = concat(head_1 … head_H)·W_oᵀ + b_o                       (out_proj)
 * </pre>
 * Parameters, with PyTorch's names: {@code in_proj_weight} [3E, E], {@code in_proj_bias} [3E],
 * {@code out_proj.weight} [E, E], {@code out_proj.bias} [E]. Initialised as PyTorch 1.13 does, so
 * {@code torch.manual_seed(s); nn.MultiheadAttention(E, H)} and {@code new MultiheadAttention(E, H, 0, true, false, new Generator(s))}
 * hold the same numbers: out_proj is built first as a Linear (drawing its weight, then its bias),
 * then in_proj_weight is xavier-uniform, and both biases are set to 0.
 *
 * <p>Inputs are [L, N, E] (sequence first, PyTorch's default), [N, L, E] with {@code batchFirst},
 * or [L, E] for one unbatched sequence. Masks ({@link AttentionMask}): {@code attnMask} [L, S]
 * (or [N·numHeads, L, S]) says which keys each query may see, {@code keyPaddingMask} [N, S]
 * (or [S]) which keys are padding. A query that may see no key at all gets NaN weights and a NaN
 * output, as in PyTorch 1.13 (its fast path for inference, which steepest does not have, may differ).
 * Dropout, when given, acts on the attention weights in training mode; the weights returned are the
 * ones used, after dropout, as PyTorch's are. Keys and values of another size than E
 * ({@code kdim}, {@code vdim}), {@code add_bias_kv} and {@code add_zero_attn} are not supported.
 */
public class MultiheadAttention extends Module {

    /**
     * What {@link #forward(Tensor, Tensor, Tensor, AttentionMask, boolean, AttentionMask, boolean)} returns.
     *
     * @param output [L, N, E], [N, L, E] with batchFirst, or [L, E] unbatched
     * @param weights [N, L, S] averaged over the heads or [N, numHeads, L, S] per head (without N when
     *                unbatched), or null when not asked for
     */
    public record Output(Tensor output, Tensor weights) {
    }

    private final int embedDim;
    private final int numHeads;
    private final int headDim;
    private final float dropout;
    private final boolean batchFirst;
    private final Generator generator;
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;

    /** Sequence-first, no dropout, with biases, drawn from {@link Init#defaultGenerator()}: {@code nn.MultiheadAttention(E, H)}. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, 0f, true, false, Init.defaultGenerator());
    }

    /**
     * As {@code nn.MultiheadAttention(embed_dim, num_heads, dropout, bias, batch_first=batchFirst)}.
     *
     * @param dropout the probability of dropping an attention weight in training mode
     * @param generator draws the initial weights and the dropout masks
     */
    public MultiheadAttention(int embedDim, int numHeads, float dropout, boolean bias, boolean batchFirst, Generator generator) {
        if (embedDim < 1 || numHeads < 1 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embedDim must be a positive multiple of numHeads, got embedDim "
                    + embedDim + " and numHeads " + numHeads);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("MultiheadAttention: dropout must be in [0, 1), got " + dropout);
        }
        if (generator == null) {
            throw new IllegalArgumentException("MultiheadAttention: generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.headDim = embedDim / numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        this.generator = generator;
        inProjWeight = registerParameter("in_proj_weight", Tensor.zeros(3 * embedDim, embedDim));
        inProjBias = bias ? registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim)) : null;
        // PyTorch's NonDynamicallyQuantizableLinear: a plain Linear under another name (for its quantisation tools)
        outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, generator) {
            @Override
            public String name() {
                return "NonDynamicallyQuantizableLinear";
            }
        });
        // PyTorch's _reset_parameters, after out_proj has drawn its own weights
        Init.xavierUniform_(inProjWeight, 1.0, generator);
        if (bias) {
            Init.zeros_(inProjBias);
            Init.zeros_(outProj.bias());
        }
    }

    /** Self-attention of x with itself, no mask: the output only. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, false, null, true).output();
    }

    /**
     * (x) for self-attention, or (query, key, value), in; (output, weights) out, as PyTorch's
     * {@code attn_output, attn_output_weights = mha(query, key, value)} with its defaults (no masks,
     * the weights averaged over the heads). Masks take {@link #forward(Tensor, Tensor, Tensor, AttentionMask, boolean, AttentionMask, boolean)}.
     */
    @Override
    public Tensors forward(Tensors inputs) {
        inputs.requireSize("MultiheadAttention", "(x) for self-attention, or (query, key, value)", 1, 3);
        Tensor query = inputs.get(0);
        Output out = inputs.size() == 1 ? forward(query, query, query, null, true, null, true)
                : forward(query, inputs.get(1), inputs.get(2), null, true, null, true);
        return Tensors.of(out.output(), out.weights());
    }

    /** Self-attention of x with itself under {@code attnMask} (e.g. {@link AttentionMask#causal}): the output only. */
    public Tensor forward(Tensor x, AttentionMask attnMask) {
        return forward(x, x, x, null, false, attnMask, true).output();
    }

    /**
     * As {@code mha(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)}.
     *
     * @param keyPaddingMask which keys are padding, [N, S] (or [S] unbatched), or null
     * @param needWeights whether to return the attention weights
     * @param attnMask which keys each query may attend to, [L, S] or [N·numHeads, L, S], or null
     * @param averageAttnWeights average the weights over the heads (else one map per head)
     * @return the output and, when asked for, the attention weights; no argument is modified
     */
    public Output forward(Tensor query, Tensor key, Tensor value, AttentionMask keyPaddingMask, boolean needWeights,
            AttentionMask attnMask, boolean averageAttnWeights) {
        boolean batched = checkInputs(query, key, value);
        boolean self = query == key && key == value;
        // Work batch-first: [N, L, E].
        Tensor q = batchFirstView(query, batched), k = self ? q : batchFirstView(key, batched), v = key == value ? k : batchFirstView(value, batched);
        int n = q.size(0), l = q.size(1), s = k.size(1);

        // book:start heads
        // Project and split into heads: [N, L, E] → [N, H, L, d].
        Tensor[] qkv = project(q, k, v, self);
        Tensor qh = heads(qkv[0]), kh = heads(qkv[1]), vh = heads(qkv[2]);

        AttentionMask mask = combine(attnMask, keyPaddingMask, n, l, s, batched);
        Tensor weights = Attention.weights(qh, kh, mask);                          // [N, H, L, S]
        weights = weights.dropout(dropout, isTraining() && dropout > 0f, generator);
        Tensor joined = weights.matmul(vh).transpose(1, 2).reshape(n, l, embedDim); // [N, L, E]
        Tensor out = outProj.forward(joined);
        // book:end heads

        if (!batched) out = out.squeeze(0);
        else if (!batchFirst) out = out.transpose(0, 1);
        if (!needWeights) return new Output(out, null);
        Tensor w = averageAttnWeights ? weights.sum(1, false).div(numHeads) : weights;
        return new Output(out, batched ? w : w.squeeze(0));
    }

    private Tensor batchFirstView(Tensor x, boolean batched) {
        if (!batched) return x.unsqueeze(0);
        return batchFirst ? x : x.transpose(0, 1);
    }

    /** q, k, v projected by the three blocks of in_proj_weight (one product for self-attention). */
    private Tensor[] project(Tensor q, Tensor k, Tensor v, boolean self) {
        if (self) {
            return q.linear(inProjWeight, inProjBias).chunk(3, -1).toArray(new Tensor[0]);
        }
        Tensor[] w = inProjWeight.chunk(3, 0).toArray(new Tensor[0]);
        Tensor[] b = inProjBias == null ? new Tensor[3] : inProjBias.chunk(3, 0).toArray(new Tensor[0]);
        return new Tensor[] {q.linear(w[0], b[0]), k.linear(w[1], b[1]), v.linear(w[2], b[2])};
    }

    /** [N, L, E] → [N, H, L, d]: head h holds features h·d .. (h+1)·d − 1. */
    private Tensor heads(Tensor x) {
        return x.reshape(x.size(0), x.size(1), numHeads, headDim).transpose(1, 2);
    }

    /** attnMask and keyPaddingMask as one mask over the scores [N, H, L, S]. */
    private AttentionMask combine(AttentionMask attnMask, AttentionMask keyPaddingMask, int n, int l, int s, boolean batched) {
        AttentionMask mask = null;
        if (attnMask != null) {
            int[] shape = attnMask.shape();
            if (Arrays.equals(shape, new int[] {l, s})) {
                mask = attnMask;
            } else if (Arrays.equals(shape, new int[] {n * numHeads, l, s})) {
                mask = AttentionMask.additive(attnMask.additive().reshape(n, numHeads, l, s));
            } else {
                throw new IllegalArgumentException("MultiheadAttention: attnMask has shape " + Arrays.toString(shape) + "; it needs ["
                        + l + ", " + s + "] (queries × keys) or [" + (n * numHeads) + ", " + l + ", " + s + "] (batch · heads, queries, keys)");
            }
        }
        if (keyPaddingMask != null) {
            int[] shape = keyPaddingMask.shape();
            int[] expected = batched ? new int[] {n, s} : new int[] {s};
            if (!Arrays.equals(shape, expected)) {
                throw new IllegalArgumentException("MultiheadAttention: keyPaddingMask has shape " + Arrays.toString(shape) + "; it needs "
                        + Arrays.toString(expected) + " (" + (batched ? "batch, keys" : "keys") + ")");
            }
            AttentionMask padding = AttentionMask.additive(keyPaddingMask.additive().reshape(n, 1, 1, s));
            mask = padding.and(mask);
        }
        return mask;
    }

    private boolean checkInputs(Tensor query, Tensor key, Tensor value) {
        if (query == null || key == null || value == null) {
            throw new IllegalArgumentException("MultiheadAttention: query, key and value must not be null; for self-attention pass x three times");
        }
        int rank = query.dim();
        String layout = batchFirst ? "[N, L, E] (batchFirst)" : "[L, N, E]";
        if ((rank != 2 && rank != 3) || key.dim() != rank || value.dim() != rank) {
            throw new IllegalArgumentException("MultiheadAttention: query, key and value must all be " + layout + " or all [L, E] (unbatched), got "
                    + Arrays.toString(query.shape()) + ", " + Arrays.toString(key.shape()) + " and " + Arrays.toString(value.shape()));
        }
        if (query.size(-1) != embedDim || key.size(-1) != embedDim || value.size(-1) != embedDim) {
            throw new IllegalArgumentException("MultiheadAttention: query, key and value must end in embedDim " + embedDim + ", got "
                    + Arrays.toString(query.shape()) + ", " + Arrays.toString(key.shape()) + " and " + Arrays.toString(value.shape()));
        }
        if (!Arrays.equals(key.shape(), value.shape())) {
            throw new IllegalArgumentException("MultiheadAttention: key " + Arrays.toString(key.shape()) + " and value "
                    + Arrays.toString(value.shape()) + " must have the same shape");
        }
        int batchDim = batchFirst ? 0 : 1;
        if (rank == 3 && query.size(batchDim) != key.size(batchDim)) {
            throw new IllegalArgumentException("MultiheadAttention: query " + Arrays.toString(query.shape()) + " and key " + Arrays.toString(key.shape())
                    + " have different batch sizes (dimension " + batchDim + " of " + layout + ")");
        }
        return rank == 3;
    }

    /** @return in_proj_weight, [3·embedDim, embedDim]: W_q, W_k and W_v stacked */
    public Tensor inProjWeight() {
        return inProjWeight;
    }

    /** @return in_proj_bias, [3·embedDim], or null without bias */
    public Tensor inProjBias() {
        return inProjBias;
    }

    /** @return out_proj, the Linear(embedDim, embedDim) after the heads are joined */
    public Linear outProj() {
        return outProj;
    }

    /** @return whether inputs are [N, L, E] rather than [L, N, E] */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** @return the number of heads */
    public int numHeads() {
        return numHeads;
    }
}
