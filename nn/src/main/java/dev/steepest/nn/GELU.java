package dev.steepest.nn;

import dev.steepest.core.Tensor;

/**
 * The Gaussian error linear unit, x·Φ(x), as {@code torch.nn.GELU}: exactly 0.5·x·(1 + erf(x/√2))
 * by default ({@code approximate = "none"}), or the tanh approximation with {@code "tanh"}.
 */
public class GELU extends Module {

    private final String approximate;

    /** The exact erf form, PyTorch's default. */
    public GELU() {
        this("none");
    }

    /** {@code approximate}: "none" (exact) or "tanh". */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("GELU: approximate must be 'none' (the exact erf form) or 'tanh', got '" + approximate + "'");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.gelu(approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
