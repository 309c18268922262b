package dev.steepest.core.kernels;

/**
 * The sizes of one 2-D pooling: input {@code [batch, channels, height, width]}, a square window of
 * {@code kernel}, the same stride and padding on both axes, output
 * {@code [batch, channels, outHeight(), outWidth()]}.
 */
public record PoolGeometry(int batch, int channels, int height, int width, int kernel, int stride, int padding) {

    public int outHeight() {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    public int inputSize() {
        return batch * channels * height * width;
    }

    public int outputSize() {
        return batch * channels * outHeight() * outWidth();
    }
}
