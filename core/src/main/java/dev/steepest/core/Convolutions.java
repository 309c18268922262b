package dev.steepest.core;

import dev.steepest.core.kernels.ConvGeometry;
import dev.steepest.core.kernels.Kernels;
import java.util.Arrays;

/**
 * The convolutions: {@code conv2d}, {@code conv1d} (a conv2d of height 1) and {@code convTranspose2d}
 * (conv2d run backwards). All three share one set of kernels, {@link Kernels#conv2dForward} and its
 * two gradients, because a transposed convolution's forward is a convolution's input gradient, and
 * its gradients are a convolution's forward and weight gradient.
 */
final class Convolutions {

    private Convolutions() {
    }

    /** A per-axis argument: {@code {v}} or {@code {h, w}} (PyTorch's int or tuple) as {@code {h, w}}. */
    static int[] pair(String op, String name, int[] value) {
        if (value == null || value.length < 1 || value.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " must have one value or two (height, width), got "
                    + (value == null ? "null" : Arrays.toString(value)));
        }
        return value.length == 1 ? new int[] {value[0], value[0]} : value.clone();
    }

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding) {
        String op = "conv2d";
        Shapes.notNull(op, "the input", input);
        Shapes.notNull(op, "the weight", weight);
        if (input.shape.length != 4) {
            throw new IllegalArgumentException("conv2d: expects a 4-D input [batch, channels, height, width], got shape "
                    + Shapes.toString(input.shape) + (input.shape.length == 3 ? "; add a batch dimension with unsqueeze(0)" : ""));
        }
        if (weight.shape.length != 4) {
            throw new IllegalArgumentException("conv2d: expects a 4-D weight [outChannels, inChannels, kernelHeight, kernelWidth], got shape "
                    + Shapes.toString(weight.shape));
        }
        int[] s = pair(op, "stride", stride), p = pair(op, "padding", padding);
        ConvGeometry g = geometry(op, input.shape, weight.shape, s, p);
        return convolve(op, input, weight, bias, g, new int[] {g.batch(), g.outChannels(), g.outHeight(), g.outWidth()});
    }

    /** conv2d on {@code [B, C, 1, N]} with a {@code [O, C, 1, k]} kernel: the same storage, one more dimension of size 1. */
    static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        String op = "conv1d";
        Shapes.notNull(op, "the input", input);
        Shapes.notNull(op, "the weight", weight);
        if (input.shape.length != 3) {
            throw new IllegalArgumentException("conv1d: expects a 3-D input [batch, channels, length], got shape "
                    + Shapes.toString(input.shape) + (input.shape.length == 2 ? "; add a batch dimension with unsqueeze(0)" : ""));
        }
        if (weight.shape.length != 3) {
            throw new IllegalArgumentException("conv1d: expects a 3-D weight [outChannels, inChannels, kernelSize], got shape "
                    + Shapes.toString(weight.shape));
        }
        int[] x = input.shape, w = weight.shape;
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException(op + ": stride must be at least 1 and padding at least 0, got stride " + stride
                    + " and padding " + padding);
        }
        if (w[1] != x[1]) {
            throw new IllegalArgumentException(op + ": input " + Shapes.toString(x) + " has " + x[1]
                    + " channels but weight " + Shapes.toString(w) + " expects " + w[1]);
        }
        if (x[2] + 2 * padding < w[2]) {
            throw new IllegalArgumentException(op + ": kernel " + w[2] + " is longer than the padded input " + (x[2] + 2 * padding)
                    + " (input " + Shapes.toString(x) + ", padding " + padding + ")");
        }
        ConvGeometry g = geometry(op, new int[] {x[0], x[1], 1, x[2]}, new int[] {w[0], w[1], 1, w[2]},
                new int[] {1, stride}, new int[] {0, padding});
        return convolve(op, input, weight, bias, g, new int[] {g.batch(), g.outChannels(), g.outWidth()});
    }

    /** Checks the sizes of a convolution of {@code x} ([N, C, H, W]) with {@code w} ([O, C, kH, kW]) and returns them. */
    private static ConvGeometry geometry(String op, int[] x, int[] w, int[] s, int[] p) {
        if (s[0] < 1 || s[1] < 1 || p[0] < 0 || p[1] < 0) {
            throw new IllegalArgumentException(op + ": stride must be at least 1 and padding at least 0, got stride "
                    + describe(s) + " and padding " + describe(p));
        }
        if (w[1] != x[1]) {
            throw new IllegalArgumentException(op + ": input " + Shapes.toString(x) + " has " + x[1]
                    + " channels but weight " + Shapes.toString(w) + " expects " + w[1]);
        }
        if (x[2] + 2 * p[0] < w[2] || x[3] + 2 * p[1] < w[3]) {
            throw new IllegalArgumentException(op + ": kernel " + w[2] + "x" + w[3] + " is larger than the padded input "
                    + (x[2] + 2 * p[0]) + "x" + (x[3] + 2 * p[1]) + " (input " + Shapes.toString(x) + ", padding " + describe(p) + ")");
        }
        return new ConvGeometry(x[0], x[1], x[2], x[3], w[0], w[2], w[3], s[0], s[1], p[0], p[1]);
    }

    /** "2" for an equal pair, "(2, 1)" otherwise. */
    static String describe(int[] pair) {
        return pair[0] == pair[1] ? String.valueOf(pair[0]) : "(" + pair[0] + ", " + pair[1] + ")";
    }

    private static void checkBias(String op, Tensor bias, int channels) {
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != channels)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + channels + "] for " + channels + " output channels, got "
                    + Shapes.toString(bias.shape));
        }
    }

    /** The convolution of geometry {@code g}, its result given {@code outShape} (its storage is g's output). */
    private static Tensor convolve(String op, Tensor input, Tensor weight, Tensor bias, ConvGeometry g, int[] outShape) {
        checkBias(op, bias, g.outChannels());
        float[] out = RecycledArrays.take(g.outputSize());     // overwritten by the kernel
        Kernels.conv2dForward(g, input.values(), weight.values(), bias == null ? null : bias.values(), out);
        Tensor y = new Tensor(out, outShape);
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        if (!Tensor.recording(inputs)) return y;
        // d/dinput = conv_transpose(g, weight); d/dweight = Σ g ⋆ input; d/dbias = Σ g over batch and space
        // the rule reads grad and keeps nothing of it: the engine may recycle grad's storage afterwards
        return Node.keepsNoGradient(Tensor.record("ConvolutionBackward", y, inputs, new Tensor[] {input, weight}, grad -> {
            Tensor gi = null, gw = null, gb = null;
            if (input.requiresGrad) {
                float[] d = RecycledArrays.take(input.numel);     // overwritten by the kernel
                Kernels.conv2dBackwardInput(g, grad.data, weight.values(), d);
                gi = Tensor.freshGradient(d, input.shape);
            }
            if (weight.requiresGrad) {
                float[] d = new float[weight.numel];
                Kernels.conv2dBackwardWeight(g, input.values(), grad.data, d);
                gw = Tensor.freshGradient(d, weight.shape);
            }
            if (bias != null && bias.requiresGrad) {
                float[] d = new float[g.outChannels()];
                Kernels.conv2dBackwardBias(g, grad.data, d);
                gb = Tensor.freshGradient(d, bias.shape);
            }
            return bias == null ? new Tensor[] {gi, gw} : new Tensor[] {gi, gw, gb};
        }, grad -> {
            // the same three gradients as recorded ops (conv1d's tensors seen as 4-D)
            Tensor g4 = grad.reshape(g.batch(), g.outChannels(), g.outHeight(), g.outWidth());
            Tensor w4 = weight.reshape(g.outChannels(), g.inChannels(), g.kernelHeight(), g.kernelWidth());
            Tensor gi = input.requiresGrad ? inputGradient(g4, w4, g).reshape(input.shape) : null;
            Tensor gw = weight.requiresGrad
                    ? weightGradient(input.reshape(g.batch(), g.inChannels(), g.height(), g.width()), g4, g).reshape(weight.shape) : null;
            Tensor gb = bias != null && bias.requiresGrad ? channelSums(g4) : null;
            return bias == null ? new Tensor[] {gi, gw} : new Tensor[] {gi, gw, gb};
        }));
    }

    /*
     * The three products a convolution of geometry g is made of, each a recorded op whose gradients are
     * the other two, so that a convolution's gradient can be differentiated as often as wanted:
     *   y  = convolved(x, w)          (the forward, without bias)
     *   x̄ = inputGradient(ȳ, w)      (a transposed convolution)
     *   w̄ = weightGradient(x, ȳ)     (a correlation of the input with the output's gradient)
     * Each rule runs the kernels directly when recording is off, so one rule serves both kinds of backward.
     */

    /** conv2d of x [N, C, H, W] with w [O, C, kH, kW] under geometry g, no bias; recorded. */
    private static Tensor convolved(Tensor x, Tensor w, ConvGeometry g) {
        float[] out = new float[g.outputSize()];
        Kernels.conv2dForward(g, x.values(), w.values(), null, out);
        Tensor y = new Tensor(out, new int[] {g.batch(), g.outChannels(), g.outHeight(), g.outWidth()});
        // d/dx = inputGradient(ȳ, w), d/dw = weightGradient(x, ȳ)
        return Tensor.record("ConvolutionBackward", y, new Tensor[] {x, w}, new Tensor[] {x, w},
                gy -> new Tensor[] {x.requiresGrad ? inputGradient(gy, w, g) : null, w.requiresGrad ? weightGradient(x, gy, g) : null});
    }

    /** The input gradient of the convolution g for the output gradient gy and weight w; recorded. */
    private static Tensor inputGradient(Tensor gy, Tensor w, ConvGeometry g) {
        float[] d = new float[g.inputSize()];
        Kernels.conv2dBackwardInput(g, gy.values(), w.values(), d);
        Tensor y = new Tensor(d, new int[] {g.batch(), g.inChannels(), g.height(), g.width()});
        // linear in each argument: d/dgy = convolved(ḡ, w), d/dw = weightGradient(ḡ, gy)
        return Tensor.record("ConvolutionBackwardBackward", y, new Tensor[] {gy, w}, new Tensor[] {gy, w},
                gg -> new Tensor[] {gy.requiresGrad ? convolved(gg, w, g) : null, w.requiresGrad ? weightGradient(gg, gy, g) : null});
    }

    /** The weight gradient of the convolution g for input x and output gradient gy; recorded. */
    private static Tensor weightGradient(Tensor x, Tensor gy, ConvGeometry g) {
        float[] d = new float[g.weightSize()];
        Kernels.conv2dBackwardWeight(g, x.values(), gy.values(), d);
        Tensor y = new Tensor(d, new int[] {g.outChannels(), g.inChannels(), g.kernelHeight(), g.kernelWidth()});
        // linear in each argument: d/dx = inputGradient(gy, w̄̄), d/dgy = convolved(x, w̄̄)
        return Tensor.record("ConvolutionBackwardBackward", y, new Tensor[] {x, gy}, new Tensor[] {x, gy},
                gg -> new Tensor[] {x.requiresGrad ? inputGradient(gy, gg, g) : null, gy.requiresGrad ? convolved(x, gg, g) : null});
    }

    /** Σ over batch and space of [N, C, H, W], per channel: a bias's gradient, recorded. */
    private static Tensor channelSums(Tensor t) {
        return t.sum(3).sum(2).sum(0);
    }

    /**
     * The transposed convolution of {@code input} [N, in, H, W] with a weight [in, out, kH, kW]: each
     * input pixel scatters its kernel-weighted copy into the output, which has
     * {@code (H − 1)·stride − 2·padding + kH + outputPadding} rows (likewise columns). Seen from the
     * output, this is the input gradient of the convolution that maps [N, out, Hout, Wout] to
     * [N, in, H, W] with the same weight, stride and padding; that convolution is {@code g} below.
     */
    static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding) {
        String op = "convTranspose2d";
        Shapes.notNull(op, "the input", input);
        Shapes.notNull(op, "the weight", weight);
        if (input.shape.length != 4) {
            throw new IllegalArgumentException("convTranspose2d: expects a 4-D input [batch, channels, height, width], got shape "
                    + Shapes.toString(input.shape) + (input.shape.length == 3 ? "; add a batch dimension with unsqueeze(0)" : ""));
        }
        if (weight.shape.length != 4) {
            throw new IllegalArgumentException("convTranspose2d: expects a 4-D weight [inChannels, outChannels, kernelHeight, kernelWidth], got shape "
                    + Shapes.toString(weight.shape));
        }
        int[] s = pair(op, "stride", stride), p = pair(op, "padding", padding), op2 = pair(op, "outputPadding", outputPadding);
        if (s[0] < 1 || s[1] < 1 || p[0] < 0 || p[1] < 0 || op2[0] < 0 || op2[1] < 0) {
            throw new IllegalArgumentException(op + ": stride must be at least 1, padding and outputPadding at least 0, got stride "
                    + describe(s) + ", padding " + describe(p) + ", outputPadding " + describe(op2));
        }
        if (op2[0] >= s[0] || op2[1] >= s[1]) {
            throw new IllegalArgumentException(op + ": outputPadding " + describe(op2) + " must be smaller than the stride " + describe(s)
                    + " (PyTorch: output padding must be smaller than either stride or dilation)");
        }
        int n = input.shape[0], in = input.shape[1], h = input.shape[2], w = input.shape[3];
        int out = weight.shape[1], kh = weight.shape[2], kw = weight.shape[3];
        if (weight.shape[0] != in) {
            throw new IllegalArgumentException(op + ": input " + Shapes.toString(input.shape) + " has " + in
                    + " channels but weight " + Shapes.toString(weight.shape) + " expects " + weight.shape[0]
                    + " (a transposed convolution's weight is [inChannels, outChannels, kH, kW])");
        }
        int outH = (h - 1) * s[0] - 2 * p[0] + kh + op2[0], outW = (w - 1) * s[1] - 2 * p[1] + kw + op2[1];
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": the output would be " + outH + "x" + outW + " for input "
                    + Shapes.toString(input.shape) + ", kernel " + kh + "x" + kw + ", stride " + describe(s) + ", padding " + describe(p)
                    + "; use less padding");
        }
        checkBias(op, bias, out);
        // the convolution whose input gradient this is: [n, out, outH, outW] → [n, in, h, w]
        ConvGeometry g = new ConvGeometry(n, out, outH, outW, in, kh, kw, s[0], s[1], p[0], p[1]);
        float[] y = new float[n * out * outH * outW];
        Kernels.conv2dBackwardInput(g, input.values(), weight.values(), y);
        int plane = outH * outW;
        if (bias != null) {
            float[] biasValues = bias.values();
            for (int b = 0; b < n; b++) for (int c = 0; c < out; c++) {
                float bc = biasValues[c];
                for (int q = 0, base = (b * out + c) * plane; q < plane; q++) y[base + q] += bc;
            }
        }
        Tensor result = new Tensor(y, new int[] {n, out, outH, outW});
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        if (!Tensor.recording(inputs)) return result;
        // d/dinput = conv2d(grad, weight) (g's forward); d/dweight = g's weight gradient with the roles of
        // input and output gradient swapped; d/dbias = Σ grad over batch and space
        return Tensor.record("ConvolutionBackward", result, inputs, new Tensor[] {input, weight}, grad -> {
            Tensor gi = null, gw = null, gb = null;
            if (input.requiresGrad && weight.requiresGrad) {
                // both read the column matrix of grad: made once
                float[] di = new float[input.numel], dw = new float[weight.numel];
                Kernels.conv2dForwardAndBackwardWeight(g, grad.data, weight.values(), di, input.values(), dw);
                gi = Tensor.freshGradient(di, input.shape);
                gw = Tensor.freshGradient(dw, weight.shape);
            } else if (input.requiresGrad) {
                float[] d = new float[input.numel];
                Kernels.conv2dForward(g, grad.data, weight.values(), null, d);
                gi = Tensor.freshGradient(d, input.shape);
            } else if (weight.requiresGrad) {
                float[] d = new float[weight.numel];
                Kernels.conv2dBackwardWeight(g, grad.data, input.values(), d);
                gw = Tensor.freshGradient(d, weight.shape);
            }
            if (bias != null && bias.requiresGrad) {
                float[] d = new float[out];
                // a 1x1 convolution's bias gradient over [n, out, outH, outW] is exactly the per-channel sum
                Kernels.conv2dBackwardBias(new ConvGeometry(n, out, outH, outW, out, 1, 1, 1, 0), grad.data, d);
                gb = Tensor.freshGradient(d, bias.shape);
            }
            return bias == null ? new Tensor[] {gi, gw} : new Tensor[] {gi, gw, gb};
        }, grad -> new Tensor[] {
            input.requiresGrad ? convolved(grad, weight, g) : null,
            weight.requiresGrad ? weightGradient(grad, input, g) : null,
            bias != null && bias.requiresGrad ? channelSums(grad) : null});
    }
}
