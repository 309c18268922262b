package dev.steepest.nn.init;

/** Which fan the Kaiming initialisers scale by: inputs (keeps the forward variance) or outputs (the backward one). */
public enum FanMode {
    /** The number of inputs each output sums over ({@code mode='fan_in'}, PyTorch's default): keeps the forward pass's variance. */
    FAN_IN,
    /** The number of outputs each input feeds ({@code mode='fan_out'}): keeps the backward pass's variance. */
    FAN_OUT;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
