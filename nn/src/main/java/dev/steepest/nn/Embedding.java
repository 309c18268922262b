package dev.steepest.nn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.init.Init;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as
 * {@code torch.nn.Embedding}: the input holds int64 indices (any shape; a float32 one is refused),
 * the output their rows, shaped input.shape + [embeddingDim]. Only the rows used receive a gradient.
 *
 * <p>Initialised as PyTorch's: the weight N(0, 1), then the row {@code paddingIdx} (if any) zeroed;
 * that row never receives a gradient, so it stays zero while training. A negative paddingIdx counts
 * from the end and is stored as its positive equivalent, as PyTorch does.
 */
public class Embedding extends Module {

    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;
    private final Tensor weight;

    /** Drawn from {@link Init#defaultGenerator()}, no padding index. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null, Init.defaultGenerator());
    }

    /** No padding index. */
    public Embedding(int numEmbeddings, int embeddingDim, Generator generator) {
        this(numEmbeddings, embeddingDim, null, generator);
    }

    /** With a padding index in [-numEmbeddings, numEmbeddings), or null for none. */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator generator) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be at least 1, got "
                    + numEmbeddings + " and " + embeddingDim);
        }
        if (paddingIdx != null && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings)) {
            throw new IllegalArgumentException("Embedding: paddingIdx must be within [" + -numEmbeddings + ", " + (numEmbeddings - 1)
                    + "] for " + numEmbeddings + " embeddings, got " + paddingIdx);
        }
        if (generator == null) {
            throw new IllegalArgumentException("Embedding: generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        this.weight = registerParameter("weight", Tensor.zeros(numEmbeddings, embeddingDim));
        Init.normal_(weight, 0, 1, generator);
        if (this.paddingIdx != null) {   // PyTorch's _fill_padding_idx_with_zero
            java.util.Arrays.fill(weight.rawData(), this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim, 0f);
            weight.markModified();
        }
    }

    /** @return the table, shape [numEmbeddings, embeddingDim] */
    public Tensor weight() {
        return weight;
    }

    /** The padding index (non-negative), or null for none. */
    public Integer paddingIdx() {
        return paddingIdx;
    }

    @Override
    public Tensor forward(Tensor indices) {
        return paddingIdx == null ? Tensor.embedding(weight, indices) : Tensor.embedding(weight, indices, paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
