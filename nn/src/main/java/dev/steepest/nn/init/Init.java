package dev.steepest.nn.init;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;

/**
 * Fills tensors with initial values, as {@code torch.nn.init}: {@code uniform_}, {@code normal_},
 * {@code constant_}, {@code zeros_}, {@code ones_}, {@code xavierUniform_}, {@code xavierNormal_},
 * {@code kaimingUniform_}, {@code kaimingNormal_}. Every method modifies its tensor in place (outside
 * autograd, as under {@code torch.no_grad()}) and returns it; the random ones draw from the given
 * {@link Generator} exactly as PyTorch draws from its generator, so the same seed gives the same
 * weights in both.
 *
 * <p>Layers built without a generator draw from {@link Generator#defaultGenerator()}, one shared
 * generator started from seed {@value Generator#DEFAULT_SEED}, so a program that never seeds builds
 * the same weights on every run: the ones PyTorch builds after {@code torch.manual_seed(0)} (PyTorch
 * itself starts from a random seed). {@link Generator#manualSeed(long)} restarts it, like
 * {@code torch.manual_seed}; {@link #defaultGenerator()} and {@link #manualSeed(long)} here are the
 * same calls, kept for code written before. Like PyTorch's default generator it is safe to draw
 * from in several threads at once (each draw holds its lock); which thread gets which numbers then
 * depends on timing, so give each thread its own generator when the weights must repeat.
 */
public final class Init {

    /** The seed the shared default generator starts from. */
    public static final long DEFAULT_SEED = Generator.DEFAULT_SEED;

    private Init() {
    }

    /** @return the shared generator used by layers built without one: {@link Generator#defaultGenerator()} */
    public static Generator defaultGenerator() {
        return Generator.defaultGenerator();
    }

    /**
     * Restarts the shared generator, as {@code torch.manual_seed(seed)}: the same as {@link Generator#manualSeed(long)}.
     *
     * @param seed where the sequence restarts
     * @return the default generator
     */
    public static Generator manualSeed(long seed) {
        return Generator.manualSeed(seed);
    }

    // ---------------------------------------------------------------- plain fills

    /** Uniform draws in [a, b), as {@code nn.init.uniform_(t, a, b)}. */
    public static Tensor uniform_(Tensor t, double a, double b, Generator generator) {
        check("uniform_", t, generator);
        if (!(a <= b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("uniform_: expects finite a <= b, got a=" + a + ", b=" + b);
        }
        return write(t, values -> generator.fillUniform(values, (float) a, (float) b));
    }

    /** Normal draws with the given mean and standard deviation, as {@code nn.init.normal_(t, mean, std)}. */
    public static Tensor normal_(Tensor t, double mean, double std, Generator generator) {
        check("normal_", t, generator);
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal_: expects a finite mean and std >= 0, got mean=" + mean + ", std=" + std);
        }
        return write(t, out -> {
            if (out.length < 16) {
                // PyTorch's serial path for fewer than 16 values keeps mean and std in double
                for (int i = 0; i < out.length; i++) out[i] = (float) (generator.nextNormal() * std + mean);
            } else {
                generator.fillNormal(out, (float) mean, (float) std);
            }
        });
    }

    /** Every element set to {@code value}. */
    public static Tensor constant_(Tensor t, double value) {
        check("constant_", t);
        return write(t, values -> java.util.Arrays.fill(values, (float) value));
    }

    /** Fills {@code t} with zeros in place, as {@code nn.init.zeros_}; returns it. */
    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    /** Fills {@code t} with ones in place, as {@code nn.init.ones_}; returns it. */
    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    // ---------------------------------------------------------------- scaled by fan

    /**
     * Glorot &amp; Bengio (2010): uniform in ±gain·sqrt(6 / (fanIn + fanOut)), as
     * {@code nn.init.xavier_uniform_}.
     */
    public static Tensor xavierUniform_(Tensor t, double gain, Generator generator) {
        Fans fans = Fans.of("xavierUniform_", t);
        double std = gain * Math.sqrt(2.0 / (fans.in() + fans.out()));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a, generator);
    }

    /** Glorot &amp; Bengio (2010): normal with std gain·sqrt(2 / (fanIn + fanOut)), as {@code nn.init.xavier_normal_}. */
    public static Tensor xavierNormal_(Tensor t, double gain, Generator generator) {
        Fans fans = Fans.of("xavierNormal_", t);
        double std = gain * Math.sqrt(2.0 / (fans.in() + fans.out()));
        return normal_(t, 0, std, generator);
    }

    /**
     * He et al. (2015): uniform in ±sqrt(3)·gain/sqrt(fan), as {@code nn.init.kaiming_uniform_(t, a,
     * mode, nonlinearity)}. PyTorch's Linear and Conv2d use a = sqrt(5), "fan_in", "leaky_relu",
     * which gives ±1/sqrt(fanIn).
     */
    public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, String nonlinearity, Generator generator) {
        double std = Gain.of(nonlinearity, a) / Math.sqrt(fan("kaimingUniform_", t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound, generator);
    }

    /** He et al. (2015): normal with std gain/sqrt(fan), as {@code nn.init.kaiming_normal_}. */
    public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, String nonlinearity, Generator generator) {
        double std = Gain.of(nonlinearity, a) / Math.sqrt(fan("kaimingNormal_", t, mode));
        return normal_(t, 0, std, generator);
    }

    private static int fan(String op, Tensor t, FanMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException(op + ": mode is null; use FanMode.FAN_IN or FanMode.FAN_OUT");
        }
        Fans fans = Fans.of(op, t);
        int fan = mode == FanMode.FAN_IN ? fans.in() : fans.out();
        if (fan == 0) {
            throw new IllegalArgumentException(op + ": cannot initialise a tensor of shape " + java.util.Arrays.toString(t.shape())
                    + " whose " + mode + " is 0");
        }
        return fan;
    }

    /**
     * Lets {@code fill} write t's values, row-major, and returns t. A view (a row or a column of a
     * weight: {@code uniform_(w.narrow(0, 2, 1), …)}) is filled through its strides, so the weight
     * it shares storage with changes, as in PyTorch.
     */
    private static Tensor write(Tensor t, java.util.function.Consumer<float[]> fill) {
        try (var off = dev.steepest.core.Autograd.noGrad()) {
            Tensor dense = t.contiguous();   // t itself unless it is a view
            fill.accept(dense.rawData());
            if (dense == t) {
                t.markModified();
            } else {
                t.copy_(dense);
            }
        }
        return t;
    }

    private static void check(String op, Tensor t, Generator generator) {
        check(op, t);
        if (generator == null) {
            throw new IllegalArgumentException(op + ": generator is null; pass one (new Generator(seed)) or Init.defaultGenerator()");
        }
    }

    private static void check(String op, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": tensor is null");
        }
    }
}
