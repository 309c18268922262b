package dev.steepest.core.kernels;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one pool of worker threads that every parallel kernel shares, and the loop that cuts a
 * kernel's work into slices for it. Started on first use, sized once from the machine:
 * {@code steepest.kernels.threads} threads counting the caller (the system property; by default
 * {@link Runtime#availableProcessors()}), so {@code THREADS - 1} daemon workers. No thread is
 * ever started per call.
 *
 * <pre>
 * forRange(parts, count, grain, body):
 *     slice s of parts covers [cut(s), cut(s + 1)), cuts at multiples of grain
 *     the caller and up to parts − 1 workers take slices from one counter until none is left;
 *     the caller returns when every slice has run
 * </pre>
 *
 * Which thread runs a slice never changes what the slice computes: a kernel that splits its output
 * this way gives the same bits at any thread count. A slice that asks for a parallel loop itself (a
 * convolution's gemm) runs it on its own thread. A busy pool only means the caller runs more slices:
 * no call waits on a slice that no thread has started.
 */
final class Parallel {

    /** How many threads a parallel kernel uses, counting the caller. */
    static final int THREADS = threads(System.getProperty("steepest.kernels.threads"),
            Runtime.getRuntime().availableProcessors());

    /** The fewest multiply-adds worth a slice of their own on another thread (about 10-20 µs of arithmetic). */
    static final long COMPUTE_WORK = 1L << 20;

    /**
     * The fewest floats a memory-bound pass (pooling, a bias gradient, normalisation, elementwise
     * work) should read in a slice of its own: about 20-60 µs of memory traffic.
     */
    static final long MEMORY_WORK = 1L << 16;

    /** The body of a parallel loop: runs the indices {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private Parallel() {
    }

    /** The thread count for the property's value, or {@code cores} when it is not set. */
    static int threads(String property, int cores) {
        if (property == null) {
            return Math.max(1, cores);
        }
        int wanted;
        try {
            wanted = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("steepest.kernels.threads must be a whole number >= 1 (this machine has "
                    + cores + " cores), got '" + property + "'", e);
        }
        if (wanted < 1) {
            throw new IllegalArgumentException("steepest.kernels.threads must be >= 1 (this machine has "
                    + cores + " cores), got " + wanted);
        }
        return wanted;
    }

    /**
     * How many slices a loop of {@code work} units should take: at most {@code threads}, and none
     * smaller than {@code minWork} units (below that the hand-off costs more than the slice saves).
     */
    static int parts(int threads, long work, long minWork) {
        if (threads <= 1 || work / 2 < minWork || INSIDE.get()[0] > 0) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads, work / Math.max(1, minWork)));
    }

    /** Where slice {@code s} of {@code parts} begins: {@code count} cut at multiples of {@code grain}. */
    static int cut(int s, int parts, int count, int grain) {
        int grains = (count + grain - 1) / grain;
        return (int) Math.min(count, (long) grains * s / parts * grain);
    }

    /** Runs {@code body} over {@code [0, count)} in {@code parts} slices cut at multiples of {@code grain}. */
    static void forRange(int parts, int count, int grain, Range body) {
        int grains = (count + grain - 1) / grain;
        parts = Math.min(parts, grains);
        if (parts <= 1) {
            if (count > 0) {
                body.run(0, count);
            }
            return;
        }
        Job job = new Job(parts, count, grain, body);
        int helpers = Math.min(parts - 1, THREADS_STARTED - 1);
        for (int h = 0; h < helpers; h++) {
            Pool.WORKERS.execute(job::work);
        }
        job.work();
        job.await();
    }

    /** Whether this thread is inside a slice (then a nested loop runs on it alone). */
    private static final ThreadLocal<int[]> INSIDE = ThreadLocal.withInitial(() -> new int[1]);

    /** Workers in the pool plus the caller; at least two, so that tests may split at any count. */
    private static final int THREADS_STARTED = Math.max(2, THREADS);

    /** The workers, created on first use: a program that never splits never starts one. */
    private static final class Pool {
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ThreadPoolExecutor WORKERS = new ThreadPoolExecutor(THREADS_STARTED - 1, THREADS_STARTED - 1,
                0, TimeUnit.SECONDS, new SpinningQueue(), runnable -> {
                    Thread thread = new Thread(runnable, "steepest-kernels-" + COUNT.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });

        static {
            WORKERS.prestartAllCoreThreads();     // all at once, here: never one in a call
        }
    }

    /**
     * How long an idle worker keeps looking for the next slice before it sleeps
     * ({@code -Dsteepest.kernels.spinMicros}, default 50): a training step's parallel loops follow
     * each other within tens of microseconds, and waking a sleeping thread takes about as long.
     */
    static final long SPIN_NANOS = 1000L * Long.getLong("steepest.kernels.spinMicros", 50);

    /** The workers' queue: {@link #take} polls for {@link #SPIN_NANOS} before it blocks. */
    private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
        @Override
        public Runnable take() throws InterruptedException {
            long start = System.nanoTime();
            do {
                Runnable next = poll();
                if (next != null) {
                    return next;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - start < SPIN_NANOS);
            return super.take();
        }
    }

    /** One parallel loop: a counter of slices handed out and one of slices finished. */
    private static final class Job {
        private final int parts;
        private final int count;
        private final int grain;
        private final Range body;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int parts, int count, int grain, Range body) {
            this.parts = parts;
            this.count = count;
            this.grain = grain;
            this.body = body;
        }

        /** Takes slices until none is left; wakes the caller after the last one. */
        void work() {
            int[] inside = INSIDE.get();
            inside[0]++;
            try {
                for (int s = next.getAndIncrement(); s < parts; s = next.getAndIncrement()) {
                    try {
                        int from = cut(s, parts, count, grain), to = cut(s + 1, parts, count, grain);
                        if (from < to) {
                            body.run(from, to);
                        }
                    } catch (Throwable t) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                    if (done.incrementAndGet() == parts) {
                        LockSupport.unpark(caller);
                    }
                }
            } finally {
                inside[0]--;
            }
        }

        /** Waits until every slice has run (a short spin first: slices are even, the last ones end together). */
        void await() {
            for (int spin = 0; done.get() < parts && spin < 2000; spin++) {
                Thread.onSpinWait();
            }
            while (done.get() < parts) {
                LockSupport.park(this);
            }
            Throwable t = failure;
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof Error error) {
                throw error;
            }
            if (t != null) {
                throw new IllegalStateException("a kernel slice failed: " + t, t);
            }
        }
    }
}
