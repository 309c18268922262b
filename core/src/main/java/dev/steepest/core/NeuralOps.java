package dev.steepest.core;

import dev.steepest.core.kernels.Kernels;
import dev.steepest.core.kernels.PoolGeometry;

/** The ops layers are made of: softmax, logSoftmax, max and average pooling, nearest upsampling, dropout (convolutions are in {@link Convolutions}). */
final class NeuralOps {

    private NeuralOps() {
    }

    static Tensor softmax(Tensor a, int dim) {
        return softmaxLike(a, dim, false);
    }

    static Tensor logSoftmax(Tensor a, int dim) {
        return softmaxLike(a, dim, true);
    }

    /** Numerically stable: subtract each fibre's max before exponentiating. */
    private static Tensor softmaxLike(Tensor a, int dim, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        int rank = a.shape.length;
        int d = rank == 0 ? Shapes.dim(op, dim, 0) : Shapes.dim(op, dim, rank);
        int outer = rank == 0 ? 1 : Shapes.outer(a.shape, d);
        int size = rank == 0 ? 1 : a.shape[d];
        int inner = rank == 0 ? 1 : Shapes.inner(a.shape, d);
        float[] x = a.values(), out = new float[x.length];
        double[] exps = new double[size];   // each fibre's e^(x − max), computed once for its sum and its outputs
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < size; k++) max = Math.max(max, x[base + k * inner]);
                if (max == Float.NEGATIVE_INFINITY) max = 0f;
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    exps[k] = Math.exp(x[base + k * inner] - max);
                    sum += exps[k];
                }
                if (log) {
                    float logSum = (float) Math.log(sum);
                    for (int k = 0; k < size; k++) out[base + k * inner] = x[base + k * inner] - max - logSum;
                } else {
                    for (int k = 0; k < size; k++) out[base + k * inner] = (float) (exps[k] / sum);
                }
            }
        }
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // softmax: dx = y·(g − Σ g·y);  logSoftmax: dx = g − softmax·Σ g
        return Tensor.record(log ? "LogSoftmaxBackward" : "SoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> {
            float[] gx = new float[out.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * size * inner + i;
                    float s = 0f;
                    if (log) {
                        for (int k = 0; k < size; k++) s += g.data[base + k * inner];
                        for (int k = 0; k < size; k++) {
                            int j = base + k * inner;
                            gx[j] = g.data[j] - (float) Math.exp(out[j]) * s;
                        }
                    } else {
                        for (int k = 0; k < size; k++) s += g.data[base + k * inner] * out[base + k * inner];
                        for (int k = 0; k < size; k++) {
                            int j = base + k * inner;
                            gx[j] = out[j] * (g.data[j] - s);
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.freshGradient(gx, y.shape)};
        }, g -> new Tensor[] {rank == 0 ? Tensor.zerosLike(g)
                : log ? g.sub(y.exp().mul(g.sum(d, true))) : y.mul(g.sub(g.mul(y).sum(d, true)))});
    }

    private static PoolGeometry pool(String op, Tensor input, int[] kernel, int[] stride, int[] padding) {
        Shapes.notNull(op, "the input", input);
        if (input.shape.length != 4) {
            throw new IllegalArgumentException(op + ": expects a 4-D input [batch, channels, height, width], got shape "
                    + Shapes.toString(input.shape));
        }
        int[] k = Convolutions.pair(op, "kernel", kernel), s = Convolutions.pair(op, "stride", stride), p = Convolutions.pair(op, "padding", padding);
        if (k[0] < 1 || k[1] < 1 || s[0] < 1 || s[1] < 1 || p[0] < 0 || p[1] < 0) {
            throw new IllegalArgumentException(op + ": kernel and stride must be at least 1 and padding at least 0, got kernel "
                    + Convolutions.describe(k) + ", stride " + Convolutions.describe(s) + ", padding " + Convolutions.describe(p));
        }
        if (p[0] * 2 > k[0] || p[1] * 2 > k[1]) {
            throw new IllegalArgumentException(op + ": padding should be at most half the kernel size, got padding " + Convolutions.describe(p)
                    + " for kernel " + Convolutions.describe(k));
        }
        int h = input.shape[2], w = input.shape[3];
        if (h + 2 * p[0] < k[0] || w + 2 * p[1] < k[1]) {
            throw new IllegalArgumentException(op + ": kernel " + Convolutions.describe(k) + " is larger than the padded input "
                    + (h + 2 * p[0]) + "x" + (w + 2 * p[1]) + " (input " + Shapes.toString(input.shape) + ")");
        }
        return new PoolGeometry(input.shape[0], input.shape[1], h, w, k[0], k[1], s[0], s[1], p[0], p[1]);
    }

    static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        PoolGeometry g = pool("maxPool2d", input, kernel, stride, padding);
        float[] out = new float[g.outputSize()];
        int[] argmax = new int[g.outputSize()];
        Kernels.maxPool2dForward(g, input.values(), out, argmax);
        Tensor y = new Tensor(out, new int[] {g.batch(), g.channels(), g.outHeight(), g.outWidth()});
        if (!Tensor.recording(input)) return y;
        // each window's gradient goes to the position its maximum came from
        // saves the input, as PyTorch's max_pool2d_with_indices does; its rule reads the arg-max positions
        return Tensor.record("MaxPool2DBackward", y, new Tensor[] {input}, new Tensor[] {input}, grad -> {
            float[] d = new float[input.numel];
            Kernels.maxPool2dBackward(g, grad.data, argmax, d);
            return new Tensor[] {Tensor.freshGradient(d, input.shape)};
        }, grad -> new Tensor[] {toArgmax(grad, g, argmax, input.shape)});
    }

    /**
     * Max pooling's gradient as a recorded op of the output gradient (each value added at its window's
     * arg-max), so that it can be differentiated again: its own gradient reads each window's arg-max
     * ({@link #atArgmax}), and the pooling is piecewise linear, so nothing flows to the input.
     */
    private static Tensor toArgmax(Tensor grad, PoolGeometry g, int[] argmax, int[] inputShape) {
        float[] d = new float[g.inputSize()];
        Kernels.maxPool2dBackward(g, grad.values(), argmax, d);
        Tensor y = new Tensor(d, inputShape);
        int[] outShape = grad.shape;
        return Tensor.record("MaxPool2DBackwardBackward", y, new Tensor[] {grad}, Tensor.NONE,
                gg -> new Tensor[] {atArgmax(gg, g, argmax, outShape)});
    }

    /** The values of t [N, C, H, W] at each window's arg-max, shaped as the pooling's output; recorded. */
    private static Tensor atArgmax(Tensor t, PoolGeometry g, int[] argmax, int[] outShape) {
        float[] x = t.values(), out = new float[argmax.length];
        for (int k = 0; k < out.length; k++) out[k] = x[argmax[k]];
        Tensor y = new Tensor(out, outShape);
        int[] inputShape = t.shape;
        return Tensor.record("MaxPool2DBackward", y, new Tensor[] {t}, Tensor.NONE,
                gg -> new Tensor[] {toArgmax(gg, g, argmax, inputShape)});
    }

    static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return avgPooled(input, pool("avgPool2d", input, kernel, stride, padding));
    }

    private static Tensor avgPooled(Tensor input, PoolGeometry g) {
        float[] out = new float[g.outputSize()];
        Kernels.avgPool2dForward(g, input.values(), out);
        Tensor y = new Tensor(out, new int[] {g.batch(), g.channels(), g.outHeight(), g.outWidth()});
        if (!Tensor.recording(input)) return y;
        int[] shape = input.shape;
        int n = input.numel;
        // each window's gradient is shared evenly by its kH·kW positions
        return Tensor.record("AvgPool2DBackward", y, new Tensor[] {input}, Tensor.NONE, grad -> {
            float[] d = new float[n];
            Kernels.avgPool2dBackward(g, grad.data, d);
            return new Tensor[] {Tensor.freshGradient(d, shape)};
        }, grad -> new Tensor[] {avgUnpooled(grad, g, shape)});
    }

    /** Average pooling's gradient as a recorded op (linear in the output gradient): its own gradient is the pooling again. */
    private static Tensor avgUnpooled(Tensor grad, PoolGeometry g, int[] inputShape) {
        float[] d = new float[g.inputSize()];
        Kernels.avgPool2dBackward(g, grad.values(), d);
        return Tensor.record("AvgPool2DBackwardBackward", new Tensor(d, inputShape), new Tensor[] {grad}, Tensor.NONE,
                gg -> new Tensor[] {avgPooled(gg, g)});
    }

    /**
     * Nearest-neighbour upsampling of [N, C, L] or [N, C, H, W] by whole-number factors (one per
     * spatial axis): out[..., i, j] = in[..., i / sH, j / sW], as torch's
     * {@code interpolate(mode="nearest", scale_factor=s)} for an integer s.
     */
    static Tensor upsampleNearest(Tensor input, int[] scaleFactor) {
        String op = "upsampleNearest";
        Shapes.notNull(op, "the input", input);
        int rank = input.shape.length;
        if (rank != 3 && rank != 4) {
            throw new IllegalArgumentException(op + ": expects a 3-D [batch, channels, length] or 4-D [batch, channels, height, width]"
                    + " input, got shape " + Shapes.toString(input.shape));
        }
        int[] s = rank == 4 ? Convolutions.pair(op, "scaleFactor", scaleFactor) : new int[] {1, single(op, scaleFactor)};
        if (s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException(op + ": scaleFactor must be a whole number of at least 1, got " + Convolutions.describe(s));
        }
        int planes = input.shape[0] * input.shape[1], h = rank == 4 ? input.shape[2] : 1, w = input.shape[rank - 1];
        int oh = h * s[0], ow = w * s[1];
        float[] x = input.values(), out = new float[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) out[(p * oh + i) * ow + j] = x[(p * h + i / s[0]) * w + j / s[1]];
            }
        }
        int[] shape = input.shape.clone();
        shape[rank - 1] = ow;
        if (rank == 4) shape[2] = oh;
        Tensor y = new Tensor(out, shape);
        if (!Tensor.recording(input)) return y;
        int[] inputShape = input.shape;
        int n = x.length;
        // each input pixel was copied to an sH x sW block: its gradient is the block's sum
        return Tensor.record("UpsampleNearestBackward", y, new Tensor[] {input}, Tensor.NONE, g -> {
            float[] gx = new float[n];
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) gx[(p * h + i / s[0]) * w + j / s[1]] += g.data[(p * oh + i) * ow + j];
                }
            }
            return new Tensor[] {Tensor.freshGradient(gx, inputShape)};
        }, g -> {
            // the same block sums, recorded: each output pixel added at the input pixel it was copied from
            int[] from = new int[planes * oh * ow];
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) from[(p * oh + i) * ow + j] = (p * h + i / s[0]) * w + j / s[1];
                }
            }
            return new Tensor[] {Indexing.addedAt(g, from, inputShape)};
        });
    }

    private static int single(String op, int[] scaleFactor) {
        if (scaleFactor == null || scaleFactor.length != 1) {
            throw new IllegalArgumentException(op + ": a 3-D input takes one scaleFactor, got "
                    + (scaleFactor == null ? "null" : java.util.Arrays.toString(scaleFactor)));
        }
        return scaleFactor[0];
    }

    static Tensor dropout(Tensor a, float p, boolean training, Generator generator) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout: probability p must be in [0, 1], got " + p);
        }
        if (!training || p == 0f) {
            return a;
        }
        if (generator == null) {
            throw new IllegalArgumentException("dropout: a Generator is needed in training mode, so that runs can be repeated");
        }
        float[] mask = new float[a.numel];
        float keep = p == 1f ? 0f : 1f / (1f - p);
        synchronized (generator) {   // the mask is one uninterrupted run of draws, even with other threads drawing
            for (int i = 0; i < mask.length; i++) mask[i] = generator.nextFloat() < p ? 0f : keep;
        }
        float[] x = a.values(), out = new float[mask.length];
        for (int i = 0; i < out.length; i++) out[i] = x[i] * mask[i];
        Tensor y = new Tensor(out, a.shape);
        if (!Tensor.recording(a)) return y;
        // d(a·mask)/da = mask (saved, as PyTorch saves it, so that backward frees it)
        Tensor maskTensor = new Tensor(mask, a.shape);
        return Tensor.record("DropoutBackward", y, new Tensor[] {a}, new Tensor[] {maskTensor},
                g -> new Tensor[] {Pointwise.times(g, mask)}, g -> new Tensor[] {g.mul(maskTensor)});
    }
}
