package dev.steepest.nn;

/**
 * What {@link MaxPool2d} and {@link AvgPool2d} share: a window, its stride and padding, each one
 * number for both axes or a {@code {height, width}} pair (PyTorch's int or tuple, printed the way it
 * was given), checked once, as PyTorch's {@code _MaxPoolNd}/{@code _AvgPoolNd} hold them.
 */
abstract class Pool2d extends Module {

    final int[] kernelSize;
    final int[] stride;
    final int[] padding;

    Pool2d(String layer, int[] kernelSize, int[] stride, int[] padding) {
        int[] k = Repr.pair(layer, "kernelSize", kernelSize), s = Repr.pair(layer, "stride", stride), p = Repr.pair(layer, "padding", padding);
        for (int axis = 0; axis < 2; axis++) {
            if (k[axis] < 1 || s[axis] < 1 || p[axis] < 0 || 2 * p[axis] > k[axis]) {
                throw new IllegalArgumentException(layer + ": kernel and stride must be at least 1 and padding in [0, kernel/2], got kernel "
                        + given(kernelSize) + ", stride " + given(stride) + ", padding " + given(padding));
            }
        }
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    /** One number as itself, a pair as a Python tuple. */
    private static String given(int[] value) {
        return value.length == 1 ? String.valueOf(value[0]) : Repr.tuple(value);
    }

    String windowRepr() {
        return "kernel_size=" + given(kernelSize) + ", stride=" + given(stride) + ", padding=" + given(padding);
    }
}
