package dev.steepest.core.kernels;

/**
 * The sizes of one 2-D convolution: input {@code [batch, inChannels, height, width]}, weight
 * {@code [outChannels, inChannels, kernelHeight, kernelWidth]}, a stride and a zero padding for
 * each axis (PyTorch's tuple arguments), output {@code [batch, outChannels, outHeight(), outWidth()]}.
 */
public record ConvGeometry(int batch, int inChannels, int height, int width,
                           int outChannels, int kernelHeight, int kernelWidth,
                           int strideHeight, int strideWidth, int padHeight, int padWidth) {

    /** The same stride and padding on both axes. */
    public ConvGeometry(int batch, int inChannels, int height, int width,
                        int outChannels, int kernelHeight, int kernelWidth, int stride, int padding) {
        this(batch, inChannels, height, width, outChannels, kernelHeight, kernelWidth, stride, stride, padding, padding);
    }

    /** @return the output's height */
    public int outHeight() {
        return (height + 2 * padHeight - kernelHeight) / strideHeight + 1;
    }

    /** @return the output's width */
    public int outWidth() {
        return (width + 2 * padWidth - kernelWidth) / strideWidth + 1;
    }

    /** Stride 1 on both axes (the direct, column-free paths need it). */
    public boolean unitStride() {
        return strideHeight == 1 && strideWidth == 1;
    }

    /** No padding on either axis. */
    public boolean unpadded() {
        return padHeight == 0 && padWidth == 0;
    }

    /** @return the number of input values, N·C·H·W */
    public int inputSize() {
        return batch * inChannels * height * width;
    }

    /** @return the number of weights */
    public int weightSize() {
        return outChannels * inChannels * kernelHeight * kernelWidth;
    }

    /** @return the number of output values */
    public int outputSize() {
        return batch * outChannels * outHeight() * outWidth();
    }
}
