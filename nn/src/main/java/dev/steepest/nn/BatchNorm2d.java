package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** Batch normalisation of [N, C, H, W] inputs, statistics per channel over batch and space, as {@code torch.nn.BatchNorm2d}; see {@link BatchNorm}. */
public class BatchNorm2d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics: PyTorch's defaults. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** As {@code nn.BatchNorm2d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInput(Tensor input) {
        if (input == null || input.dim() != 4) {
            throw new IllegalArgumentException("BatchNorm2d: expected 4D input [batch, channels, height, width], got "
                    + (input == null ? "null" : input.dim() + "D input of shape " + java.util.Arrays.toString(input.shape())));
        }
    }
}
