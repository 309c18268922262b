package dev.steepest.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cutting a tensor into consecutive pieces along one dimension: {@code chunk} (a number of
 * pieces), {@code split} (pieces of one size, or of the sizes given), as PyTorch's. Each piece is a
 * copy recorded as {@code SplitBackward}: its gradient goes back to its own block of the input.
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
            List<Tensor> pieces = new ArrayList<>(chunks);
            for (int i = 0; i < chunks; i++) pieces.add(ShapeOps.slice(a, d, 0, 0, "SplitBackward"));
            return pieces;
        }
        return pieces(a, (size + chunks - 1) / chunks, d);
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
        List<Tensor> pieces = new ArrayList<>();
        for (int start = 0; ; ) {
            int length = Math.min(pieceSize, total - start);
            pieces.add(ShapeOps.slice(a, d, start, length, "SplitBackward"));
            if (length == total - start) return pieces;
            start += length;
        }
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
        List<Tensor> pieces = new ArrayList<>(sizes.length);
        int start = 0;
        for (int s : sizes) {
            pieces.add(ShapeOps.slice(a, d, start, s, "SplitWithSizesBackward"));
            start += s;
        }
        return pieces;
    }

    private static int checkedDim(String op, Tensor a, int dim) {
        if (a.shape.length == 0) {
            throw new IllegalArgumentException(op + ": cannot split a tensor with no dimensions");
        }
        return Shapes.dim(op, dim, a.shape.length);
    }
}
