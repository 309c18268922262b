package dev.steepest.core;

/**
 * A seeded source of random numbers: the 32-bit Mersenne Twister (MT19937), the generator PyTorch
 * uses on the CPU, drawn the way PyTorch draws. The same seed gives the same numbers on every
 * machine, and {@code new Generator(s).uniform(...)} gives the numbers {@code torch.manual_seed(s)}
 * followed by {@code tensor.uniform_(...)} gives, so that PyTorch's default initialisation can be
 * reproduced weight for weight.
 *
 * <p>Like PyTorch, there is one shared default generator: {@link #manualSeed(long)} restarts it
 * ({@code torch.manual_seed}), and everything that draws without being given a generator draws
 * from it ({@link Tensor#rand(int...)}, layers' initial weights). Unlike PyTorch it starts from
 * seed {@value #DEFAULT_SEED}, so a program that never seeds gives the same numbers on every run.
 *
 * <p>Thread-safe, as PyTorch's generators (which take a lock): every method that draws or reseeds
 * holds this generator's lock, and a call that fills an array ({@link #fillUniform},
 * {@link #fillNormal}, {@link #randperm}) draws its whole block under it, so two threads drawing at
 * once get disjoint runs of the one sequence and never a broken state. Which thread gets which run
 * depends on timing: for numbers that repeat from run to run, give each thread its own generator.
 * To draw several calls as one uninterrupted run, hold the lock yourself:
 * {@code synchronized (generator) { … }}.
 */
public final class Generator {

    private static final int N = 624;
    private static final int M = 397;

    /** The seed the default generator starts from. */
    public static final long DEFAULT_SEED = 0L;
    private static final Generator DEFAULT = new Generator(DEFAULT_SEED);

    private final int[] mt = new int[N];
    private int index;
    private long seed;
    /** PyTorch's normal_distribution draws two normals per Box–Muller pair and keeps the second for the next call. */
    private double cachedNormal = Double.NaN;

    /**
     * A generator of its own, as {@code torch.Generator().manual_seed(seed)}.
     *
     * @param seed where the sequence starts; the same seed gives the same numbers
     */
    public Generator(long seed) {
        restart(seed);
    }

    /**
     * The shared default generator, {@code torch.default_generator}: what {@link Tensor#rand(int...)},
     * {@link Tensor#randn(int...)} and layers built without a generator draw from.
     *
     * @return the one default generator (the same object on every call)
     */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /**
     * Restarts the default generator from {@code seed}, as {@code torch.manual_seed(seed)}: what is
     * drawn afterwards is what PyTorch draws after the same call. The generator is modified in
     * place, so anyone holding it sees the new sequence.
     *
     * @param seed where the sequence restarts
     * @return the default generator
     */
    public static Generator manualSeed(long seed) {
        DEFAULT.restart(seed);
        return DEFAULT;
    }

    private synchronized void restart(long seed) {
        this.seed = seed;
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
        cachedNormal = Double.NaN;
    }

    /** The seed this generator started from. */
    public synchronized long seed() {
        return seed;
    }

    /** The next 32 random bits, as an unsigned value in a long. */
    public synchronized long nextBits32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** A float in [0, 1) from 24 random bits, as PyTorch's uniform_real_distribution&lt;float&gt;. */
    public synchronized float nextFloat() {
        return (nextBits32() & 0xffffff) * (1.0f / (1 << 24));
    }

    /** A float in [from, to), as {@code tensor.uniform_(from, to)} draws one. */
    public synchronized float uniform(float from, float to) {
        return (float) ((nextBits32() & 0xffffff) * (1.0 / (1 << 24)) * ((double) to - from) + from);
    }

    /** A double in [0, 1) from 53 random bits (PyTorch's uniform_real_distribution&lt;double&gt;). */
    public synchronized double nextDouble() {
        long bits = (nextBits32() << 32) | nextBits32();
        return (bits & ((1L << 53) - 1)) * (1.0 / (1L << 53));
    }

    /** An integer in [0, bound), for shuffling. */
    public synchronized int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        return (int) (nextBits32() % bound);
    }

    /**
     * A random permutation of 0 … n−1, drawn exactly as {@code torch.randperm(n, generator=g)} on the
     * CPU; the int form of {@link Tensor#randperm}, for shuffling and splitting data sets of any size.
     */
    public synchronized int[] randperm(int n) {
        return Sampling.permutation(n, this);
    }

    /** Fills {@code out} with uniform draws in [from, to), as {@code tensor.uniform_(from, to)}. */
    public synchronized void fillUniform(float[] out, float from, float to) {
        for (int i = 0; i < out.length; i++) {
            out[i] = uniform(from, to);
        }
    }

    /**
     * Fills {@code out} with normal draws, as {@code tensor.normal_(mean, std)} does on the CPU, bit
     * for bit: Box–Muller over blocks of 16 uniforms in float for 16 or more values (computed as
     * PyTorch's AVX2 kernel computes it, see {@code BoxMuller}), one pair of doubles at a time below
     * that (where PyTorch keeps mean and std in double too).
     */
    public synchronized void fillNormal(float[] out, double mean, double std) {
        int n = out.length;
        if (n >= 16) {
            for (int i = 0; i < n; i++) {
                out[i] = nextFloat();
            }
            for (int i = 0; i + 16 <= n; i += 16) {
                BoxMuller.fill16(out, i, (float) mean, (float) std);
            }
            if (n % 16 != 0) {
                int start = n - 16;
                for (int i = start; i < n; i++) {
                    out[i] = nextFloat();
                }
                BoxMuller.fill16(out, start, (float) mean, (float) std);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) (nextNormal() * std + mean);
            }
        }
    }

    /** One standard normal draw in double precision, as PyTorch's normal_distribution&lt;double&gt;. */
    public synchronized double nextNormal() {
        if (!Double.isNaN(cachedNormal)) {
            double z = cachedNormal;
            cachedNormal = Double.NaN;
            return z;
        }
        double u1 = nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        return r * Math.cos(theta);
    }

    @Override
    public String toString() {
        return "Generator(seed=" + seed + ")";
    }
}
