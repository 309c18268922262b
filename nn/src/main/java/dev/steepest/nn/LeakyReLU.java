package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** x where x > 0, negativeSlope·x elsewhere, as {@code torch.nn.LeakyReLU} (default slope 0.01; DCGAN uses 0.2). */
public class LeakyReLU extends Module {

    private final float negativeSlope;

    /** Slope 0.01, PyTorch's default. */
    public LeakyReLU() {
        this(0.01f);
    }

    /** As {@code nn.LeakyReLU(negative_slope)}. */
    public LeakyReLU(float negativeSlope) {
        if (!Float.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negativeSlope must be a finite number, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.leakyRelu(negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Repr.py(Double.parseDouble(Float.toString(negativeSlope)));
    }
}
