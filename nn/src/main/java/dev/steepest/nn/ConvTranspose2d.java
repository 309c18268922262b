package dev.steepest.nn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.init.Init;

/**
 * A transposed 2-D convolution, as {@code torch.nn.ConvTranspose2d}: the layer a GAN's generator and
 * a decoder use to grow an image. Weight [in, out, kH, kW] (note the order: in first), optional bias
 * [out]; an input [N, in, H, W] gives [N, out, (H − 1)·stride − 2·padding + kH + outputPadding, …].
 * Kernel, stride, padding and outputPadding are one number for both axes or {@code {height, width}}.
 *
 * <p>Initialised as PyTorch's: kaiming-uniform with a = sqrt(5) and the fans of the [in, out, kH, kW]
 * weight, so fanIn = out·kH·kW (PyTorch reads dimension 1), then the bias uniform in ±1/sqrt(fanIn).
 */
public class ConvTranspose2d extends Module {

    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final Tensor weight;
    private final Tensor bias;

    /** Stride 1, no padding, with bias, drawn from {@link Init#defaultGenerator()}. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 0, true, Init.defaultGenerator());
    }

    /** Drawn from {@link Init#defaultGenerator()}. */
    /**
     * A square-kernel transposed convolution, weights {@code [inChannels, outChannels, k, k]} drawn
     * from {@code generator} as PyTorch's {@code nn.ConvTranspose2d} draws them (its fan_in is
     * outChannels·k·k); {@code outputPadding} must be smaller than {@code stride}.
     */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, outputPadding, bias, Init.defaultGenerator());
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding,
                           boolean bias, Generator generator) {
        this(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, new int[] {outputPadding},
                bias, generator);
    }

    /** Kernel, stride, padding and outputPadding as {@code {height, width}} (or one value for both), as PyTorch's tuples. */
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] outputPadding,
                           boolean bias, Generator generator) {
        String layer = "ConvTranspose2d";
        this.kernelSize = Repr.pair(layer, "kernelSize", kernelSize);
        this.stride = Repr.pair(layer, "stride", stride);
        this.padding = Repr.pair(layer, "padding", padding);
        this.outputPadding = Repr.pair(layer, "outputPadding", outputPadding);
        if (inChannels < 1 || outChannels < 1 || this.kernelSize[0] < 1 || this.kernelSize[1] < 1) {
            throw new IllegalArgumentException(layer + ": inChannels, outChannels and kernelSize must be at least 1, got "
                    + inChannels + ", " + outChannels + ", " + Repr.tuple(this.kernelSize));
        }
        if (this.stride[0] < 1 || this.stride[1] < 1 || this.padding[0] < 0 || this.padding[1] < 0
                || this.outputPadding[0] < 0 || this.outputPadding[1] < 0) {
            throw new IllegalArgumentException(layer + ": stride must be at least 1, padding and outputPadding at least 0, got stride "
                    + Repr.tuple(this.stride) + ", padding " + Repr.tuple(this.padding) + ", outputPadding " + Repr.tuple(this.outputPadding));
        }
        if (this.outputPadding[0] >= this.stride[0] || this.outputPadding[1] >= this.stride[1]) {
            throw new IllegalArgumentException(layer + ": outputPadding " + Repr.tuple(this.outputPadding) + " must be smaller than the stride "
                    + Repr.tuple(this.stride) + " (PyTorch: output padding must be smaller than either stride or dilation)");
        }
        if (generator == null) {
            throw new IllegalArgumentException(layer + ": generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.weight = registerParameter("weight", Tensor.zeros(inChannels, outChannels, this.kernelSize[0], this.kernelSize[1]));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outChannels)) : null;
        Linear.resetParameters(weight, this.bias, generator);   // Fans of [in, out, kH, kW]: fanIn = out·kH·kW, as PyTorch
    }

    /** @return the kernels, shape [inChannels, outChannels, kernelH, kernelW] (PyTorch's layout) */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input == null || input.dim() != 4) {
            throw new IllegalArgumentException("ConvTranspose2d: expects a 4-D input [batch, channels, height, width], got "
                    + (input == null ? "null" : "shape " + java.util.Arrays.toString(input.shape()))
                    + (input != null && input.dim() == 3 ? "; add a batch dimension with unsqueeze(0)" : ""));
        }
        return input.convTranspose2d(weight, bias, stride, padding, outputPadding);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + Repr.tuple(kernelSize) + ", stride=" + Repr.tuple(stride)
                + (Repr.zero(padding) ? "" : ", padding=" + Repr.tuple(padding))
                + (Repr.zero(outputPadding) ? "" : ", output_padding=" + Repr.tuple(outputPadding))
                + (bias == null ? ", bias=False" : "");
    }
}
