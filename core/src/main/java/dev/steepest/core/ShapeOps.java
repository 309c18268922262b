package dev.steepest.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Ops that move values without arithmetic: reshape/view, flatten, transpose/permute, squeeze and
 * unsqueeze, select, narrow and unbind, cat and stack. The backward of each moves the gradient back.
 */
final class ShapeOps {

    private ShapeOps() {
    }

    static Tensor reshape(Tensor a, String op, int[] requested) {
        int[] shape = Shapes.inferred(op, a.shape, requested);
        return alias(a, shape, op.equals("view") ? "ViewBackward" : "ReshapeBackward");
    }

    /** A tensor sharing a's storage under another shape; the gradient is reshaped back. */
    private static Tensor alias(Tensor a, int[] shape, String name) {
        Tensor y = new Tensor(a.data, shape, a.version);
        if (!Tensor.recording(a)) return y;
        int[] from = a.shape;
        return Tensor.record(name, y, new Tensor[] {a}, Tensor.NONE,
                g -> new Tensor[] {new Tensor(g.data, from)});
    }

    static Tensor flatten(Tensor a, int startDim, int endDim) {
        if (a.shape.length == 0) {
            return alias(a, new int[] {1}, "ViewBackward");
        }
        int s = Shapes.dim("flatten", startDim, a.shape.length);
        int e = Shapes.dim("flatten", endDim, a.shape.length);
        if (s > e) {
            throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim
                    + " for shape " + Shapes.toString(a.shape));
        }
        int[] shape = new int[a.shape.length - (e - s)];
        int j = 0;
        for (int i = 0; i < s; i++) shape[j++] = a.shape[i];
        long merged = Shapes.product(java.util.Arrays.copyOfRange(a.shape, s, e + 1));
        if (merged > Shapes.MAX_ELEMENTS) {   // possible only when another dimension is 0
            throw Shapes.tooMany("flatten", "dimensions " + s + " to " + e + " of shape " + Shapes.toString(a.shape),
                    Shapes.exactProduct(java.util.Arrays.copyOfRange(a.shape, s, e + 1)));
        }
        shape[j++] = (int) merged;
        for (int i = e + 1; i < a.shape.length; i++) shape[j++] = a.shape[i];
        return alias(a, shape, "ViewBackward");
    }

    static Tensor squeeze(Tensor a) {
        int n = 0;
        for (int d : a.shape) if (d != 1) n++;
        int[] shape = new int[n];
        int j = 0;
        for (int d : a.shape) if (d != 1) shape[j++] = d;
        return alias(a, shape, "SqueezeBackward");
    }

    static Tensor squeeze(Tensor a, int dim) {
        if (a.shape.length == 0) {
            Shapes.dim("squeeze", dim, 0);
            return alias(a, new int[0], "SqueezeBackward");
        }
        int d = Shapes.dim("squeeze", dim, a.shape.length);
        if (a.shape[d] != 1) {
            return alias(a, a.shape, "SqueezeBackward");
        }
        return alias(a, Shapes.reduced(a.shape, d, false), "SqueezeBackward");
    }

    static Tensor unsqueeze(Tensor a, int dim) {
        int d = Shapes.dim("unsqueeze", dim, a.shape.length + 1);
        int[] shape = new int[a.shape.length + 1];
        for (int i = 0, j = 0; i < shape.length; i++) shape[i] = i == d ? 1 : a.shape[j++];
        return alias(a, shape, "UnsqueezeBackward");
    }

    static Tensor t(Tensor a) {
        if (a.shape.length > 2) {
            throw new IllegalArgumentException("t: expects a tensor with at most 2 dimensions, got shape " + Shapes.toString(a.shape)
                    + "; use transpose(dim0, dim1)");
        }
        return a.shape.length < 2 ? a : transpose(a, 0, 1);
    }

    static Tensor transpose(Tensor a, int dim0, int dim1) {
        int rank = a.shape.length;
        int d0 = Shapes.dim("transpose", dim0, rank), d1 = Shapes.dim("transpose", dim1, rank);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) dims[i] = i;
        dims[d0] = d1;
        dims[d1] = d0;
        return permute(a, dims, "TransposeBackward");
    }

    static Tensor permute(Tensor a, int[] dims) {
        return permute(a, dims, "PermuteBackward");
    }

    private static Tensor permute(Tensor a, int[] dims, String name) {
        int rank = a.shape.length;
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: a tensor of shape " + Shapes.toString(a.shape) + " needs " + rank
                    + " dimensions in the permutation, got " + java.util.Arrays.toString(dims));
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shapes.dim("permute", dims[i], rank);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dimension " + d + " appears twice in " + java.util.Arrays.toString(dims));
            }
            seen[d] = true;
            perm[i] = d;
        }
        Tensor y = permuted(a, perm);
        if (!Tensor.recording(a)) return y;
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        return Tensor.record(name, y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {permuted(g, inverse)});
    }

    /** Copies a's values so that output dimension i is input dimension perm[i]. */
    private static Tensor permuted(Tensor a, int[] perm) {
        int rank = perm.length;
        if (rank == 2 && perm[0] == 1) {
            return transposed2d(a);
        }
        int[] shape = new int[rank];
        int[] inStrides = new int[rank];
        int stride = 1;
        int[] strideOf = new int[rank];
        for (int i = rank - 1; i >= 0; i--) {
            strideOf[i] = stride;
            stride *= a.shape[i];
        }
        for (int i = 0; i < rank; i++) {
            shape[i] = a.shape[perm[i]];
            inStrides[i] = strideOf[perm[i]];
        }
        float[] out = new float[a.data.length];
        int[] index = new int[rank];
        int src = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = a.data[src];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                src += inStrides[d];
                if (index[d] < shape[d]) break;
                src -= inStrides[d] * shape[d];
                index[d] = 0;
            }
        }
        return new Tensor(out, shape);
    }

    /** A matrix transpose in 32x32 tiles, so that both the reads and the writes stay in cache. */
    private static Tensor transposed2d(Tensor a) {
        int rows = a.shape[0], cols = a.shape[1];
        float[] out = new float[a.data.length];
        for (int i0 = 0; i0 < rows; i0 += 32) {
            for (int j0 = 0; j0 < cols; j0 += 32) {
                int iEnd = Math.min(i0 + 32, rows), jEnd = Math.min(j0 + 32, cols);
                for (int i = i0; i < iEnd; i++) {
                    for (int j = j0; j < jEnd; j++) {
                        out[j * rows + i] = a.data[i * cols + j];
                    }
                }
            }
        }
        return new Tensor(out, new int[] {cols, rows});
    }

    static Tensor select(Tensor a, int dim, int index) {
        if (a.shape.length == 0) {
            throw new IllegalArgumentException("select: cannot select from a tensor with no dimensions");
        }
        int d = Shapes.dim("select", dim, a.shape.length);
        int size = a.shape[d];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dimension " + d + " of size " + size
                    + " (shape " + Shapes.toString(a.shape) + ")");
        }
        int i = index < 0 ? index + size : index;
        // the copied slice keeps dimension d with size 1; the alias then drops it
        return alias(slice(a, d, i, 1, "SelectBackward"), Shapes.reduced(a.shape, d, false), "SelectBackward");
    }

    static Tensor narrow(Tensor a, int dim, int start, int length) {
        if (a.shape.length == 0) {
            throw new IllegalArgumentException("narrow: cannot narrow a tensor with no dimensions");
        }
        int d = Shapes.dim("narrow", dim, a.shape.length);
        int size = a.shape[d];
        int s = start < 0 ? start + size : start;
        if (s < 0 || length < 0 || s + length > size) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " and length " + length
                    + " do not fit in dimension " + d + " of size " + size + " (shape " + Shapes.toString(a.shape) + ")");
        }
        return slice(a, d, s, length, "SliceBackward");
    }

    /** A copy of positions [start, start+length) along d; the gradient is scattered back into zeros. */
    static Tensor slice(Tensor a, int d, int start, int length, String name) {
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        int[] shape = a.shape.clone();
        shape[d] = length;
        float[] out = new float[outer * length * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(a.data, (o * size + start) * inner, out, o * length * inner, length * inner);
        }
        Tensor y = new Tensor(out, shape);
        if (!Tensor.recording(a)) return y;
        int[] from = a.shape;
        return Tensor.record(name, y, new Tensor[] {a}, Tensor.NONE, g -> {
            float[] gx = new float[outer * size * inner];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(g.data, o * length * inner, gx, (o * size + start) * inner, length * inner);
            }
            return new Tensor[] {new Tensor(gx, from)};
        });
    }

    /** The slices along d as separate tensors, that dimension removed (torch.unbind); one node for all. */
    static List<Tensor> unbind(Tensor a, int dim) {
        if (a.shape.length == 0) {
            throw new IllegalArgumentException("unbind: cannot unbind a tensor with no dimensions");
        }
        int d = Shapes.dim("unbind", dim, a.shape.length);
        int[] lengths = new int[a.shape[d]];
        java.util.Arrays.fill(lengths, 1);
        return pieces(a, d, lengths, true, "UnbindBackward");
    }

    /**
     * Consecutive pieces of the given lengths along d (copies; with dropDim, pieces of length 1
     * without dimension d), recorded as one node for all of them: in backward their gradients are
     * put back into one tensor in one pass, zeros where a piece got none (split, chunk, unbind).
     */
    static List<Tensor> pieces(Tensor a, int d, int[] lengths, boolean dropDim, String name) {
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        int[] starts = new int[lengths.length];
        Tensor[] pieces = new Tensor[lengths.length];
        for (int p = 0, start = 0; p < lengths.length; start += lengths[p], p++) {
            int length = lengths[p];
            starts[p] = start;
            int[] shape = a.shape.clone();
            shape[d] = length;
            float[] out = new float[outer * length * inner];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(a.data, (o * size + start) * inner, out, o * length * inner, length * inner);
            }
            pieces[p] = new Tensor(out, dropDim ? Shapes.reduced(a.shape, d, false) : shape);
        }
        if (!Tensor.recording(a)) return List.of(pieces);
        int[] from = a.shape;
        // each piece's gradient goes back to its own block
        return Tensor.recordEach(name, pieces, new Tensor[] {a}, Tensor.NONE, gs -> {
            float[] gx = new float[outer * size * inner];
            for (int p = 0; p < gs.length; p++) {
                if (gs[p] == null) continue;
                int length = lengths[p];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(gs[p].data, o * length * inner, gx, (o * size + starts[p]) * inner, length * inner);
                }
            }
            return new Tensor[] {Tensor.freshGradient(gx, from)};
        });
    }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expects a non-empty list of tensors");
        }
        for (int t = 0; t < tensors.size(); t++) {
            Shapes.notNull("cat", "tensor " + t, tensors.get(t));
        }
        Tensor first = tensors.get(0);
        if (first.shape.length == 0) {
            throw new IllegalArgumentException("cat: zero-dimensional tensors cannot be concatenated; use stack");
        }
        int d = Shapes.dim("cat", dim, first.shape.length);
        int total = 0;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            boolean fits = x.shape.length == first.shape.length;
            for (int i = 0; fits && i < x.shape.length; i++) fits = i == d || x.shape[i] == first.shape[i];
            if (!fits) {
                throw new IllegalArgumentException("cat: tensor " + t + " has shape " + Shapes.toString(x.shape)
                        + ", which does not fit tensor 0's shape " + Shapes.toString(first.shape)
                        + ": all sizes must match except in dimension " + d);
            }
            if ((long) total + x.shape[d] > Shapes.MAX_ELEMENTS) {
                throw Shapes.tooMany("cat", "dimension " + d + " of the result", String.valueOf((long) total + x.shape[d]));
            }
            total += x.shape[d];
        }
        int outer = Shapes.outer(first.shape, d), inner = Shapes.inner(first.shape, d);
        int[] shape = first.shape.clone();
        shape[d] = total;
        Shapes.numel("cat", shape);
        int catSize = total;
        float[] out = new float[outer * total * inner];
        int offset = 0;
        int[] offsets = new int[tensors.size()];
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            int len = x.shape[d];
            offsets[t] = offset;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x.data, o * len * inner, out, (o * total + offset) * inner, len * inner);
            }
            offset += len;
        }
        Tensor y = new Tensor(out, shape);
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        if (!Tensor.recording(inputs)) return y;
        int[][] shapes = new int[inputs.length][];
        for (int t = 0; t < inputs.length; t++) shapes[t] = inputs[t].shape;
        // each input gets back its own block of the gradient
        return Tensor.record("CatBackward", y, inputs, Tensor.NONE, g -> {
            Tensor[] grads = new Tensor[shapes.length];
            for (int t = 0; t < shapes.length; t++) {
                int len = shapes[t][d];
                float[] gx = new float[outer * len * inner];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(g.data, (o * catSize + offsets[t]) * inner, gx, o * len * inner, len * inner);
                }
                grads[t] = new Tensor(gx, shapes[t]);
            }
            return grads;
        });
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expects a non-empty list of tensors");
        }
        for (int t = 0; t < tensors.size(); t++) {
            Shapes.notNull("stack", "tensor " + t, tensors.get(t));
        }
        int[] first = tensors.get(0).shape;
        int d = Shapes.dim("stack", dim, first.length + 1);
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            if (!java.util.Arrays.equals(x.shape, first)) {
                throw new IllegalArgumentException("stack: tensor " + t + " has shape " + Shapes.toString(x.shape)
                        + " but tensor 0 has shape " + Shapes.toString(first) + "; stack needs equal shapes");
            }
            expanded.add(unsqueeze(x, d));
        }
        return cat(expanded, d);
    }
}
