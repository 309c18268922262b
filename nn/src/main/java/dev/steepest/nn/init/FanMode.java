package dev.steepest.nn.init;

/** Which fan the Kaiming initialisers scale by: inputs (keeps the forward variance) or outputs (the backward one). */
public enum FanMode {
    FAN_IN, FAN_OUT;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
