package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** Batch normalisation of [N, C] or [N, C, L] inputs, as {@code torch.nn.BatchNorm1d}; see {@link BatchNorm}. */
public class BatchNorm1d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics: PyTorch's defaults. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** As {@code nn.BatchNorm1d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInput(Tensor input) {
        if (input == null || (input.dim() != 2 && input.dim() != 3)) {
            throw new IllegalArgumentException("BatchNorm1d: expected 2D or 3D input [batch, features(, length)], got "
                    + (input == null ? "null" : input.dim() + "D input of shape " + java.util.Arrays.toString(input.shape())));
        }
    }
}
