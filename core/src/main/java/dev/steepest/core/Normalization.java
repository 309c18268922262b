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

    private Normalization() {
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
        // each row alone, so the rows are shared out over the kernels' threads
        Kernels.parallelFor(rows, 3L * size, r -> {
            int base = r * size;
            double sum = 0, sq = 0;
            for (int i = 0; i < size; i++) sum += x[base + i];
            double mean = sum / size;
            for (int i = 0; i < size; i++) sq += (x[base + i] - mean) * (x[base + i] - mean);
            rstd[r] = 1 / Math.sqrt(sq / size + eps);
            for (int i = 0; i < size; i++) {
                xHat[base + i] = (float) ((x[base + i] - mean) * rstd[r]);
                out[base + i] = (w == null ? xHat[base + i] : xHat[base + i] * w[i]) + (b == null ? 0f : b[i]);
            }
        });
        Tensor y = new Tensor(out, input.shape);
        Tensor[] inputs = {input, weight, bias};
        if (!Tensor.recording(inputs)) return y;
        // with g' = g·weight:  dx = rstd·(g' − mean(g') − xHat·mean(g'·xHat));  dweight = Σ g·xHat;  dbias = Σ g
        Tensor[] saved = weight == null ? new Tensor[] {input} : new Tensor[] {input, weight};
        return Tensor.record("NativeLayerNormBackward", y, inputs, saved, g -> {
            float[] gy = g.data, dx = new float[x.length], dw = new float[size], db = new float[size];
            Kernels.parallelFor(rows, 4L * size, r -> {       // dx: each row alone
                int base = r * size;
                double sumG = 0, sumGxHat = 0;
                for (int i = 0; i < size; i++) {
                    double gi = w == null ? gy[base + i] : (double) gy[base + i] * w[i];
                    sumG += gi;
                    sumGxHat += gi * xHat[base + i];
                }
                for (int i = 0; i < size; i++) {
                    double gi = w == null ? gy[base + i] : (double) gy[base + i] * w[i];
                    dx[base + i] = (float) (rstd[r] * (gi - sumG / size - xHat[base + i] * sumGxHat / size));
                }
            });
            Kernels.parallelFor(size, 2L * rows, i -> {         // dweight, dbias: each column's sum over the rows
                double dwSum = 0, dbSum = 0;
                for (int r = 0; r < rows; r++) {
                    dwSum += (double) gy[r * size + i] * xHat[r * size + i];
                    dbSum += gy[r * size + i];
                }
                dw[i] = (float) dwSum;
                db[i] = (float) dbSum;
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
