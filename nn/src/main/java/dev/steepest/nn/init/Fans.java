package dev.steepest.nn.init;

import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * The number of inputs and outputs feeding each weight, as PyTorch's
 * {@code _calculate_fan_in_and_fan_out}: for a [out, in] matrix fanIn = in, fanOut = out; for a
 * [out, in, kH, kW] kernel both are multiplied by the receptive field kH·kW.
 */
public record Fans(int in, int out) {

    /** The fans of a weight tensor of at least 2 dimensions. */
    public static Fans of(String op, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": tensor is null");
        }
        int[] s = t.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException(op + ": fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions, got shape "
                    + Arrays.toString(s));
        }
        int receptive = 1;
        for (int i = 2; i < s.length; i++) receptive *= s[i];
        return new Fans(s[1] * receptive, s[0] * receptive);
    }
}
