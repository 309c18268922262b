package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two threads drawing from the default generator at once (issue 25: Index 624 now and then): each
 * call draws its block under the generator's lock, so together the threads get exactly the numbers
 * one thread would have drawn, in some order, and never an exception.
 */
class GeneratorThreadsTest {

    private static final int CALLS = 400, BLOCK = 1000;

    /** Every thread's values, joined and sorted. */
    private static float[] drawInThreads(int threads) throws Exception {
        Generator.manualSeed(25);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] done = new Future<?>[threads];
            float[][] out = new float[threads][CALLS * BLOCK];
            for (int t = 0; t < threads; t++) {
                float[] mine = out[t];
                done[t] = pool.submit(() -> {
                    for (int c = 0; c < CALLS; c++) {
                        float[] block = Tensor.randn(BLOCK).toArray();
                        System.arraycopy(block, 0, mine, c * BLOCK, BLOCK);
                    }
                });
            }
            for (Future<?> f : done) f.get();   // rethrows what a thread threw
            float[] all = new float[0];
            for (float[] o : out) {
                int at = all.length;
                all = Arrays.copyOf(all, at + o.length);
                System.arraycopy(o, 0, all, at, o.length);
            }
            Arrays.sort(all);
            return all;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoThreadsDrawingFromTheDefaultGeneratorShareOneSequenceWithoutBreakingIt() throws Exception {
        // each randn block's values depend only on its own run of draws, so any interleaving of whole
        // blocks gives the values one thread drawing 2 x 400 blocks gives, in another order
        Generator.manualSeed(25);
        float[] sequential = new float[2 * CALLS * BLOCK];
        for (int c = 0; c < 2 * CALLS; c++) {
            float[] block = Tensor.randn(BLOCK).toArray();
            System.arraycopy(block, 0, sequential, c * BLOCK, BLOCK);
        }
        Arrays.sort(sequential);
        for (int round = 0; round < 5; round++) {
            float[] together = drawInThreads(2);
            assertArrayEquals(sequential, together, "round " + round + ": the two threads' values");
        }
    }
}
