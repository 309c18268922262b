package dev.steepest.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Ops that move values without arithmetic: reshape/view, flatten, transpose/permute, squeeze and
 * unsqueeze, select, narrow and unbind, cat and stack. All but cat and stack (and a reshape the
 * strides do not allow) are views, as in PyTorch: new shape, strides and offset over the same
 * storage ({@link Strides}), no value copied. The backward of each moves the gradient back.
 */
final class ShapeOps {

    private ShapeOps() {
    }

    /**
     * view and reshape: the same values under another shape. Both share a's storage when its strides
     * allow it ({@link Strides#viewStrides}); otherwise view refuses, as PyTorch's does, and reshape
     * copies. The gradient is reshaped back either way.
     */
    static Tensor reshape(Tensor a, String op, int[] requested) {
        int[] shape = Shapes.inferred(op, a.shape, requested);
        boolean view = op.equals("view");
        String name = view ? "ViewBackward" : "ReshapeBackward";
        int[] stride = a.isContiguous() ? Strides.contiguous(shape) : Strides.viewStrides(a.shape, a.stride, shape);
        if (stride != null) {
            return alias(a, shape, stride, a.offset, name);
        }
        if (view) {
            throw new IllegalArgumentException("view: shape " + Shapes.toString(shape) + " is not compatible with the input's size "
                    + Shapes.toString(a.shape) + " and stride " + Shapes.toString(a.stride) + " (at least one dimension spans across "
                    + "two contiguous subspaces). Use reshape(...) instead, which copies when it must, or contiguous() first.");
        }
        return recordReshape(a.copied(shape), a, name);
    }

    /** A dense tensor sharing a's storage under another shape; the gradient is reshaped back. */
    private static Tensor alias(Tensor a, int[] shape, String name) {
        return alias(a, shape, Strides.contiguous(shape), 0, name);
    }

    /** A view of a's storage under the given shape, strides and offset, whose gradient is reshaped back to a's shape. */
    private static Tensor alias(Tensor a, int[] shape, int[] stride, int offset, String name) {
        return recordReshape(Tensor.view(a, shape, stride, offset), a, name);
    }

    private static Tensor recordReshape(Tensor y, Tensor a, String name) {
        if (!Tensor.recording(a)) return y;
        int[] from = a.shape;
        // d reshape(a)/da: the gradient, read in a's shape
        return Tensor.record(name, y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {g.reshape(from)});
    }

    /** A dense copy of a (recorded: the gradient passes through unchanged), as PyTorch's contiguous() on a view. */
    static Tensor contiguous(Tensor a) {
        Tensor y = a.copied(a.shape.clone());
        if (!Tensor.recording(a)) return y;
        // d copy(a)/da = 1
        return Tensor.record("CloneBackward", y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {g});
    }

    static Tensor flatten(Tensor a, int startDim, int endDim) {
        if (a.shape.length == 0) {
            return reshape(a, "reshape", new int[] {1});
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
        return reshape(a, "reshape", shape);   // a view when a's strides allow it, else a copy, as torch.flatten
    }

    static Tensor squeeze(Tensor a) {
        int n = 0;
        for (int d : a.shape) if (d != 1) n++;
        int[] shape = new int[n], stride = new int[n];
        for (int d = 0, j = 0; d < a.shape.length; d++) {
            if (a.shape[d] == 1) continue;
            shape[j] = a.shape[d];
            stride[j++] = a.stride[d];
        }
        return alias(a, shape, stride, a.offset, "SqueezeBackward");
    }

    static Tensor squeeze(Tensor a, int dim) {
        if (a.shape.length == 0) {
            Shapes.dim("squeeze", dim, 0);
            return alias(a, new int[0], new int[0], a.offset, "SqueezeBackward");
        }
        int d = Shapes.dim("squeeze", dim, a.shape.length);
        if (a.shape[d] != 1) {
            return alias(a, a.shape, a.stride, a.offset, "SqueezeBackward");
        }
        return alias(a, Shapes.reduced(a.shape, d, false), Shapes.reduced(a.stride, d, false), a.offset, "SqueezeBackward");
    }

    static Tensor unsqueeze(Tensor a, int dim) {
        int d = Shapes.dim("unsqueeze", dim, a.shape.length + 1);
        int rank = a.shape.length + 1;
        int[] shape = new int[rank], stride = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i == d) {
                shape[i] = 1;
                stride[i] = d < a.shape.length ? a.shape[d] * a.stride[d] : 1;   // PyTorch's choice for the new dimension
            } else {
                shape[i] = a.shape[j];
                stride[i] = a.stride[j++];
            }
        }
        return alias(a, shape, stride, a.offset, "UnsqueezeBackward");
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
        return permuted(a, perm, name);
    }

    /** A view whose dimension i is a's dimension perm[i]: the same storage, the shape and strides reordered. */
    private static Tensor permuted(Tensor a, int[] perm, String name) {
        int rank = perm.length;
        int[] shape = new int[rank], stride = new int[rank], inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = a.shape[perm[i]];
            stride[i] = a.stride[perm[i]];
            inverse[perm[i]] = i;
        }
        Tensor y = Tensor.view(a, shape, stride, a.offset);
        if (!Tensor.recording(a)) return y;
        // the gradient's dimensions are put back in a's order (a view too; the engine makes it dense)
        return Tensor.record(name, y, new Tensor[] {a}, Tensor.NONE, g -> new Tensor[] {permuted(g, inverse, name)});
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
        Tensor y = Tensor.view(a, Shapes.reduced(a.shape, d, false), Shapes.reduced(a.stride, d, false), a.offset + i * a.stride[d]);
        return recordSlice(y, a, d, i, 1, "SelectBackward");
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
        return recordSlice(slice(a, d, s, length), a, d, s, length, "SliceBackward");
    }

    /** A view of positions [start, start+length) along d: the same strides, the offset moved to start. */
    private static Tensor slice(Tensor a, int d, int start, int length) {
        int[] shape = a.shape.clone();
        shape[d] = length;
        return Tensor.view(a, shape, a.stride, a.offset + start * a.stride[d]);
    }

    /** Records y, the slice [start, start+length) of a along d (d removed for select): the gradient is put back into zeros. */
    private static Tensor recordSlice(Tensor y, Tensor a, int d, int start, int length, String name) {
        if (!Tensor.recording(a)) return y;
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        int[] from = a.shape;
        boolean dropped = y.shape.length < from.length;
        return Tensor.record(name, y, new Tensor[] {a}, Tensor.NONE, g -> {
            float[] gx = new float[outer * size * inner];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(g.data, o * length * inner, gx, (o * size + start) * inner, length * inner);
            }
            return new Tensor[] {Tensor.freshGradient(gx, from)};
        }, g -> new Tensor[] {padded(dropped ? unsqueeze(g, d) : g, from, d, start)});
    }

    /** g put at [start, start + its length) along d of a tensor of shape {@code into}, zeros elsewhere: recorded (a cat). */
    private static Tensor padded(Tensor g, int[] into, int d, int start) {
        int length = g.shape[d], after = into[d] - start - length;
        List<Tensor> parts = new ArrayList<>(3);
        if (start > 0) parts.add(Tensor.zeros(resized(into, d, start)));
        parts.add(g);
        if (after > 0) parts.add(Tensor.zeros(resized(into, d, after)));
        return parts.size() == 1 ? g : cat(parts, d);
    }

    private static int[] resized(int[] shape, int d, int size) {
        int[] s = shape.clone();
        s[d] = size;
        return s;
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
     * Consecutive pieces of the given lengths along d (views of a; with dropDim, pieces of length 1
     * without dimension d), recorded as one node for all of them: in backward their gradients are
     * put back into one tensor in one pass, zeros where a piece got none (split, chunk, unbind).
     */
    static List<Tensor> pieces(Tensor a, int d, int[] lengths, boolean dropDim, String name) {
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        int[] starts = new int[lengths.length];
        Tensor[] pieces = new Tensor[lengths.length];
        for (int p = 0, start = 0; p < lengths.length; start += lengths[p], p++) {
            starts[p] = start;
            Tensor piece = slice(a, d, start, lengths[p]);
            pieces[p] = dropDim ? Tensor.view(a, Shapes.reduced(a.shape, d, false), Shapes.reduced(a.stride, d, false), piece.offset) : piece;
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
        }, gs -> {
            // the same in recorded ops: the pieces' gradients (zeros where none came) joined again
            List<Tensor> parts = new ArrayList<>(gs.length);
            for (int p = 0; p < gs.length; p++) {
                Tensor gp = gs[p] != null ? gs[p] : Tensor.zeros(dropDim ? Shapes.reduced(from, d, false) : resized(from, d, lengths[p]));
                parts.add(dropDim ? unsqueeze(gp, d) : gp);
            }
            return new Tensor[] {cat(parts, d)};
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
            float[] xs = x.values();
            offsets[t] = offset;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(xs, o * len * inner, out, (o * total + offset) * inner, len * inner);
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
        }, g -> {
            Tensor[] grads = new Tensor[shapes.length];
            for (int t = 0; t < shapes.length; t++) grads[t] = narrow(g, d, offsets[t], shapes[t][d]);
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
