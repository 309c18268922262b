package dev.steepest.core.kernels;

import static dev.steepest.core.kernels.KernelAssertions.abs;
import static dev.steepest.core.kernels.KernelAssertions.assertClose;
import static dev.steepest.core.kernels.KernelAssertions.assertSame;
import static dev.steepest.core.kernels.KernelAssertions.filled;
import static dev.steepest.core.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * The shared thread pool ({@link Parallel}) and every kernel that splits its work over it, at 1, 2
 * and 3 slices: odd splits, fewer rows, samples or planes than slices, and empty batches. Each slice
 * computes its own outputs in the order one thread would, so every parallel kernel must give the
 * same bits at 2 and 3 slices as at one (and match {@link ReferenceKernels} to float rounding, or
 * bit for bit where the fast kernel does on one thread). The one sum whose order a split would
 * change, a convolution's weight gradient over the batch, is not split by sample but by weight.
 */
class ParallelKernelsTest {

    private static final int[] SLICES = {1, 2, 3};

    @Test
    void aLoopRunsEveryIndexOnceInSlicesCutAtTheGrain() {
        for (int count : new int[] {0, 1, 2, 5, 7, 64, 101}) {
            for (int parts = 1; parts <= 4; parts++) {
                for (int grain : new int[] {1, 4}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(count);
                    List<int[]> slices = java.util.Collections.synchronizedList(new ArrayList<>());
                    Parallel.forRange(parts, count, grain, (from, to) -> {
                        slices.add(new int[] {from, to});
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    String what = count + " indices in " + parts + " slices of grain " + grain;
                    for (int i = 0; i < count; i++) {
                        assertEquals(1, hits.get(i), what + ": index " + i);
                    }
                    assertTrue(slices.size() <= Math.min(parts, (count + grain - 1) / grain), what + ": " + slices.size() + " slices");
                    for (int[] slice : slices) {
                        assertTrue(slice[0] < slice[1] && slice[0] % grain == 0, what + ": slice " + slice[0] + ".." + slice[1]);
                    }
                }
            }
        }
    }

    @Test
    void aFailingSliceFailsTheCallAfterEverySliceHasRun() {
        AtomicIntegerArray ran = new AtomicIntegerArray(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(3, 3, 1, (from, to) -> {
            ran.incrementAndGet(from);
            if (from == 1) {
                throw new IllegalStateException("slice 1 failed");
            }
        }));
        assertEquals("slice 1 failed", e.getMessage());
        assertEquals("[1, 1, 1]", ran.toString());
    }

    @Test
    void aLoopInsideASliceRunsOnItsOwnThread() {
        int[] nested = new int[4];
        Parallel.forRange(2, 2, 1, (from, to) -> nested[from] = Parallel.parts(8, Long.MAX_VALUE, 1));
        assertArrayEquals(new int[] {1, 1, 0, 0}, nested);
        assertEquals(3, Parallel.parts(3, 1000, 10), "outside a slice a loop may split");
        assertEquals(1, Parallel.parts(3, 19, 10), "less than two slices' work stays on one thread");
    }

    @Test
    void theThreadCountComesFromThePropertyOrTheCores() {
        assertEquals(2, Parallel.threads(null, 2));
        assertEquals(3, Parallel.threads(" 3 ", 2));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Parallel.threads("0", 2));
        assertEquals("steepest.kernels.threads must be >= 1 (this machine has 2 cores), got 0", zero.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> Parallel.threads("two", 2));
        assertEquals("steepest.kernels.threads must be a whole number >= 1 (this machine has 2 cores), got 'two'", word.getMessage());
        assertEquals(Parallel.THREADS, Kernels.threads());
    }

    /**
     * Two slices that wait for each other can only finish on two threads at once; a hundred such
     * calls must all run their second slice on the same pooled worker, and no new thread may appear.
     */
    @Test
    void everyCallUsesThePooledWorkersAndStartsNoThread() throws InterruptedException {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        for (int call = 0; call < 100; call++) {
            CountDownLatch both = new CountDownLatch(2);
            Parallel.forRange(2, 2, 1, (from, to) -> {
                if (Thread.currentThread().getName().startsWith("steepest-kernels-")) {
                    workers.add(Thread.currentThread());
                }
                both.countDown();
                try {
                    assertTrue(both.await(60, TimeUnit.SECONDS), "the second slice never ran beside the first");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertTrue(workers.size() >= 1, "a pooled worker ran the second slices");
        Set<Thread> before = kernelThreads();
        assertTrue(before.size() <= Math.max(1, Kernels.threads() - 1), "at most one worker per thread but the caller: " + before);
        float[] a = random(new Random(1), 256 * 256), c = new float[256 * 256];
        Gemm gemm = new VectorGemm(VectorGemm.SMALL_WORK, 0, 2);
        for (int call = 0; call < 50; call++) {
            gemm.gemm(false, false, 256, 256, 256, a, 0, a, 0, c, 0, false);
            Kernels.parallelFor(1000, 1000, i -> { });
        }
        assertEquals(before, kernelThreads(), "the pool's threads before and after 100 parallel calls");
        assertTrue(before.containsAll(workers), "the worker is one of the pool's threads");
    }

    private static Set<Thread> kernelThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("steepest-kernels-")) {
                threads.add(thread);
            }
        }
        return threads;
    }

    /** Shapes {m, n, k} for every path of the gemm: simple (few rows), wide (shallow), blocked; rows below the slice count. */
    private static final int[][] GEMM_SHAPES = {
            {0, 40, 8}, {1, 40, 20}, {2, 33, 17}, {3, 5, 70}, {7, 64, 30}, {9, 3, 40}, {37, 96, 24}, {40, 70, 64},
            {67, 129, 65}, {130, 35, 130}, {5, 300, 200}, {2, 2, 2},
    };

    @Test
    void gemmGivesTheSameBitsAtOneTwoAndThreeSlices() {
        Random random = new Random(17);
        for (int[] shape : GEMM_SHAPES) {
            int m = shape[0], n = shape[1], k = shape[2];
            for (int t = 0; t < 4; t++) {
                boolean transA = t >= 2, transB = (t & 1) == 1, accumulate = random.nextBoolean();
                float[] a = random(random, m * k), b = random(random, k * n), c0 = random(random, m * n);
                float[] expected = c0.clone(), magnitude = abs(c0);
                ReferenceKernels.gemm(transA, transB, m, n, k, a, 0, b, 0, expected, 0, accumulate);
                ReferenceKernels.gemm(transA, transB, m, n, k, abs(a), 0, abs(b), 0, magnitude, 0, accumulate);
                for (boolean vector : new boolean[] {true, false}) {
                    float[] one = null;
                    for (int slices : SLICES) {
                        Gemm gemm = vector ? new VectorGemm(VectorGemm.SMALL_WORK, 0, slices) : new JavaGemm(JavaGemm.SMALL_WORK, 0, slices);
                        float[] c = c0.clone();
                        gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, accumulate);
                        String what = gemm + " " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB;
                        assertClose(expected, c, magnitude, k, what);
                        if (one == null) {
                            one = c;
                        } else {
                            assertSame(one, c, 0, c.length, what + " against one slice");
                        }
                    }
                }
            }
        }
    }

    @Test
    void batchedGemmSplitsTheBatchesAndSumsAnUnbatchedGradientInOrder() {
        Random random = new Random(23);
        int m = 9, n = 40, k = 33;
        for (int batches : new int[] {0, 1, 2, 5}) {
            for (boolean summed : new boolean[] {false, true}) {
                float[] a = random(random, batches * m * k), b = random(random, k * n);
                int cStride = summed ? 0 : m * n;
                float[] expected = new float[Math.max(1, summed ? m * n : batches * m * n)];
                for (int i = 0; i < batches; i++) {
                    ReferenceKernels.gemm(false, false, m, n, k, a, i * m * k, b, 0, expected, i * cStride, summed && i > 0);
                }
                float[] one = null;
                for (int slices : SLICES) {
                    float[] c = filled(expected.length, batches == 0 ? 0f : Float.NaN);
                    Kernels.batched(new VectorGemm(VectorGemm.SMALL_WORK, 0, slices), slices, false, false, batches, m, n, k,
                            a, m * k, b, 0, c, cStride, false);
                    String what = batches + " batches" + (summed ? " summed" : "") + ", " + slices + " slices";
                    float[] magnitude = filled(c.length, batches * k);
                    assertClose(expected, c, magnitude, batches * k, what);
                    if (one == null) {
                        one = c;
                    } else {
                        assertSame(one, c, 0, c.length, what + " against one slice");
                    }
                }
            }
        }
    }

    /** The convolutions' geometries, and batches of 0, 1 and 2 samples (fewer than three slices). */
    private static List<ConvGeometry> convGeometries() {
        List<ConvGeometry> all = new ArrayList<>(ConvKernelsTest.geometries());
        all.add(new ConvGeometry(1, 6, 14, 14, 16, 5, 5, 1, 0));
        all.add(new ConvGeometry(2, 32, 8, 8, 64, 4, 4, 2, 1));   // the transposed convolution's middle layer, stride 2
        all.add(new ConvGeometry(5, 1, 8, 8, 32, 3, 3, 1, 1));    // its last layer, seen from the output
        all.add(new ConvGeometry(3, 3, 1, 70, 5, 1, 1, 1, 0));    // conv1d k=1
        all.add(new ConvGeometry(0, 3, 9, 9, 4, 3, 3, 1, 1));
        all.add(new ConvGeometry(0, 3, 9, 9, 4, 3, 3, 2, 0));
        return all;
    }

    @Test
    void convolutionsGiveTheSameBitsAtOneTwoAndThreeSlices() {
        Random random = new Random(29);
        for (ConvGeometry g : convGeometries()) {
            int outSize = g.outHeight() <= 0 || g.outWidth() <= 0 ? 0 : g.outputSize();
            float[] input = random(random, g.inputSize()), weight = random(random, g.weightSize());
            float[] bias = random(random, g.outChannels()), gradOut = random(random, outSize);
            float[] expectedOut = new float[outSize], expectedIn = new float[g.inputSize()];
            float[] expectedW = new float[g.weightSize()], expectedB = new float[g.outChannels()];
            ReferenceKernels.conv2dForward(g, input, weight, bias, expectedOut);
            ReferenceKernels.conv2dBackwardInput(g, gradOut, weight, expectedIn);
            ReferenceKernels.conv2dBackwardWeight(g, input, gradOut, expectedW);
            ReferenceKernels.conv2dBackwardBias(g, gradOut, expectedB);
            float[] magOut = new float[outSize], magIn = new float[g.inputSize()], magW = new float[g.weightSize()];
            float[] magB = new float[g.outChannels()];
            ReferenceKernels.conv2dForward(g, abs(input), abs(weight), abs(bias), magOut);
            ReferenceKernels.conv2dBackwardInput(g, abs(gradOut), abs(weight), magIn);
            ReferenceKernels.conv2dBackwardWeight(g, abs(input), abs(gradOut), magW);
            ReferenceKernels.conv2dBackwardBias(g, abs(gradOut), magB);
            int taps = g.inChannels() * g.kernelHeight() * g.kernelWidth();
            int perWeight = outSize / Math.max(1, g.outChannels());
            for (int variant = 0; variant < 4; variant++) {
                boolean direct = variant < 2;
                int budget = variant % 2 == 0 ? ConvKernels.COLUMN_BUDGET : 1;
                float[][] one = null;
                for (int slices : SLICES) {
                    ConvKernels conv = new ConvKernels(new VectorGemm(VectorGemm.SMALL_WORK, 0, slices), budget, direct, slices, 0);
                    float[] out = filled(outSize, Float.NaN), in = filled(g.inputSize(), Float.NaN);
                    float[] w = filled(g.weightSize(), Float.NaN), b = filled(g.outChannels(), Float.NaN);
                    conv.forward(g, input, weight, bias, out);
                    conv.backwardInput(g, gradOut, weight, in);
                    conv.backwardWeight(g, input, gradOut, w);
                    conv.backwardBias(g, gradOut, b);
                    String what = conv + " " + g;
                    assertClose(expectedOut, out, magOut, taps + 1, what + " forward");
                    assertClose(expectedIn, in, magIn, g.outChannels() * g.kernelHeight() * g.kernelWidth(), what + " backwardInput");
                    assertClose(expectedW, w, magW, perWeight, what + " backwardWeight");
                    assertClose(expectedB, b, magB, perWeight, what + " backwardBias");
                    float[][] all = {out, in, w, b};
                    if (one == null) {
                        one = all;
                    } else {
                        String[] names = {"forward", "backwardInput", "backwardWeight", "backwardBias"};
                        for (int i = 0; i < all.length; i++) {
                            assertSame(one[i], all[i], 0, all[i].length, what + " " + names[i] + " against one slice");
                        }
                    }
                }
            }
        }
    }

    /** Pooling is exact: every slice count must give the reference's values, argmax and gradients bit for bit. */
    @Test
    void poolingGivesTheReferenceBitsAtOneTwoAndThreeSlices() {
        Random random = new Random(31);
        List<PoolGeometry> all = new ArrayList<>(PoolKernelsTest.geometries());
        all.add(new PoolGeometry(0, 3, 8, 8, 2, 2, 0));
        all.add(new PoolGeometry(1, 2, 8, 8, 2, 2, 0));
        all.add(new PoolGeometry(3, 5, 24, 24, 2, 2, 0));
        for (PoolGeometry g : all) {
            float[] input = random(random, g.inputSize());
            int outSize = g.outHeight() <= 0 || g.outWidth() <= 0 ? 0 : g.outputSize();
            float[] gradOut = random(random, outSize);
            float[] expected = new float[outSize], expectedGrad = new float[g.inputSize()];
            int[] expectedArgmax = new int[outSize];
            ReferenceKernels.maxPool2dForward(g, input, expected, expectedArgmax);
            ReferenceKernels.maxPool2dBackward(g, gradOut, expectedArgmax, expectedGrad);
            float[] expectedAvg = new float[outSize], expectedAvgGrad = new float[g.inputSize()];
            PoolKernels.avgPool2dForward(g, input, expectedAvg);
            PoolKernels.avgPool2dBackward(g, gradOut, expectedAvgGrad);
            int planes = g.batch() * g.channels();
            for (int slices : SLICES) {
                String what = g + " at " + slices + " slices";
                float[] out = filled(outSize, Float.NaN), grad = filled(g.inputSize(), Float.NaN);
                int[] argmax = new int[outSize];
                Parallel.forRange(slices, planes, 1, (from, to) -> PoolKernels.maxPool2dForward(g, input, out, argmax, from, to));
                Parallel.forRange(slices, planes, 1, (from, to) -> PoolKernels.maxPool2dBackward(g, gradOut, argmax, grad, from, to));
                assertSame(expected, out, 0, outSize, what + " max forward");
                assertArrayEquals(expectedArgmax, argmax, what + " argmax");
                assertSame(expectedGrad, grad, 0, grad.length, what + " max backward");
                if (VectorPool.applies(g)) {
                    float[] vectorOut = filled(outSize, Float.NaN);
                    int[] vectorArgmax = new int[outSize];
                    VectorPool.maxPool2x2(g, input, vectorOut, vectorArgmax, slices);
                    assertSame(expected, vectorOut, 0, outSize, what + " VectorPool forward");
                    assertArrayEquals(expectedArgmax, vectorArgmax, what + " VectorPool argmax");
                }
                float[] avg = filled(outSize, Float.NaN), avgGrad = filled(g.inputSize(), Float.NaN);
                Parallel.forRange(slices, planes, 1, (from, to) -> PoolKernels.avgPool2dForward(g, input, avg, from, to));
                Parallel.forRange(slices, planes, 1, (from, to) -> PoolKernels.avgPool2dBackward(g, gradOut, avgGrad, from, to));
                assertSame(expectedAvg, avg, 0, outSize, what + " avg forward");
                assertSame(expectedAvgGrad, avgGrad, 0, avgGrad.length, what + " avg backward");
            }
        }
    }
}
