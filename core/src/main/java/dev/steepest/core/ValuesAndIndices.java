package dev.steepest.core;

/**
 * What {@link Tensor#maxWithIndices} and {@link Tensor#minWithIndices} return: the extreme values
 * along a dimension and the positions they came from, as PyTorch's {@code torch.max(x, dim)}
 * returns the named tuple {@code (values, indices)}.
 *
 * <p>{@code values} is recorded (its gradient flows to the arg-max), {@code indices} is not. The
 * indices are int64, as {@link Tensor#argmax(int, boolean)} returns them; they can be passed to
 * {@link Tensor#gather} as they are, and {@link #indexArray()} gives them as ints.
 */
public record ValuesAndIndices(Tensor values, Tensor indices) {

    /** The indices as ints, row-major (a copy). */
    public int[] indexArray() {
        long[] l = indices.toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) l[i];
        return out;
    }

    @Override
    public String toString() {
        return "ValuesAndIndices(\nvalues=" + values + ",\nindices=" + indices + ")";
    }
}
