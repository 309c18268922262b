package dev.steepest.nn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.init.Init;

/**
 * A 1-D convolution over [batch, channels, length] inputs, as {@code torch.nn.Conv1d}: weight
 * [out, in, k], optional bias [out]. PointNet's shared per-point layer is {@code Conv1d(in, out, 1)}.
 * Initialised as PyTorch's Conv1d (and Conv2d, see {@link Linear}): uniform in ±1/sqrt(in·k), weight
 * then bias, so {@code torch.manual_seed(s); nn.Conv1d(…)} and {@code new Conv1d(…, new Generator(s))}
 * hold the same numbers.
 */
public class Conv1d extends Module {

    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final Tensor weight;
    private final Tensor bias;

    /** Stride 1, no padding, with bias, drawn from {@link Init#defaultGenerator()}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, true, Init.defaultGenerator());
    }

    /** Drawn from {@link Init#defaultGenerator()}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, bias, Init.defaultGenerator());
    }

    /**
     * A 1-D convolution over {@code [batch, inChannels, length]}, weights drawn from {@code generator}
     * as PyTorch's {@code nn.Conv1d} draws them (Kaiming uniform with a = sqrt(5), bias from
     * ±1/sqrt(fan_in)).
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias, Generator generator) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1) {
            throw new IllegalArgumentException("Conv1d: inChannels, outChannels and kernelSize must be at least 1, got "
                    + inChannels + ", " + outChannels + ", " + kernelSize);
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv1d: stride must be at least 1 and padding at least 0, got stride " + stride + ", padding " + padding);
        }
        if (generator == null) {
            throw new IllegalArgumentException("Conv1d: generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.weight = registerParameter("weight", Tensor.zeros(outChannels, inChannels, kernelSize));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outChannels)) : null;
        Linear.resetParameters(weight, this.bias, generator);
    }

    /** @return the kernel, shape [outChannels, inChannels, kernelSize] */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input == null || input.dim() != 3) {
            throw new IllegalArgumentException("Conv1d: expects a 3-D input [batch, channels, length], got "
                    + (input == null ? "null" : "shape " + java.util.Arrays.toString(input.shape()))
                    + (input != null && input.dim() == 2 ? "; add a batch dimension with unsqueeze(0)" : ""));
        }
        return input.conv1d(weight, bias, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + Repr.tuple(kernelSize) + ", stride=" + Repr.tuple(stride)
                + (padding == 0 ? "" : ", padding=" + Repr.tuple(padding))
                + (bias == null ? ", bias=False" : "");
    }
}
