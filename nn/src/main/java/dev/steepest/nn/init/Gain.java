package dev.steepest.nn.init;

/**
 * The recommended scale for a nonlinearity, as {@code nn.init.calculate_gain}: 1 for linear, conv
 * and sigmoid, 5/3 for tanh, sqrt(2) for relu, sqrt(2 / (1 + a²)) for leaky_relu with slope a,
 * 3/4 for selu.
 */
public final class Gain {

    private Gain() {
    }

    /** The gain for {@code nonlinearity}; {@code param} is leaky_relu's negative slope (ignored by the others). */
    public static double of(String nonlinearity, double param) {
        if (nonlinearity == null) {
            throw new IllegalArgumentException("calculateGain: nonlinearity is null");
        }
        switch (nonlinearity) {
            case "linear": case "conv1d": case "conv2d": case "conv3d": case "sigmoid":
                return 1;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu":
                return Math.sqrt(2.0 / (1 + Math.pow(param, 2)));   // Python's a ** 2
            case "selu":
                return 3.0 / 4;
            default:
                throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity
                        + "'; use one of linear, conv1d, conv2d, conv3d, sigmoid, tanh, relu, leaky_relu, selu");
        }
    }
}
