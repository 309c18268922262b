package dev.steepest.nn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.init.Init;

/**
 * A 2-D convolution over [batch, channels, height, width] inputs, as {@code torch.nn.Conv2d}: weight
 * [out, in, kH, kW], optional bias [out]; kernel, stride and padding are one number for both axes or
 * {@code {height, width}} pairs (PyTorch's tuples). Initialised exactly as PyTorch's (see
 * {@link Linear}): the seed's {@code nn.Conv2d(1, 4, kernel_size=4, bias=False)} after
 * {@code torch.manual_seed(s)} equals {@code new Conv2d(1, 4, 4, 1, 0, false, new Generator(s))}.
 */
public class Conv2d extends Module {

    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final Tensor weight;
    private final Tensor bias;

    /** Stride 1, no padding, with bias, drawn from {@link Init#defaultGenerator()}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, true, Init.defaultGenerator());
    }

    /** Drawn from {@link Init#defaultGenerator()}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, bias, Init.defaultGenerator());
    }

    /**
     * A square-kernel 2-D convolution, weights drawn from {@code generator} as PyTorch's
     * {@code nn.Conv2d} draws them (Kaiming uniform with a = sqrt(5), bias from ±1/sqrt(fan_in)).
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias, Generator generator) {
        this(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, bias, generator);
    }

    /** Kernel, stride and padding as {@code {height, width}} (or one value for both), as PyTorch's tuples. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, boolean bias, Generator generator) {
        this.kernelSize = Repr.pair("Conv2d", "kernelSize", kernelSize);
        this.stride = Repr.pair("Conv2d", "stride", stride);
        this.padding = Repr.pair("Conv2d", "padding", padding);
        if (inChannels < 1 || outChannels < 1 || this.kernelSize[0] < 1 || this.kernelSize[1] < 1) {
            throw new IllegalArgumentException("Conv2d: inChannels, outChannels and kernelSize must be at least 1, got "
                    + inChannels + ", " + outChannels + ", " + Repr.tuple(this.kernelSize));
        }
        if (this.stride[0] < 1 || this.stride[1] < 1 || this.padding[0] < 0 || this.padding[1] < 0) {
            throw new IllegalArgumentException("Conv2d: stride must be at least 1 and padding at least 0, got stride "
                    + Repr.tuple(this.stride) + ", padding " + Repr.tuple(this.padding));
        }
        if (generator == null) {
            throw new IllegalArgumentException("Conv2d: generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.weight = registerParameter("weight", Tensor.zeros(outChannels, inChannels, this.kernelSize[0], this.kernelSize[1]));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outChannels)) : null;
        Linear.resetParameters(weight, this.bias, generator);
    }

    /** @return the kernels, shape [outChannels, inChannels, kernelH, kernelW] */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.conv2d(weight, bias, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + Repr.tuple(kernelSize) + ", stride=" + Repr.tuple(stride)
                + (Repr.zero(padding) ? "" : ", padding=" + Repr.tuple(padding))
                + (bias == null ? ", bias=False" : "");
    }
}
