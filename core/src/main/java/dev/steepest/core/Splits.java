package dev.steepest.core;

import java.util.Arrays;
import java.util.List;

/**
 * Cutting a tensor into consecutive pieces along one dimension: {@code chunk} (a number of
 * pieces), {@code split} (pieces of one size, or of the sizes given), as PyTorch's. Each piece is a
 * view of the input (writing into it writes into the input); all pieces share one {@code SplitBackward} node, which puts their gradients back into the
 * input's blocks in one pass.
 */
final class Splits {

    private Splits() {
    }

    /** torch.chunk: pieces of ceil(size / chunks) along d, the last one smaller (maybe fewer than chunks pieces). */
    static List<Tensor> chunk(Tensor a, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: the number of chunks must be positive, got " + chunks);
        }
        int d = checkedDim("chunk", a, dim);
        int size = a.shape[d];
        if (size == 0) {
            // an empty dimension gives `chunks` empty pieces, as in PyTorch
            return ShapeOps.pieces(a, d, new int[chunks], false, "SplitBackward");
        }
        return pieces(a, (int) (((long) size + chunks - 1) / chunks), d);   // long: chunks may be near Integer.MAX_VALUE
    }

    /** torch.split(size): pieces of {@code size} along d, the last one smaller. */
    static List<Tensor> split(Tensor a, int size, int dim) {
        if (size <= 0) {
            throw new IllegalArgumentException("split: the size of a piece must be positive, got " + size);
        }
        return pieces(a, size, checkedDim("split", a, dim));
    }

    /** Pieces of pieceSize along d, the last one smaller; one empty piece when d is empty. */
    private static List<Tensor> pieces(Tensor a, int pieceSize, int d) {
        int total = a.shape[d];
        int count = total == 0 ? 1 : (int) (((long) total + pieceSize - 1) / pieceSize);
        int[] lengths = new int[count];
        for (int p = 0; p < count; p++) lengths[p] = (int) Math.min(pieceSize, total - (long) p * pieceSize);
        return ShapeOps.pieces(a, d, lengths, false, "SplitBackward");
    }

    /** torch.split([sizes]): pieces of the given sizes along d, which must add up to its size. */
    static List<Tensor> split(Tensor a, int[] sizes, int dim) {
        if (sizes == null) {
            throw new IllegalArgumentException("split: sizes is null; pass the size of each piece");
        }
        int d = checkedDim("split", a, dim);
        long sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: sizes must be non-negative, got " + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != a.shape[d]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum + ", but dimension " + d
                    + " of shape " + Shapes.toString(a.shape) + " has size " + a.shape[d] + "; they must add up to it");
        }
        return ShapeOps.pieces(a, d, sizes.clone(), false, "SplitWithSizesBackward");
    }

    private static int checkedDim(String op, Tensor a, int dim) {
        if (a.shape.length == 0) {
            throw new IllegalArgumentException(op + ": cannot split a tensor with no dimensions");
        }
        return Shapes.dim(op, dim, a.shape.length);
    }
}
