package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** The largest value of each kernel×kernel window, as {@code torch.nn.MaxPool2d}; the stride defaults to the kernel size. */
public class MaxPool2d extends Module {

    private final int kernelSize;
    private final int stride;
    private final int padding;

    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        if (kernelSize < 1 || stride < 1 || padding < 0 || 2 * padding > kernelSize) {
            throw new IllegalArgumentException("MaxPool2d: kernel and stride must be at least 1 and padding in [0, kernel/2], got kernel "
                    + kernelSize + ", stride " + stride + ", padding " + padding);
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.maxPool2d(kernelSize, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }
}
