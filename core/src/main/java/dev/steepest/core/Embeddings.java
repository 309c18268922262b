package dev.steepest.core;

/**
 * Looking rows up in a table: {@code embedding(weight, indices)}, as {@code torch.nn.functional.embedding}.
 * The indices are an int64 tensor, as PyTorch requires; a float32 one is refused with the fix.
 */
final class Embeddings {

    /** The padding index of an embedding that has none. */
    static final int NO_PADDING = -1;

    private Embeddings() {
    }

    /**
     * out[..., :] = weight[indices[...], :], of shape indices.shape + [embeddingDim]. With a padding
     * index ({@code NO_PADDING} for none, negative counts from the end as in PyTorch), that row
     * receives no gradient.
     */
    static Tensor embedding(Tensor weight, Tensor indices, int paddingIdx, boolean hasPadding) {
        Shapes.notNull("embedding", "the weight", weight);
        DTypes.int64("embedding", "indices", indices);
        if (weight.shape.length != 2) {
            throw new IllegalArgumentException("embedding: expects a 2-D weight [numEmbeddings, embeddingDim], got shape "
                    + Shapes.toString(weight.shape));
        }
        int rows = weight.shape[0], dim = weight.shape[1];
        int padding = NO_PADDING;
        if (hasPadding) {
            if (paddingIdx < -rows || paddingIdx >= rows) {
                throw new IllegalArgumentException("embedding: paddingIdx must be within [" + -rows + ", " + (rows - 1)
                        + "] for " + rows + " embeddings, got " + paddingIdx);
            }
            padding = paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
        }
        long[] idx = indices.longValues();
        int[] row = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            long v = idx[i];
            if (v < 0 || v >= rows) {
                throw new IndexOutOfBoundsException("embedding: index " + v + " (at flat position " + i + " of indices "
                        + Shapes.toString(indices.shape) + ") is out of range for a weight of " + rows + " rows (shape "
                        + Shapes.toString(weight.shape) + "); indices must be in [0, " + (rows - 1) + "]");
            }
            row[i] = (int) v;
        }
        float[] out = new float[idx.length * dim];
        float[] w = weight.values();
        for (int i = 0; i < row.length; i++) System.arraycopy(w, row[i] * dim, out, i * dim, dim);
        int[] shape = java.util.Arrays.copyOf(indices.shape, indices.shape.length + 1);
        shape[indices.shape.length] = dim;
        Tensor y = new Tensor(out, shape);
        if (!Tensor.recording(weight)) return y;
        int pad = padding;
        // d out[i]/d weight[row[i]] = 1: each looked-up row gathers the gradients of its uses; other rows (and the padding row) get 0
        return Tensor.record("EmbeddingBackward", y, new Tensor[] {weight}, new Tensor[] {indices}, g -> {
            float[] gw = new float[weight.numel];
            for (int i = 0; i < row.length; i++) {
                if (row[i] == pad) continue;
                int to = row[i] * dim, from = i * dim;
                for (int k = 0; k < dim; k++) gw[to + k] += g.data[from + k];
            }
            return new Tensor[] {Tensor.freshGradient(gw, weight.shape)};
        }, g -> new Tensor[] {Indexing.addedAt(g, positions(row, dim, pad), weight.shape)});
    }

    /** For each element of the output, the flat position in the weight it was read from (−1 in a padding row: no gradient). */
    private static int[] positions(int[] row, int dim, int pad) {
        int[] at = new int[row.length * dim];
        for (int i = 0; i < row.length; i++) {
            for (int k = 0; k < dim; k++) at[i * dim + k] = row[i] == pad ? -1 : row[i] * dim + k;
        }
        return at;
    }
}
