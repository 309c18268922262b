package dev.steepest.core.kernels;

/**
 * The plain, obviously-correct versions of every kernel: short loops that read like the formula.
 * Tests compare the fast kernels against these; {@link Kernels} falls back to them where nothing
 * faster exists. All arrays are row-major and contiguous. Outputs are overwritten unless a method
 * says it accumulates.
 */
public final class ReferenceKernels {

    private ReferenceKernels() {
    }

    /**
     * {@code c = op(a) · op(b)} (or {@code c += …} when {@code accumulate}), where {@code op(a)} is
     * {@code a} ({@code [m, k]}) or, with {@code transA}, the transpose of {@code a} stored as {@code [k, m]};
     * likewise {@code op(b)} is {@code [k, n]} or stored as {@code [n, k]}. {@code c} is {@code [m, n]}.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    float bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    sum += av * bv;
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }

    /** out[i] = tanh(x[i]) for i below n (in double, rounded once to float). */
    public static void tanh(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = (float) Math.tanh(x[i]);
    }

    /** out[i] = 1 / (1 + exp(−x[i])) for i below n (in double, rounded once to float). */
    public static void sigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
    }

    /**
     * GELU's exact form for i in [from, to): {@code cdf[i] = Φ(x) = 0.5·(1 + erf(x/√2))} and
     * {@code out[i] = x·Φ(x)}, in double, each rounded once to float.
     */
    public static void gelu(float[] x, float[] out, float[] cdf, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i], phi = 0.5 * (1 + Erf.erf(v * Math.sqrt(0.5)));
            cdf[i] = (float) phi;
            out[i] = (float) (v * phi);
        }
    }

    /** GELU's gradient for i in [from, to): {@code gx[i] = g[i]·(Φ(x) + x·φ(x))}, φ(x) = e^(−x²/2)/√(2π), from the forward's Φ. */
    public static void geluBackward(float[] x, float[] cdf, float[] g, float[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            gx[i] = (float) (g[i] * (cdf[i] + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI)));
        }
    }

    /** out[n, o, y, x] = bias[o] + Σ_{c, i, j} x[n, c, y·s + i − p, x·s + j − p] · w[o, c, i, j]. */
    public static void conv2dForward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out) {
        int oh = g.outHeight(), ow = g.outWidth();
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        float sum = bias == null ? 0f : bias[o];
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int i = 0; i < g.kernelHeight(); i++) {
                                int iy = y * g.strideHeight() + i - g.padHeight();
                                if (iy < 0 || iy >= g.height()) continue;
                                for (int j = 0; j < g.kernelWidth(); j++) {
                                    int ix = x * g.strideWidth() + j - g.padWidth();
                                    if (ix < 0 || ix >= g.width()) continue;
                                    sum += input[((n * g.inChannels() + c) * g.height() + iy) * g.width() + ix]
                                            * weight[((o * g.inChannels() + c) * g.kernelHeight() + i) * g.kernelWidth() + j];
                                }
                            }
                        }
                        out[((n * g.outChannels() + o) * oh + y) * ow + x] = sum;
                    }
                }
            }
        }
    }

    /** gradInput = the transpose of the convolution applied to gradOut (overwritten). */
    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput) {
        java.util.Arrays.fill(gradInput, 0, g.inputSize(), 0f);
        int oh = g.outHeight(), ow = g.outWidth();
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        float go = gradOut[((n * g.outChannels() + o) * oh + y) * ow + x];
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int i = 0; i < g.kernelHeight(); i++) {
                                int iy = y * g.strideHeight() + i - g.padHeight();
                                if (iy < 0 || iy >= g.height()) continue;
                                for (int j = 0; j < g.kernelWidth(); j++) {
                                    int ix = x * g.strideWidth() + j - g.padWidth();
                                    if (ix < 0 || ix >= g.width()) continue;
                                    gradInput[((n * g.inChannels() + c) * g.height() + iy) * g.width() + ix] +=
                                            go * weight[((o * g.inChannels() + c) * g.kernelHeight() + i) * g.kernelWidth() + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** out[j] = Σ_r x[r·cols + j] for the {@code rows} rows of {@code x}, summed in row order (overwritten): a linear layer's bias gradient. */
    public static void sumRows(float[] x, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[j] += x[r * cols + j];
            }
        }
    }

    /** gradBias[o] = Σ_{n, y, x} gradOut[n, o, y, x] (overwritten). */
    public static void conv2dBackwardBias(ConvGeometry g, float[] gradOut, float[] gradBias) {
        java.util.Arrays.fill(gradBias, 0, g.outChannels(), 0f);
        int plane = Math.max(0, g.outHeight()) * Math.max(0, g.outWidth());
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int q = 0; q < plane; q++) {
                    gradBias[o] += gradOut[(n * g.outChannels() + o) * plane + q];
                }
            }
        }
    }

    /** gradWeight[o, c, i, j] = Σ_{n, y, x} gradOut[n, o, y, x] · input[n, c, y·s + i − p, x·s + j − p] (overwritten). */
    public static void conv2dBackwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight) {
        java.util.Arrays.fill(gradWeight, 0, g.weightSize(), 0f);
        int oh = g.outHeight(), ow = g.outWidth();
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        float go = gradOut[((n * g.outChannels() + o) * oh + y) * ow + x];
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int i = 0; i < g.kernelHeight(); i++) {
                                int iy = y * g.strideHeight() + i - g.padHeight();
                                if (iy < 0 || iy >= g.height()) continue;
                                for (int j = 0; j < g.kernelWidth(); j++) {
                                    int ix = x * g.strideWidth() + j - g.padWidth();
                                    if (ix < 0 || ix >= g.width()) continue;
                                    gradWeight[((o * g.inChannels() + c) * g.kernelHeight() + i) * g.kernelWidth() + j] +=
                                            go * input[((n * g.inChannels() + c) * g.height() + iy) * g.width() + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** out = the largest value in each window (padding counts as −∞); argmax[k] = the flat input index it came from. */
    public static void maxPool2dForward(PoolGeometry g, float[] input, float[] out, int[] argmax) {
        int oh = g.outHeight(), ow = g.outWidth();
        for (int nc = 0; nc < g.batch() * g.channels(); nc++) {
            int base = nc * g.height() * g.width();
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int i = 0; i < g.kernelHeight(); i++) {
                        int iy = y * g.strideHeight() + i - g.padHeight();
                        if (iy < 0 || iy >= g.height()) continue;
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int ix = x * g.strideWidth() + j - g.padWidth();
                            if (ix < 0 || ix >= g.width()) continue;
                            int index = base + iy * g.width() + ix;
                            float v = input[index];
                            if (v > best || bestIndex < 0 || Float.isNaN(v)) {
                                best = v;
                                bestIndex = index;
                            }
                        }
                    }
                    int k = (nc * oh + y) * ow + x;
                    out[k] = best;
                    argmax[k] = bestIndex;
                }
            }
        }
    }

    /** gradInput[argmax[k]] += gradOut[k] (gradInput overwritten first). */
    public static void maxPool2dBackward(PoolGeometry g, float[] gradOut, int[] argmax, float[] gradInput) {
        java.util.Arrays.fill(gradInput, 0, g.inputSize(), 0f);
        for (int k = 0; k < g.outputSize(); k++) {
            gradInput[argmax[k]] += gradOut[k];
        }
    }

    /** out = the mean of each window, padding counted as zeros in the divisor (PyTorch's count_include_pad=True). */
    public static void avgPool2dForward(PoolGeometry g, float[] input, float[] out) {
        int oh = g.outHeight(), ow = g.outWidth();
        float scale = 1f / (g.kernelHeight() * g.kernelWidth());
        for (int nc = 0; nc < g.batch() * g.channels(); nc++) {
            int base = nc * g.height() * g.width();
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float sum = 0f;
                    for (int i = 0; i < g.kernelHeight(); i++) {
                        int iy = y * g.strideHeight() + i - g.padHeight();
                        if (iy < 0 || iy >= g.height()) continue;
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int ix = x * g.strideWidth() + j - g.padWidth();
                            if (ix < 0 || ix >= g.width()) continue;
                            sum += input[base + iy * g.width() + ix];
                        }
                    }
                    out[(nc * oh + y) * ow + x] = sum * scale;
                }
            }
        }
    }

    /** Spreads each output gradient evenly over its window (gradInput overwritten). */
    public static void avgPool2dBackward(PoolGeometry g, float[] gradOut, float[] gradInput) {
        java.util.Arrays.fill(gradInput, 0, g.inputSize(), 0f);
        int oh = g.outHeight(), ow = g.outWidth();
        float scale = 1f / (g.kernelHeight() * g.kernelWidth());
        for (int nc = 0; nc < g.batch() * g.channels(); nc++) {
            int base = nc * g.height() * g.width();
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float go = gradOut[(nc * oh + y) * ow + x] * scale;
                    for (int i = 0; i < g.kernelHeight(); i++) {
                        int iy = y * g.strideHeight() + i - g.padHeight();
                        if (iy < 0 || iy >= g.height()) continue;
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int ix = x * g.strideWidth() + j - g.padWidth();
                            if (ix < 0 || ix >= g.width()) continue;
                            gradInput[base + iy * g.width() + ix] += go;
                        }
                    }
                }
            }
        }
    }
}
