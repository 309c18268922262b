package dev.steepest.nn;

/**
 * What {@link MaxPool2d} and {@link AvgPool2d} share: a square window, its stride and padding,
 * checked once, as PyTorch's {@code _MaxPoolNd}/{@code _AvgPoolNd} hold them.
 */
abstract class Pool2d extends Module {

    final int kernelSize;
    final int stride;
    final int padding;

    Pool2d(String layer, int kernelSize, int stride, int padding) {
        if (kernelSize < 1 || stride < 1 || padding < 0 || 2 * padding > kernelSize) {
            throw new IllegalArgumentException(layer + ": kernel and stride must be at least 1 and padding in [0, kernel/2], got kernel "
                    + kernelSize + ", stride " + stride + ", padding " + padding);
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    String windowRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding;
    }
}
