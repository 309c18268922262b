package dev.steepest.core.kernels;


/**
 * The one door to the fast kernels. Tensor ops call only these methods; which implementation runs
 * behind them is chosen here, once, when the class is initialised, and logged in one line:
 *
 * <ul>
 *   <li>{@link VectorGemm}, on the Vector API, when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector};</li>
 *   <li>otherwise {@link JavaGemm}, plain Java that the JIT vectorizes where it can.</li>
 * </ul>
 *
 * The system property {@code steepest.kernels} ({@code auto}, {@code vector} or {@code java}) overrides
 * the choice; asking for {@code vector} without the module is an error, not a silent fallback.
 * Convolutions run as im2col plus the chosen gemm ({@link ConvKernels}), or with the Vector API and
 * stride 1 straight from the padded image ({@link DirectConv}, {@link DirectConvBackward}); 2x2 max pooling of even-sided
 * images also runs on the Vector API ({@link VectorPool}), and so do tanh and sigmoid ({@link VectorMath}); the rest of pooling is plain loops
 * ({@link PoolKernels}). The contracts, including which arguments are overwritten, are those of
 * {@link ReferenceKernels}.
 */
public final class Kernels {

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final Gemm GEMM = chooseGemm(System.getProperty("steepest.kernels", "auto"));
    private static final ConvKernels CONV = new ConvKernels(GEMM);
    /** Whether the Vector API kernels are in use (then also {@link VectorPool} for 2x2 max pooling). */
    private static final boolean VECTOR = GEMM.vectorApi();

    static {
        // DEBUG: a program's own output stays its own; the examples show it with -Dsteepest.log=debug.
        LOG.log(System.Logger.Level.DEBUG, () -> "steepest kernels: gemm and conv use " + GEMM.describe()
                + " on Java " + Runtime.version().feature());
    }

    private Kernels() {
    }

    /** A one-line description of the implementation in use, as logged at start-up. */
    public static String describe() {
        return GEMM.describe();
    }

    /** Whether the Vector API module is in this JVM's boot layer. */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static Gemm chooseGemm(String choice) {
        switch (choice.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto":
                return vectorApiPresent() ? loadVectorGemm() : new JavaGemm();
            case "vector":
                if (!vectorApiPresent()) {
                    throw new IllegalStateException("steepest.kernels=vector, but the module " + VECTOR_MODULE
                            + " is not in this JVM; run java with --add-modules " + VECTOR_MODULE
                            + ", or use -Dsteepest.kernels=java");
                }
                return loadVectorGemm();
            case "java":
                return new JavaGemm();
            default:
                throw new IllegalArgumentException("steepest.kernels must be one of auto, vector, java; got '"
                        + choice + "'");
        }
    }

    /** By name, so that this class never links against the Vector API when the module is absent. */
    private static Gemm loadVectorGemm() {
        try {
            return (Gemm) Class.forName(Kernels.class.getPackageName() + ".VectorGemm")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the module " + VECTOR_MODULE + " is present but VectorGemm could not be"
                    + " loaded: " + e + "; use -Dsteepest.kernels=java to run without it", e);
        }
    }

    /** See {@link ReferenceKernels#gemm}; {@code c} is overwritten, or added to when {@code accumulate}. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        GEMM.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** See {@link ReferenceKernels#tanh}; {@code out} is overwritten (it may be {@code x}). */
    public static void tanh(float[] x, float[] out, int n) {
        if (VECTOR) {
            VectorMath.tanh(x, out, n);
        } else {
            ReferenceKernels.tanh(x, out, n);
        }
    }

    /** See {@link ReferenceKernels#sigmoid}; {@code out} is overwritten (it may be {@code x}). */
    public static void sigmoid(float[] x, float[] out, int n) {
        if (VECTOR) {
            VectorMath.sigmoid(x, out, n);
        } else {
            ReferenceKernels.sigmoid(x, out, n);
        }
    }

    /**
     * GELU's exact form ({@link ReferenceKernels#gelu}): {@code out} and {@code cdf} (Φ(x), for the
     * backward) are overwritten; on the Vector API as PyTorch's vectorised kernel computes it
     * (erf within 1.5e-7), split over the threads in slices.
     */
    public static void gelu(float[] x, float[] out, float[] cdf) {
        elementwise(x.length, (from, to) -> {
            if (VECTOR) {
                VectorMath.gelu(x, out, cdf, from, to);
            } else {
                ReferenceKernels.gelu(x, out, cdf, from, to);
            }
        });
    }

    /** GELU's gradient ({@link ReferenceKernels#geluBackward}) from the forward's {@code cdf}; {@code gx} is overwritten. */
    public static void geluBackward(float[] x, float[] cdf, float[] g, float[] gx) {
        elementwise(x.length, (from, to) -> {
            if (VECTOR) {
                VectorMath.geluBackward(x, cdf, g, gx, from, to);
            } else {
                ReferenceKernels.geluBackward(x, cdf, g, gx, from, to);
            }
        });
    }

    /** See {@link ReferenceKernels#sumRows} (a bias gradient, summed in row order); {@code out} is overwritten. */
    public static void sumRows(float[] x, int rows, int cols, float[] out) {
        if (VECTOR) {
            VectorSimpleGemm.sumRows(x, rows, cols, out);
        } else {
            ReferenceKernels.sumRows(x, rows, cols, out);
        }
    }

    /** An elementwise pass over [0, n) in slices of whole 64-float blocks, over the threads when it pays. */
    private static void elementwise(int n, Parallel.Range body) {
        Parallel.forRange(Parallel.parts(Parallel.THREADS, n, Parallel.MEMORY_WORK), n, 64, body);
    }

    /** See {@link ReferenceKernels#conv2dForward}; {@code out} is overwritten. */
    public static void conv2dForward(ConvGeometry g, float[] input, float[] weight, float[] bias, float[] out) {
        CONV.forward(g, input, weight, bias, out);
    }

    /** See {@link ReferenceKernels#conv2dBackwardInput}; {@code gradInput} is overwritten. */
    public static void conv2dBackwardInput(ConvGeometry g, float[] gradOut, float[] weight, float[] gradInput) {
        CONV.backwardInput(g, gradOut, weight, gradInput);
    }

    /** See {@link ReferenceKernels#conv2dBackwardWeight}; {@code gradWeight} is overwritten. */
    public static void conv2dBackwardWeight(ConvGeometry g, float[] input, float[] gradOut, float[] gradWeight) {
        CONV.backwardWeight(g, input, gradOut, gradWeight);
    }

    /**
     * {@link #conv2dForward} without bias and {@link #conv2dBackwardWeight} of two convolutions that
     * share their input {@code images} (a transposed convolution's input and weight gradients), with
     * one column matrix for both; {@code out} and {@code gradWeight} are overwritten.
     */
    public static void conv2dForwardAndBackwardWeight(ConvGeometry g, float[] images, float[] weight, float[] out,
                                                      float[] gradOut, float[] gradWeight) {
        CONV.forwardAndBackwardWeight(g, images, weight, out, gradOut, gradWeight);
    }

    /** See {@link ReferenceKernels#conv2dBackwardBias}; {@code gradBias} is overwritten. */
    public static void conv2dBackwardBias(ConvGeometry g, float[] gradOut, float[] gradBias) {
        CONV.backwardBias(g, gradOut, gradBias);
    }

    /** See {@link ReferenceKernels#maxPool2dForward}; {@code out} and {@code argmax} are overwritten. */
    public static void maxPool2dForward(PoolGeometry g, float[] input, float[] out, int[] argmax) {
        int parts = poolParts(g);
        if (VECTOR && VectorPool.applies(g)) {
            VectorPool.maxPool2x2(g, input, out, argmax, parts);
            return;
        }
        Parallel.forRange(parts, planes(g), 1, (from, to) -> PoolKernels.maxPool2dForward(g, input, out, argmax, from, to));
    }

    /**
     * See {@link ReferenceKernels#maxPool2dBackward}; {@code gradInput} is overwritten. {@code argmax}
     * must come from {@link #maxPool2dForward} (each index inside its own plane).
     */
    public static void maxPool2dBackward(PoolGeometry g, float[] gradOut, int[] argmax, float[] gradInput) {
        Parallel.forRange(poolParts(g), planes(g), 1,
                (from, to) -> PoolKernels.maxPool2dBackward(g, gradOut, argmax, gradInput, from, to));
    }

    /** See {@link ReferenceKernels#avgPool2dForward}; {@code out} is overwritten. */
    public static void avgPool2dForward(PoolGeometry g, float[] input, float[] out) {
        Parallel.forRange(poolParts(g), planes(g), 1, (from, to) -> PoolKernels.avgPool2dForward(g, input, out, from, to));
    }

    /** See {@link ReferenceKernels#avgPool2dBackward}; {@code gradInput} is overwritten. */
    public static void avgPool2dBackward(PoolGeometry g, float[] gradOut, float[] gradInput) {
        Parallel.forRange(poolParts(g), planes(g), 1, (from, to) -> PoolKernels.avgPool2dBackward(g, gradOut, gradInput, from, to));
    }

    private static int planes(PoolGeometry g) {
        return g.batch() * g.channels();
    }

    /** Pooling reads each input float about once: a memory-bound pass. */
    private static int poolParts(PoolGeometry g) {
        return Parallel.parts(Parallel.THREADS, g.inputSize(), Parallel.MEMORY_WORK);
    }

    /**
     * {@code batches} products {@code c_i = op(a_i) · op(b_i)}, {@code a_i} at {@code a[i·aStride…]}
     * and likewise for b and c (see {@link #gemm}); a stride of 0 uses the same matrix in every
     * product. With {@code cStride} 0 the products are summed into one {@code c} (overwritten by the
     * first unless {@code accumulate}), in batch order; otherwise each {@code c_i} is overwritten, or
     * added to when {@code accumulate}, and the batches are shared out over the {@link #threads()}
     * (torch.bmm's split). Every product is computed as a single {@link #gemm} would compute it.
     */
    public static void batchedGemm(boolean transA, boolean transB, int batches, int m, int n, int k,
                                   float[] a, int aStride, float[] b, int bStride, float[] c, int cStride,
                                   boolean accumulate) {
        int parts = cStride == 0 || batches < Parallel.THREADS ? 1
                : Parallel.parts(Parallel.THREADS, (long) batches * m * n * k, Parallel.COMPUTE_WORK);
        batched(GEMM, parts, transA, transB, batches, m, n, k, a, aStride, b, bStride, c, cStride, accumulate);
    }

    /** {@link #batchedGemm} on {@code gemm}, the batches cut into {@code parts} slices (1 when {@code cStride} is 0). */
    static void batched(Gemm gemm, int parts, boolean transA, boolean transB, int batches, int m, int n, int k,
                        float[] a, int aStride, float[] b, int bStride, float[] c, int cStride, boolean accumulate) {
        Parallel.forRange(cStride == 0 ? 1 : parts, batches, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                gemm.gemm(transA, transB, m, n, k, a, i * aStride, b, i * bStride, c, i * cStride,
                        accumulate || cStride == 0 && i > 0);
            }
        });
    }

    /** How many threads the parallel kernels use, counting the caller: {@code -Dsteepest.kernels.threads=N}, by default the cores. */
    public static int threads() {
        return Parallel.THREADS;
    }

    /**
     * Runs {@code body} for every index in {@code [0, count)}, the indices cut into contiguous slices
     * over the kernels' thread pool when {@code count · workPerIndex} floats of work pay for it; every
     * index runs exactly once, on some thread. For loops whose iterations write apart (a
     * normalisation's channels or rows): then the result is the same at any thread count.
     */
    public static void parallelFor(int count, long workPerIndex, java.util.function.IntConsumer body) {
        int parts = Parallel.parts(Parallel.THREADS, count * Math.max(1, workPerIndex), Parallel.MEMORY_WORK);
        Parallel.forRange(parts, count, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        });
    }
}
