package dev.steepest.core;

/**
 * Where each element of a tensor lives in its storage: a tensor reads element (i, j, …) at
 * {@code offset + i·stride[0] + j·stride[1] + …}, as PyTorch's tensors do. A fresh tensor is dense
 * (row-major: the last dimension has stride 1, each earlier one the product of the sizes after it);
 * a view made by {@code transpose}, {@code permute}, {@code select}, {@code narrow} and the splits
 * shares its base's storage under other strides and offset.
 *
 * <p>The helpers here copy a strided tensor's values into a dense array ({@link #gather}), write a
 * dense array back through strides ({@link #scatter}), and decide whether a view can take another
 * shape without copying ({@link #viewStrides}, PyTorch's rule for {@code view}).
 */
final class Strides {

    private Strides() {
    }

    /** The row-major strides of a dense tensor of this shape. */
    static int[] contiguous(int[] shape) {
        int[] stride = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return stride;
    }

    /**
     * Whether the elements lie in row-major order without gaps, as PyTorch's {@code is_contiguous}:
     * dimensions of size 1 may have any stride, and a tensor without elements is contiguous.
     */
    static boolean isContiguous(int[] shape, int[] stride) {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) return true;
            if (shape[d] == 1) continue;
            if (stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** Copies the values of a strided tensor into {@code out}, row-major (the last dimension fastest). */
    static void gather(float[] storage, int offset, int[] shape, int[] stride, float[] out) {
        int n = out.length;
        if (n == 0) return;
        int rank = shape.length;
        if (rank == 0) {
            out[0] = storage[offset];
            return;
        }
        int last = shape[rank - 1], step = stride[rank - 1];
        int[] index = new int[rank];
        int src = offset;
        for (int k = 0; k < n; k += last) {
            if (step == 1) {
                System.arraycopy(storage, src, out, k, last);
            } else {
                for (int j = 0, s = src; j < last; j++, s += step) out[k + j] = storage[s];
            }
            // odometer over the dimensions before the last: step one, carrying into earlier ones
            for (int d = rank - 2; d >= 0; d--) {
                index[d]++;
                src += stride[d];
                if (index[d] < shape[d]) break;
                src -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /** The values of a strided int64 or bool tensor, row-major, in a new array. */
    static long[] gather(long[] storage, int offset, int[] shape, int[] stride) {
        int n = Shapes.numel(shape);
        long[] out = new long[n];
        int rank = shape.length;
        int[] index = new int[rank];
        int src = offset;
        for (int k = 0; k < n; k++) {
            out[k] = storage[src];
            for (int d = rank - 1; d >= 0; d--) {   // odometer: step the last dimension, carrying into earlier ones
                index[d]++;
                src += stride[d];
                if (index[d] < shape[d]) break;
                src -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /**
     * The strides that read a tensor of {@code shape} and {@code stride} broadcast to {@code to}
     * without copying: 0 along every dimension it repeats (a size-1 or missing one), as PyTorch's expand.
     */
    static int[] expanded(int[] shape, int[] stride, int[] to) {
        int[] out = new int[to.length];
        for (int d = 0; d < shape.length; d++) {
            int e = d + to.length - shape.length;
            out[e] = shape[d] == 1 && to[e] != 1 ? 0 : stride[d];
        }
        return out;
    }

    /** Writes {@code values} (row-major) into the storage positions of a strided tensor: the inverse of {@link #gather}. */
    static void scatter(float[] values, float[] storage, int offset, int[] shape, int[] stride) {
        int n = values.length;
        if (n == 0) return;
        int rank = shape.length;
        if (rank == 0) {
            storage[offset] = values[0];
            return;
        }
        int last = shape[rank - 1], step = stride[rank - 1];
        int[] index = new int[rank];
        int dst = offset;
        for (int k = 0; k < n; k += last) {
            if (step == 1) {
                System.arraycopy(values, k, storage, dst, last);
            } else {
                for (int j = 0, s = dst; j < last; j++, s += step) storage[s] = values[k + j];
            }
            for (int d = rank - 2; d >= 0; d--) {
                index[d]++;
                dst += stride[d];
                if (index[d] < shape[d]) break;
                dst -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /** {@link #scatter(float[], float[], int, int[], int[])} for an int64 or bool tensor's storage. */
    static void scatter(long[] values, long[] storage, int offset, int[] shape, int[] stride) {
        int rank = shape.length;
        int[] index = new int[rank];
        int dst = offset;
        for (int k = 0; k < values.length; k++) {
            storage[dst] = values[k];
            for (int d = rank - 1; d >= 0; d--) {   // odometer, as gather's
                index[d]++;
                dst += stride[d];
                if (index[d] < shape[d]) break;
                dst -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /**
     * The strides under which a tensor of {@code shape} and {@code stride} can be read as
     * {@code newShape} without moving any value, or null when it cannot (PyTorch's
     * {@code computeStride}, the rule {@code view} follows): each run of old dimensions that are
     * contiguous with each other may be split or merged freely, but a new dimension may not span two
     * such runs.
     */
    static int[] viewStrides(int[] shape, int[] stride, int[] newShape) {
        int[] newStride = new int[newShape.length];
        if (Shapes.product(shape) == 0) {
            return contiguous(newShape);
        }
        int viewD = newShape.length - 1;
        // the stride of the last old dimension of the current run, and the number of elements in the run
        long chunkBase = stride.length == 0 ? 1 : stride[stride.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            tensorNumel *= shape[d];
            // a run ends at the first dimension, or where the next outer dimension does not continue it
            if (d == 0 || (shape[d - 1] != 1 && stride[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStride[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBase = stride[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            return null;
        }
        return newStride;
    }
}
