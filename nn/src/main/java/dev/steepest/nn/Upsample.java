package dev.steepest.nn;

import dev.steepest.core.Tensor;

/**
 * Nearest-neighbour upsampling of [N, C, L] or [N, C, H, W] inputs by a whole-number scale factor, as
 * {@code torch.nn.Upsample(scale_factor=s)} (mode "nearest", its default): every value becomes an
 * s×s block. A decoder or generator can use it followed by a Conv2d instead of a ConvTranspose2d.
 */
public class Upsample extends Module {

    private final int scaleFactor;

    /** Nearest-neighbour upsampling by {@code scaleFactor}, as {@code nn.Upsample(scale_factor, mode="nearest")}. */
    public Upsample(int scaleFactor) {
        this(scaleFactor, "nearest");
    }

    /** {@code mode}: only "nearest" is implemented. */
    public Upsample(int scaleFactor, String mode) {
        if (!"nearest".equals(mode)) {
            throw new IllegalArgumentException("Upsample: mode '" + mode + "' is not implemented; steepest has 'nearest'");
        }
        if (scaleFactor < 1) {
            throw new IllegalArgumentException("Upsample: scaleFactor must be a whole number of at least 1, got " + scaleFactor);
        }
        this.scaleFactor = scaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.upsampleNearest(scaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "scale_factor=" + Repr.py((double) scaleFactor) + ", mode=nearest";
    }
}
