package dev.steepest.nn;

import dev.steepest.core.Tensor;

/**
 * The largest value of each window, as {@code torch.nn.MaxPool2d}; the stride defaults to the kernel
 * size. Window, stride and padding are one number for both axes or {@code {height, width}} pairs.
 */
public class MaxPool2d extends Pool2d {

    /** Pools kernelSize x kernelSize windows with stride kernelSize, as {@code nn.MaxPool2d(k)}. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** As {@code nn.MaxPool2d(kernel_size, stride, padding)}. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize}, new int[] {stride}, new int[] {padding});
    }

    /** Window, stride and padding as {@code {height, width}} (or one value for both), as PyTorch's tuples. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding) {
        super("MaxPool2d", kernelSize, stride, padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.maxPool2d(kernelSize, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return windowRepr() + ", dilation=1, ceil_mode=False";
    }
}
