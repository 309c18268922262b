package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** The largest value of each kernel×kernel window, as {@code torch.nn.MaxPool2d}; the stride defaults to the kernel size. */
public class MaxPool2d extends Pool2d {

    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
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
