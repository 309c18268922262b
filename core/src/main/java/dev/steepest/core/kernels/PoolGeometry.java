package dev.steepest.core.kernels;

/**
 * The sizes of one 2-D pooling: input {@code [batch, channels, height, width]}, a window of
 * {@code kernelHeight x kernelWidth}, a stride and a padding for each axis (PyTorch's tuple
 * arguments), output {@code [batch, channels, outHeight(), outWidth()]}.
 */
public record PoolGeometry(int batch, int channels, int height, int width,
                           int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth) {

    /** A square window with the same stride and padding on both axes. */
    public PoolGeometry(int batch, int channels, int height, int width, int kernel, int stride, int padding) {
        this(batch, channels, height, width, kernel, kernel, stride, stride, padding, padding);
    }

    /** @return the output's height */
    public int outHeight() {
        return (height + 2 * padHeight - kernelHeight) / strideHeight + 1;
    }

    /** @return the output's width */
    public int outWidth() {
        return (width + 2 * padWidth - kernelWidth) / strideWidth + 1;
    }

    /** Whether window, stride and padding are the same on both axes and equal to these. */
    public boolean isSquare(int kernel, int stride, int padding) {
        return kernelHeight == kernel && kernelWidth == kernel && strideHeight == stride && strideWidth == stride
                && padHeight == padding && padWidth == padding;
    }

    /** @return the number of input values */
    public int inputSize() {
        return batch * channels * height * width;
    }

    /** @return the number of output values */
    public int outputSize() {
        return batch * channels * outHeight() * outWidth();
    }
}
