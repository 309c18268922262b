package dev.steepest.nn;

import dev.steepest.core.Tensor;

/**
 * The mean of each window, as {@code torch.nn.AvgPool2d} (padding counts as zeros in the mean,
 * PyTorch's count_include_pad=True); the stride defaults to the kernel size. Window, stride and
 * padding are one number for both axes or {@code {height, width}} pairs.
 */
public class AvgPool2d extends Pool2d {

    /** Pools kernelSize x kernelSize windows with stride kernelSize, as {@code nn.AvgPool2d(k)}. */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** As {@code nn.AvgPool2d(kernel_size, stride, padding)}. */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize}, new int[] {stride}, new int[] {padding});
    }

    /** Window, stride and padding as {@code {height, width}} (or one value for both), as PyTorch's tuples. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding) {
        super("AvgPool2d", kernelSize, stride, padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.avgPool2d(kernelSize, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return windowRepr();
    }
}
