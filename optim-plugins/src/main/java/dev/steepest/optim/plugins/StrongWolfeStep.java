package dev.steepest.optim.plugins;

/**
 * A step length t of {@link StrongWolfe}'s line search as PyTorch holds it: either a Python float
 * (a double) or a 0-dimensional float32 tensor. PyTorch's {@code _strong_wolfe} mixes the two (the
 * first step of L-BFGS is a tensor, later ones start from the Python number lr; the cubic
 * interpolation returns a tensor unless a bound wins), and the rounding follows the type, so this
 * class carries it along to give the same trajectories as PyTorch.
 *
 * <p>The rules, as PyTorch 1.13 applies them: arithmetic between two doubles is double; as soon
 * as a tensor takes part the other operand is rounded to float32 and the result is float32;
 * comparisons with a tensor are made in float32; Python's {@code max(a, b)} and {@code min(a, b)}
 * return one of their arguments unchanged, type included (the second only if strictly better).
 *
 * @param value the value (exactly a float when {@code float32})
 * @param float32 true for a float32 tensor, false for a Python float
 */
record StrongWolfeStep(double value, boolean float32) {

    /** Python's {@code 0}, the start of the bracket. */
    static final StrongWolfeStep ZERO = ofDouble(0);

    static StrongWolfeStep ofDouble(double value) {
        return new StrongWolfeStep(value, false);
    }

    static StrongWolfeStep ofFloat(float value) {
        return new StrongWolfeStep(value, true);
    }

    /** The value a float32 kernel sees ({@code alpha} of add_, a factor of mul): rounded to float. */
    float asFloat() {
        return (float) value;
    }

    StrongWolfeStep plus(StrongWolfeStep o) {
        return float32 || o.float32 ? ofFloat(asFloat() + o.asFloat()) : ofDouble(value + o.value);
    }

    StrongWolfeStep minus(StrongWolfeStep o) {
        return float32 || o.float32 ? ofFloat(asFloat() - o.asFloat()) : ofDouble(value - o.value);
    }

    /** {@code c * t} for a Python number c. */
    StrongWolfeStep times(double c) {
        return float32 ? ofFloat((float) c * asFloat()) : ofDouble(c * value);
    }

    /** {@code t * x} for a float32 tensor x: always float32. */
    float timesTensor(float x) {
        return asFloat() * x;
    }

    /** {@code t / 2.}, the middle of two bounds. */
    StrongWolfeStep half() {
        return float32 ? ofFloat(asFloat() / 2f) : ofDouble(value / 2.);
    }

    StrongWolfeStep abs() {
        return float32 ? ofFloat(Math.abs(asFloat())) : ofDouble(Math.abs(value));
    }

    boolean lessThan(StrongWolfeStep o) {
        return float32 || o.float32 ? asFloat() < o.asFloat() : value < o.value;
    }

    boolean lessOrEqual(StrongWolfeStep o) {
        return float32 || o.float32 ? asFloat() <= o.asFloat() : value <= o.value;
    }

    /** Python's {@code max(a, b)}: b only if b &gt; a. */
    static StrongWolfeStep max(StrongWolfeStep a, StrongWolfeStep b) {
        return a.lessThan(b) ? b : a;
    }

    /** Python's {@code min(a, b)}: b only if b &lt; a. */
    static StrongWolfeStep min(StrongWolfeStep a, StrongWolfeStep b) {
        return b.lessThan(a) ? b : a;
    }

    @Override
    public String toString() {
        return float32 ? "tensor(" + asFloat() + ")" : Double.toString(value);
    }
}
