package dev.steepest.core;

/**
 * Ops that read or write at positions given by an index tensor along one dimension:
 * {@code gather}, {@code scatter} (a tensor or a value) and {@code scatterAdd}, as PyTorch's.
 *
 * <p>For a 2-D input and {@code dim = 1}: {@code gather} reads {@code out[i][j] = input[i][index[i][j]]},
 * {@code scatter} writes {@code out[i][index[i][j]] = src[i][j]} and {@code scatterAdd} adds
 * {@code out[i][index[i][j]] += src[i][j]}. Each is computed once as a list of flat positions
 * ({@link #targets}): position {@code p} of the index tensor reads or writes element
 * {@code target[p]} of the indexed tensor, and the backward rules walk the same list the other way.
 *
 * <p>Indices are int64 (as {@code argmax} returns them; a float32 index is refused naming the op and the fix), in
 * {@code [0, size)} of {@code dim}; the index tensor has the input's number of dimensions and is no
 * larger than it in every other dimension.
 */
final class Indexing {

    private Indexing() {
    }

    /** out[…][i][…] = a[…][index[…][i][…]][…] along d; the shape of index. */
    static Tensor gather(Tensor a, int dim, Tensor index) {
        int d = Shapes.dim("gather", dim, a.shape.length);
        return gather("gather", "GatherBackward", a, d, index, targets("gather", a.shape, d, index, null));
    }

    /**
     * The slices of a at the positions the 1-D int64 {@code index} gives along d, in its order, as
     * torch.index_select: a gather with the index repeated across every other dimension.
     */
    static Tensor indexSelect(Tensor a, int dim, Tensor index) {
        DTypes.int64("indexSelect", "index", index);
        if (index.shape.length > 1) {
            throw new IllegalArgumentException("indexSelect: index must be 1-D (or a single number), got shape " + Shapes.toString(index.shape));
        }
        int d = Shapes.dim("indexSelect", dim, a.shape.length);
        int[] shape = a.shape.clone();
        if (shape.length > 0) shape[d] = index.numel;
        Tensor spread = Broadcasting.expand(index.reshape(alongDim(shape.length, d, index.numel)), shape);
        return gather("indexSelect", "IndexSelectBackward", a, d, spread, targets("indexSelect", a.shape, d, spread, null));
    }

    /** [1, …, n, …, 1]: n at d, 1 elsewhere. */
    private static int[] alongDim(int rank, int d, int n) {
        int[] shape = new int[rank];
        java.util.Arrays.fill(shape, 1);
        if (rank > 0) shape[d] = n;
        return shape;
    }

    private static Tensor gather(String op, String backward, Tensor a, int d, Tensor index, int[] target) {
        float[] x = a.values(), out = new float[target.length];
        for (int p = 0; p < out.length; p++) out[p] = x[target[p]];
        Tensor y = new Tensor(out, index.shape.clone());
        if (!Tensor.recording(a)) return y;
        // d out[p] / d a[target[p]] = 1: the gradient is added back where each value was read
        return Tensor.record(backward, y, new Tensor[] {a}, new Tensor[] {index}, g -> {
            float[] ga = new float[a.numel];
            for (int p = 0; p < target.length; p++) ga[target[p]] += g.data[p];
            return new Tensor[] {Tensor.freshGradient(ga, a.shape)};
        }, g -> new Tensor[] {addedAt(g, target, a.shape)});
    }

    /** A copy of a with src's values written at the indexed positions (the last write wins on repeats). */
    static Tensor scatter(Tensor a, int dim, Tensor index, Tensor src) {
        return scatterTensor("scatter", a, dim, index, src, false);
    }

    /** A copy of a with src's values added at the indexed positions (repeats add up). */
    static Tensor scatterAdd(Tensor a, int dim, Tensor index, Tensor src) {
        return scatterTensor("scatterAdd", a, dim, index, src, true);
    }

    private static Tensor scatterTensor(String op, Tensor a, int dim, Tensor index, Tensor src, boolean add) {
        Shapes.notNull(op, "index", index);
        Shapes.notNull(op, "src", src);
        int d = Shapes.dim(op, dim, a.shape.length);
        int[] target = targets(op, a.shape, d, index, src);
        int[] from = sourcePositions(index.shape, src.shape);
        float[] out = a.toArray(), s = src.values();
        for (int p = 0; p < target.length; p++) out[target[p]] = add ? out[target[p]] + s[from[p]] : s[from[p]];
        Tensor y = new Tensor(out, a.shape.clone());
        if (!Tensor.recording(a, src)) return y;
        if (add) {
            // d out/d a = 1; d out[target[p]] / d src[from[p]] = 1
            return Tensor.record("ScatterAddBackward", y, new Tensor[] {a, src}, new Tensor[] {index},
                    g -> new Tensor[] {g, src.requiresGrad ? readBack(g, target, from, src.shape) : null},
                    g -> new Tensor[] {g, src.requiresGrad ? readBackRecorded(g, target, from, src.shape) : null});
        }
        // an overwritten element no longer depends on a; the value written there came from src
        return Tensor.record("ScatterBackward", y, new Tensor[] {a, src}, new Tensor[] {index},
                g -> new Tensor[] {overwrittenZeroed(g, target), src.requiresGrad ? readBack(g, target, from, src.shape) : null},
                g -> new Tensor[] {overwrittenZeroedRecorded(g, target), src.requiresGrad ? readBackRecorded(g, target, from, src.shape) : null});
    }

    /** A copy of a with {@code value} written at the indexed positions. */
    static Tensor scatter(Tensor a, int dim, Tensor index, float value) {
        Shapes.notNull("scatter", "index", index);
        int d = Shapes.dim("scatter", dim, a.shape.length);
        int[] target = targets("scatter", a.shape, d, index, null);
        float[] out = a.toArray();
        for (int p = 0; p < target.length; p++) out[target[p]] = value;
        Tensor y = new Tensor(out, a.shape.clone());
        if (!Tensor.recording(a)) return y;
        // an overwritten element no longer depends on a
        return Tensor.record("ScatterBackward", y, new Tensor[] {a}, new Tensor[] {index},
                g -> new Tensor[] {overwrittenZeroed(g, target)}, g -> new Tensor[] {overwrittenZeroedRecorded(g, target)});
    }

    /** The gradient with the overwritten positions set to 0. */
    private static Tensor overwrittenZeroed(Tensor g, int[] target) {
        float[] ga = g.data.clone();
        for (int t : target) ga[t] = 0f;
        return Tensor.freshGradient(ga, g.shape);
    }

    /** {@link #overwrittenZeroed} recorded: where(kept, g, 0), whose own gradient is cut at the same positions. */
    private static Tensor overwrittenZeroedRecorded(Tensor g, int[] target) {
        long[] kept = new long[g.numel];
        java.util.Arrays.fill(kept, 1);
        for (int t : target) kept[t] = 0;
        return Comparisons.where(new Tensor(kept, g.shape.clone(), DType.BOOL), g, Tensor.scalar(0f));
    }

    /** {@link #readBack} recorded: the gradient taken at the targets, then placed at src's used positions. */
    private static Tensor readBackRecorded(Tensor g, int[] target, int[] from, int[] srcShape) {
        return addedAt(taken(g, target, new int[] {target.length}), from, srcShape);
    }

    /**
     * out[p] = t[positions[p]] (0 where a position is negative), of {@code shape}: gather's arithmetic
     * on flat positions, recorded. It and {@link #addedAt} are each other's gradient (adjoint linear
     * maps), so the gradient of every op here that moves values by positions (gather, indexSelect,
     * scatter, embedding, nearest upsampling) can be differentiated to any order.
     */
    static Tensor taken(Tensor t, int[] positions, int[] shape) {
        float[] x = t.values(), out = new float[positions.length];
        for (int p = 0; p < out.length; p++) if (positions[p] >= 0) out[p] = x[positions[p]];
        Tensor y = new Tensor(out, shape.clone());
        if (!Tensor.recording(t)) return y;
        int[] from = t.shape;
        // d out[p] / d t[positions[p]] = 1
        return Tensor.record("TakeBackward", y, new Tensor[] {t}, Tensor.NONE, g -> new Tensor[] {addedAt(g, positions, from)});
    }

    /** out[positions[p]] += t[p] into zeros of {@code shape} (negative positions skipped), recorded: {@link #taken}'s adjoint. */
    static Tensor addedAt(Tensor t, int[] positions, int[] shape) {
        float[] x = t.values(), out = new float[Shapes.numel(shape)];
        for (int p = 0; p < positions.length; p++) if (positions[p] >= 0) out[positions[p]] += x[p];
        Tensor y = new Tensor(out, shape.clone());
        if (!Tensor.recording(t)) return y;
        int[] from = t.shape;
        // d out[positions[p]] / d t[p] = 1
        return Tensor.record("IndexAddBackward", y, new Tensor[] {t}, Tensor.NONE, g -> new Tensor[] {taken(g, positions, from)});
    }

    /** src's gradient: at each used position, the gradient of the element it was written to; 0 elsewhere. */
    private static Tensor readBack(Tensor g, int[] target, int[] from, int[] srcShape) {
        float[] gs = new float[Shapes.numel(srcShape)];
        for (int p = 0; p < target.length; p++) gs[from[p]] = g.data[target[p]];
        return Tensor.freshGradient(gs, srcShape);
    }

    /**
     * For each element of index (row-major), the flat position in a tensor of {@code shape} it
     * addresses: the element's own coordinates with coordinate d replaced by the index value.
     * Checks ranks, sizes (index no larger than shape but along d, and no larger than src anywhere)
     * and every index value.
     */
    static int[] targets(String op, int[] shape, int d, Tensor index, Tensor src) {
        int[] is = DTypes.int64(op, "index", index).shape;
        if (is.length != shape.length) {
            throw new IllegalArgumentException(op + ": index has " + is.length + " dimension" + (is.length == 1 ? "" : "s")
                    + " but the input has " + shape.length + " (index shape " + Shapes.toString(is) + ", input shape "
                    + Shapes.toString(shape) + "); they need the same number of dimensions"
                    + (is.length + 1 == shape.length ? ", e.g. index.unsqueeze(" + d + ")" : ""));
        }
        for (int k = 0; k < is.length; k++) {
            if (k != d && is[k] > shape[k]) {
                throw new IllegalArgumentException(op + ": index shape " + Shapes.toString(is) + " does not fit input shape "
                        + Shapes.toString(shape) + ": size " + is[k] + " > " + shape[k] + " at dimension " + k
                        + "; index may be no larger than the input in every dimension but " + d);
            }
        }
        if (src != null) {
            if (src.shape.length != is.length) {
                throw new IllegalArgumentException(op + ": src has " + src.shape.length + " dimensions but index has " + is.length
                        + " (src shape " + Shapes.toString(src.shape) + ", index shape " + Shapes.toString(is) + "); they need the same number");
            }
            for (int k = 0; k < is.length; k++) {
                if (is[k] > src.shape[k]) {
                    throw new IllegalArgumentException(op + ": index shape " + Shapes.toString(is) + " does not fit src shape "
                            + Shapes.toString(src.shape) + ": size " + is[k] + " > " + src.shape[k] + " at dimension " + k
                            + "; index may be no larger than src in any dimension");
                }
            }
        }
        int rank = is.length;
        int size = rank == 0 ? 1 : shape[d];
        int[] strides = strides(shape);
        int[] coords = new int[rank];
        int[] target = new int[index.numel];
        int base = 0;   // the flat position of coords with coordinate d = 0
        long[] indices = DTypes.int64(op, "index", index).longValues();
        for (int p = 0; p < target.length; p++) {
            long v = indices[p];
            if (v < 0 || v >= size) {
                throw outOfRange(op, v, coords, is, shape, d, size);
            }
            target[p] = base + (rank == 0 ? 0 : (int) v * strides[d]);
            // odometer over index's coordinates, skipping d's contribution in base
            for (int k = rank - 1; k >= 0; k--) {
                coords[k]++;
                if (k != d) base += strides[k];
                if (coords[k] < is[k]) break;
                if (k != d) base -= strides[k] * is[k];
                coords[k] = 0;
            }
        }
        return target;
    }

    private static IndexOutOfBoundsException outOfRange(String op, long v, int[] coords, int[] is, int[] shape, int d, int size) {
        return new IndexOutOfBoundsException(op + ": index " + v + " at position " + java.util.Arrays.toString(coords)
                + " is out of range for dimension " + d + " of size " + size + " (index shape " + Shapes.toString(is) + ", input shape "
                + Shapes.toString(shape) + "); expected a value in [0, " + (size - 1) + "]");
    }

    /** For each element of an index of shape {@code is}, the flat position of the same coordinates in src. */
    private static int[] sourcePositions(int[] is, int[] srcShape) {
        int rank = is.length;
        int[] strides = strides(srcShape);
        int[] coords = new int[rank];
        int[] from = new int[Shapes.numel(is)];
        int pos = 0;
        for (int p = 0; p < from.length; p++) {
            from[p] = pos;
            for (int k = rank - 1; k >= 0; k--) {
                coords[k]++;
                pos += strides[k];
                if (coords[k] < is[k]) break;
                pos -= strides[k] * is[k];
                coords[k] = 0;
            }
        }
        return from;
    }

    /** Row-major strides: how far apart consecutive positions of each dimension are. */
    private static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        for (int k = shape.length - 1, s = 1; k >= 0; k--) {
            strides[k] = s;
            s *= shape[k];
        }
        return strides;
    }
}
