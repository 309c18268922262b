package dev.steepest.core;

import dev.steepest.core.kernels.Kernels;
import java.util.Arrays;

/** Matrix products (torch.matmul's cases), computed by {@link Kernels#gemm}. */
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
        float[] out = new float[batches * m * n];
        for (int i = 0; i < batches; i++) {
            Kernels.gemm(false, false, m, n, k, a.data, aBatched ? i * m * k : 0, b.data, bBatched ? i * k * n : 0,
                    out, i * m * n, false);
        }
        Tensor y = new Tensor(out, shape);
        if (!Tensor.recording(a, b)) return y;
        String name = batch.length == 0 ? "MmBackward" : "BmmBackward";
        // d(A·B)/dA = G·Bᵀ, d(A·B)/dB = Aᵀ·G (summed over the batch where a side was not batched)
        return Tensor.record(name, y, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> {
            Tensor ga = null, gb = null;
            if (a.requiresGrad) {
                float[] d = new float[a.data.length];
                for (int i = 0; i < batches; i++) {
                    Kernels.gemm(false, true, m, k, n, g.data, i * m * n, b.data, bBatched ? i * k * n : 0,
                            d, aBatched ? i * m * k : 0, !aBatched && i > 0);
                }
                ga = new Tensor(d, a.shape);
            }
            if (b.requiresGrad) {
                float[] d = new float[b.data.length];
                for (int i = 0; i < batches; i++) {
                    Kernels.gemm(true, false, k, n, m, a.data, aBatched ? i * m * k : 0, g.data, i * m * n,
                            d, bBatched ? i * k * n : 0, !bBatched && i > 0);
                }
                gb = new Tensor(d, b.shape);
            }
            return new Tensor[] {ga, gb};
        });
    }
}
