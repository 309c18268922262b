package dev.steepest.core;

import dev.steepest.core.kernels.Kernels;
import java.util.Arrays;

/** Matrix products (torch.matmul's cases, bmm and linear), computed by {@link Kernels#gemm}. */
final class LinearAlgebra {

    private LinearAlgebra() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        Shapes.notNull("matmul", "the other tensor", b);
        if (a.shape.length == 0 || b.shape.length == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got shapes "
                    + Shapes.toString(a.shape) + " and " + Shapes.toString(b.shape) + "; use mul for scalars");
        }
        if (a.shape.length == 1 && b.shape.length == 1) {
            checkInner(a.shape, b.shape, a.shape[0], b.shape[0]);
            return product(a.reshape(1, -1), b.reshape(-1, 1)).reshape();
        }
        if (a.shape.length == 1) {
            checkInner(a.shape, b.shape, a.shape[0], b.shape[b.shape.length - 2]);
            return matmul(a.reshape(1, -1), b).squeeze(-2);
        }
        if (b.shape.length == 1) {
            checkInner(a.shape, b.shape, a.shape[a.shape.length - 1], b.shape[0]);
            return matmul(a, b.reshape(-1, 1)).squeeze(-1);
        }
        return product(a, b);
    }

    private static void checkInner(int[] as, int[] bs, int ka, int kb) {
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: " + Shapes.toString(as) + " @ " + Shapes.toString(bs)
                    + ": inner dimensions " + ka + " and " + kb + " differ");
        }
    }

    /** torch.bmm: a [batch, n, m] @ b [batch, m, p], both 3-D with the same batch. */
    static Tensor bmm(Tensor a, Tensor b) {
        Shapes.notNull("bmm", "the other tensor", b);
        if (a.shape.length != 3 || b.shape.length != 3) {
            throw new IllegalArgumentException("bmm: expects two 3-D tensors [batch, n, m] and [batch, m, p], got shapes "
                    + Shapes.toString(a.shape) + " and " + Shapes.toString(b.shape) + "; use matmul for other ranks");
        }
        if (a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException("bmm: " + Shapes.toString(a.shape) + " @ " + Shapes.toString(b.shape)
                    + ": the batch sizes " + a.shape[0] + " and " + b.shape[0] + " differ");
        }
        if (a.shape[2] != b.shape[1]) {
            throw new IllegalArgumentException("bmm: " + Shapes.toString(a.shape) + " @ " + Shapes.toString(b.shape)
                    + ": inner dimensions " + a.shape[2] + " and " + b.shape[1] + " differ");
        }
        return product(a, b);
    }

    /** a [..., m, k] @ b [..., k, n], where the batch dimensions are equal or one side is 2-D. */
    private static Tensor product(Tensor a, Tensor b) {
        int ra = a.shape.length, rb = b.shape.length;
        int m = a.shape[ra - 2], k = a.shape[ra - 1], kb = b.shape[rb - 2], n = b.shape[rb - 1];
        checkInner(a.shape, b.shape, k, kb);
        int[] batchA = Arrays.copyOf(a.shape, ra - 2), batchB = Arrays.copyOf(b.shape, rb - 2);
        if (ra > 2 && rb > 2 && !Arrays.equals(batchA, batchB)) {
            throw new IllegalArgumentException("matmul: " + Shapes.toString(a.shape) + " @ " + Shapes.toString(b.shape)
                    + ": batch dimensions " + Shapes.toString(batchA) + " and " + Shapes.toString(batchB)
                    + " differ; steepest multiplies equal batches or a batch by one matrix");
        }
        int[] batch = ra > 2 ? batchA : batchB;
        int batches = Shapes.numel(batch);
        boolean aBatched = ra > 2, bBatched = rb > 2;
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        float[] out = new float[Shapes.numel("matmul", shape)];
        Kernels.batchedGemm(false, false, batches, m, n, k, a.values(), aBatched ? m * k : 0, b.values(), bBatched ? k * n : 0,
                out, m * n, false);
        Tensor y = new Tensor(out, shape);
        if (!Tensor.recording(a, b)) return y;
        String name = batch.length == 0 ? "MmBackward" : "BmmBackward";
        // d(A·B)/dA = G·Bᵀ, d(A·B)/dB = Aᵀ·G (summed over the batch where a side was not batched)
        return Tensor.record(name, y, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> {
            Tensor ga = null, gb = null;
            if (a.requiresGrad) {
                float[] d = new float[a.numel];
                Kernels.batchedGemm(false, true, batches, m, k, n, g.data, m * n, b.values(), bBatched ? k * n : 0,
                        d, aBatched ? m * k : 0, false);
                ga = Tensor.freshGradient(d, a.shape);
            }
            if (b.requiresGrad) {
                float[] d = new float[b.numel];
                Kernels.batchedGemm(true, false, batches, k, n, m, a.values(), aBatched ? m * k : 0, g.data, m * n,
                        d, bBatched ? k * n : 0, false);
                gb = Tensor.freshGradient(d, b.shape);
            }
            return new Tensor[] {ga, gb};
        }, g -> new Tensor[] {
            // the same products in recorded ops, so that they can be differentiated again
            a.requiresGrad ? batchSum(g.matmul(b.transpose(-1, -2)), aBatched, m, k) : null,
            b.requiresGrad ? batchSum(a.transpose(-1, -2).matmul(g), bBatched, k, n) : null});
    }

    /** A batched gradient [..., rows, cols] summed over its batch for a side that was one matrix (kept as it is when {@code batched}). */
    private static Tensor batchSum(Tensor d, boolean batched, int rows, int cols) {
        return batched || d.shape.length == 2 ? d : d.reshape(-1, rows, cols).sum(0);
    }

    /**
     * {@code input · weightᵀ + bias} (torch.nn.functional.linear) for input [..., in], weight
     * [out, in] and an optional bias [out], without copying the weight: the kernel reads it
     * transposed.
     */
    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        Shapes.notNull("linear", "the weight", weight);
        if (weight.shape.length != 2) {
            throw new IllegalArgumentException("linear: expects a 2-D weight [outFeatures, inFeatures], got shape "
                    + Shapes.toString(weight.shape));
        }
        int out = weight.shape[0], in = weight.shape[1];
        if (input.shape.length == 0 || input.shape[input.shape.length - 1] != in) {
            throw new IllegalArgumentException("linear: input " + Shapes.toString(input.shape) + " @ weightᵀ " + Shapes.toString(weight.shape)
                    + ": the input's last dimension must be " + in);
        }
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException("linear: bias must have shape [" + out + "], got " + Shapes.toString(bias.shape));
        }
        int rows = in == 0 ? Shapes.outer(input.shape, input.shape.length - 1) : input.numel / in;
        int[] shape = input.shape.clone();
        shape[shape.length - 1] = out;
        float[] y = new float[Shapes.numel("linear", shape)];
        if (bias != null) {
            float[] b = bias.values();
            for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y, r * out, out);
        }
        Kernels.gemm(false, true, rows, out, in, input.values(), 0, weight.values(), 0, y, 0, bias != null);
        Tensor result = new Tensor(y, shape);
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        if (!Tensor.recording(inputs)) return result;
        // d/dinput = G·W, d/dweight = Gᵀ·input, d/dbias = Σ_rows G
        return Tensor.record(bias == null ? "MmBackward" : "AddmmBackward", result, inputs, new Tensor[] {input, weight}, g -> {
            Tensor gi = null, gw = null, gb = null;
            if (input.requiresGrad) {
                float[] d = new float[input.numel];
                Kernels.gemm(false, false, rows, in, out, g.data, 0, weight.values(), 0, d, 0, false);
                gi = Tensor.freshGradient(d, input.shape);
            }
            if (weight.requiresGrad) {
                float[] d = new float[weight.numel];
                Kernels.gemm(true, false, out, in, rows, g.data, 0, input.values(), 0, d, 0, false);
                gw = Tensor.freshGradient(d, weight.shape);
            }
            if (bias != null && bias.requiresGrad) {
                float[] d = new float[out];
                Kernels.sumRows(g.data, rows, out, d);
                gb = Tensor.freshGradient(d, bias.shape);
            }
            return bias == null ? new Tensor[] {gi, gw} : new Tensor[] {gi, gw, gb};
        }, g -> {
            Tensor rowsOfG = g.reshape(rows, out);
            Tensor gi = input.requiresGrad ? g.matmul(weight) : null;
            Tensor gw = weight.requiresGrad ? rowsOfG.t().matmul(input.reshape(rows, in)) : null;
            Tensor gb = bias != null && bias.requiresGrad ? rowsOfG.sum(0) : null;
            return bias == null ? new Tensor[] {gi, gw} : new Tensor[] {gi, gw, gb};
        });
    }
}
