package dev.steepest.core.kernels;

/**
 * The sizes of one 2-D convolution: input {@code [batch, inChannels, height, width]}, weight
 * {@code [outChannels, inChannels, kernelHeight, kernelWidth]}, the same stride and zero padding on
 * both axes, output {@code [batch, outChannels, outHeight(), outWidth()]}.
 */
public record ConvGeometry(int batch, int inChannels, int height, int width,
                           int outChannels, int kernelHeight, int kernelWidth, int stride, int padding) {

    public int outHeight() {
        return (height + 2 * padding - kernelHeight) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernelWidth) / stride + 1;
    }

    public int inputSize() {
        return batch * inChannels * height * width;
    }

    public int weightSize() {
        return outChannels * inChannels * kernelHeight * kernelWidth;
    }

    public int outputSize() {
        return batch * outChannels * outHeight() * outWidth();
    }
}
