package dev.steepest.core;

import java.util.Arrays;

import dev.steepest.core.kernels.Kernels;

/**
 * Layer normalisation (Ba, Kiros &amp; Hinton, 2016), as {@code torch.nn.functional.layer_norm}: each
 * sample is normalised over its last dimensions (the {@code normalizedShape}), with no running
 * statistics, then scaled and shifted elementwise:
 *
 * <pre>
 * xHat = (x − mean) / sqrt(var + eps)      mean, biased var over the normalised dimensions
 * y    = xHat · weight + bias               weight, bias of normalizedShape (optional)
 * </pre>
 *
 * Statistics are accumulated in double.
 */
final class Normalization {

    /** The columns of the weight and bias gradients that one task sums over all rows. */
    private static final int COLUMN_SLICE = 16;

    /** Rows whose sums the forward and backward passes of layerNorm run side by side. */
    private static final int ROW_GROUP = 4;

    private Normalization() {
    }

    private static int groups(int rows) {
        return (rows + ROW_GROUP - 1) / ROW_GROUP;
    }

    /** Where row {@code r} starts, or the group's last row where r is past it (a short group repeats its last row, whose results are dropped). */
    private static int rowBase(int r, int last, int size) {
        return Math.min(r, last) * size;
    }

    /** g·weight at {@code index} (weight's element i), in double: exact, as a product of two floats. */
    private static double scaled(float[] gy, int index, float[] w, int i) {
        return w == null ? gy[index] : (double) gy[index] * w[i];
    }

    static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        String op = "layerNorm";
        Shapes.notNull(op, "the input", input);
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException(op + ": normalizedShape must name at least one dimension, got "
                    + (normalizedShape == null ? "null" : "[]"));
        }
        int k = normalizedShape.length, rank = input.shape.length;
        if (rank < k || !Arrays.equals(Arrays.copyOfRange(input.shape, rank - k, rank), normalizedShape)) {
            throw new IllegalArgumentException(op + ": the input's last dimensions must be normalizedShape " + Shapes.toString(normalizedShape)
                    + ", got input of shape " + Shapes.toString(input.shape));
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !Arrays.equals(t.shape, normalizedShape)) {
                throw new IllegalArgumentException(op + ": weight and bias must have normalizedShape " + Shapes.toString(normalizedShape)
                        + ", got " + Shapes.toString(t.shape));
            }
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(op + ": eps must be positive, got " + eps);
        }
        int size = Shapes.numel(normalizedShape), rows = size == 0 ? 0 : input.numel / size;
        float[] x = input.values(), xHat = new float[x.length], out = new float[x.length];
        float[] w = weight == null ? null : weight.values(), b = bias == null ? null : bias.values();
        double[] rstd = new double[rows];
        // groups of rows, shared out over the kernels' threads; each group's rows go through the sums
        // together (four chains of additions overlap), each row's own sum in index order as if alone
        Kernels.parallelFor(groups(rows), 3L * ROW_GROUP * size, group -> {
            int first = group * ROW_GROUP, last = Math.min(rows, first + ROW_GROUP) - 1;
            int b0 = first * size, b1 = rowBase(first + 1, last, size), b2 = rowBase(first + 2, last, size), b3 = rowBase(first + 3, last, size);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < size; i++) {
                s0 += x[b0 + i];
                s1 += x[b1 + i];
                s2 += x[b2 + i];
                s3 += x[b3 + i];
            }
            double m0 = s0 / size, m1 = s1 / size, m2 = s2 / size, m3 = s3 / size;
            double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
            for (int i = 0; i < size; i++) {
                double c0 = x[b0 + i] - m0, c1 = x[b1 + i] - m1, c2 = x[b2 + i] - m2, c3 = x[b3 + i] - m3;
                q0 += c0 * c0;
                q1 += c1 * c1;
                q2 += c2 * c2;
                q3 += c3 * c3;
            }
            double[] means = {m0, m1, m2, m3}, squares = {q0, q1, q2, q3};
            for (int r = first; r <= last; r++) {
                int base = r * size;
                double mean = means[r - first], rowRstd = 1 / Math.sqrt(squares[r - first] / size + eps);
                rstd[r] = rowRstd;
                for (int i = 0; i < size; i++) {
                    float h = (float) ((x[base + i] - mean) * rowRstd);
                    xHat[base + i] = h;
                    out[base + i] = (w == null ? h : h * w[i]) + (b == null ? 0f : b[i]);
                }
            }
        });
        Tensor y = new Tensor(out, input.shape);
        Tensor[] inputs = {input, weight, bias};
        if (!Tensor.recording(inputs)) return y;
        // with g' = g·weight:  dx = rstd·(g' − mean(g') − xHat·mean(g'·xHat));  dweight = Σ g·xHat;  dbias = Σ g
        Tensor[] saved = weight == null ? new Tensor[] {input} : new Tensor[] {input, weight};
        return Tensor.record("NativeLayerNormBackward", y, inputs, saved, g -> {
            float[] gy = g.data, dx = new float[x.length], dw = new float[size], db = new float[size];
            // dividing by a power of two and multiplying by its inverse round the same exact value: same bits, no division
            boolean powerOfTwo = Integer.bitCount(size) == 1;
            double inverse = 1.0 / size;
            Kernels.parallelFor(groups(rows), 4L * ROW_GROUP * size, group -> {   // dx: each row alone, in groups as forward
                int first = group * ROW_GROUP, last = Math.min(rows, first + ROW_GROUP) - 1;
                int b0 = first * size, b1 = rowBase(first + 1, last, size), b2 = rowBase(first + 2, last, size), b3 = rowBase(first + 3, last, size);
                double g0 = 0, g1 = 0, g2 = 0, g3 = 0, h0 = 0, h1 = 0, h2 = 0, h3 = 0;
                for (int i = 0; i < size; i++) {
                    double gi0 = scaled(gy, b0 + i, w, i), gi1 = scaled(gy, b1 + i, w, i), gi2 = scaled(gy, b2 + i, w, i), gi3 = scaled(gy, b3 + i, w, i);
                    g0 += gi0;
                    g1 += gi1;
                    g2 += gi2;
                    g3 += gi3;
                    h0 += gi0 * xHat[b0 + i];
                    h1 += gi1 * xHat[b1 + i];
                    h2 += gi2 * xHat[b2 + i];
                    h3 += gi3 * xHat[b3 + i];
                }
                double[] sumG = {g0, g1, g2, g3}, sumGxHat = {h0, h1, h2, h3};
                for (int r = first; r <= last; r++) {
                    int base = r * size;
                    double meanG = sumG[r - first] / size, projection = sumGxHat[r - first], rowRstd = rstd[r];
                    for (int i = 0; i < size; i++) {
                        double projected = xHat[base + i] * projection;
                        double gi = scaled(gy, base + i, w, i);
                        dx[base + i] = (float) (rowRstd * (gi - meanG - (powerOfTwo ? projected * inverse : projected / size)));
                    }
                }
            });
            // dweight, dbias: each column's sum over the rows, in row order; a slice of columns per task,
            // its rows read in storage order
            int slices = (size + COLUMN_SLICE - 1) / COLUMN_SLICE;
            Kernels.parallelFor(slices, 2L * rows * COLUMN_SLICE, slice -> {
                int from = slice * COLUMN_SLICE, to = Math.min(size, from + COLUMN_SLICE);
                double[] dwSum = new double[to - from], dbSum = new double[to - from];
                for (int r = 0; r < rows; r++) {
                    int base = r * size;
                    for (int i = from; i < to; i++) {
                        dwSum[i - from] += (double) gy[base + i] * xHat[base + i];
                        dbSum[i - from] += gy[base + i];
                    }
                }
                for (int i = from; i < to; i++) {
                    dw[i] = (float) dwSum[i - from];
                    db[i] = (float) dbSum[i - from];
                }
            });
            return new Tensor[] {input.requiresGrad ? Tensor.freshGradient(dx, input.shape) : null,
                                 weight != null && weight.requiresGrad ? Tensor.freshGradient(dw, weight.shape) : null,
                                 bias != null && bias.requiresGrad ? Tensor.freshGradient(db, bias.shape) : null};
        }, g -> layerNormGradients(input, weight, bias, g, rows, size, eps));
    }

    /**
     * The same rule in recorded ops, on the input read as [rows, size], so that the gradients can be
     * differentiated again: the statistics are recomputed from the input (in float) and everything
     * after them is a recorded op of input, weight and g.
     */
    private static Tensor[] layerNormGradients(Tensor input, Tensor weight, Tensor bias, Tensor g, int rows, int size, double eps) {
        Tensor x = input.reshape(rows, size), gy = g.reshape(rows, size);
        Tensor centred = x.sub(x.mean(1, true));
        Tensor rstd = centred.pow(2f).mean(1, true).add((float) eps).pow(-0.5f);
        Tensor xHat = centred.mul(rstd);
        Tensor gw = weight == null ? gy : gy.mul(weight.reshape(1, size));
        Tensor dx = gw.sub(gw.mean(1, true)).sub(xHat.mul(gw.mul(xHat).mean(1, true))).mul(rstd);
        return new Tensor[] {input.requiresGrad ? dx.reshape(input.shape) : null,
                             weight != null && weight.requiresGrad ? gy.mul(xHat).sum(0).reshape(weight.shape) : null,
                             bias != null && bias.requiresGrad ? gy.sum(0).reshape(bias.shape) : null};
    }
}
