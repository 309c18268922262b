package dev.steepest.core;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Large float arrays that the graph has finished with, kept by exact length for the next op that
 * needs an array of that length, as PyTorch's caching allocator keeps freed blocks. A training
 * step makes the same arrays every time (PointNet's: 4-16 MB per activation and gradient); taking
 * them from here instead of {@code new float[n]} spares the collector an allocation of that size
 * each time, which with a small heap is what started its collections (every such array is a G1
 * "humongous" object, allocated outside the young generation).
 *
 * <p>Only arrays that nothing can read any more come here:
 * <ul>
 * <li>a gradient the engine handed to a built-in rule that keeps none ({@link Node#keepsNoGradient}),
 *     when it was fresh (made by a built-in rule or an engine sum, held by that node alone) and none
 *     of the rule's results shares it ({@link Engine});
 * <li>the storage of a tensor declared {@linkplain Tensor#graphOnly graph-only} (nn's Sequential
 *     does so for what passes between nn's own layers), once every node that saved it has been
 *     released by a backward without retainGraph or createGraph ({@link Node#release}).
 * </ul>
 * An op's result that anyone may hold, a leaf's grad, a gradient a user's rule was given or that
 * Autograd.grad returns, never come here.
 *
 * <p>Arrays shorter than {@link #MIN_LENGTH} are not kept (a young-generation allocation costs next
 * to nothing). The kept ones take at most half the heap; past that the lengths used longest ago go
 * first. Each is held through a {@link SoftReference}, so the collector may take them back before
 * it runs out of memory. An array taken from here holds old values: the taker overwrites all of it.
 */
final class RecycledArrays {

    /** 128 Ki floats, 512 KB: half of G1's smallest region, from which on an array is humongous. */
    static final int MIN_LENGTH = 1 << 17;
    private static final long CAPACITY_FLOATS = Runtime.getRuntime().maxMemory() / 2 / Float.BYTES;

    /** By length, the length used last at the end. */
    private static final LinkedHashMap<Integer, ArrayDeque<SoftReference<float[]>>> FREE = new LinkedHashMap<>(16, 0.75f, true);
    private static long keptFloats;

    private RecycledArrays() {
    }

    /** An array of exactly {@code length} floats whose old values the caller overwrites: a kept one, else a new one. */
    static float[] take(int length) {
        float[] kept = kept(length);
        return kept != null ? kept : new float[length];
    }

    /** {@link #take}, all zeros. */
    static float[] takeZeroed(int length) {
        float[] kept = kept(length);
        if (kept == null) return new float[length];
        Arrays.fill(kept, 0f);
        return kept;
    }

    private static float[] kept(int length) {
        if (length < MIN_LENGTH) return null;
        synchronized (FREE) {
            ArrayDeque<SoftReference<float[]>> kept = FREE.get(length);
            while (kept != null && !kept.isEmpty()) {
                float[] array = kept.pop().get();
                keptFloats -= length;
                if (array != null) return array;
            }
        }
        return null;
    }

    /** Keeps {@code array} for a later {@link #take}; the caller guarantees that nothing reads or writes it any more. */
    static void giveBack(float[] array) {
        int length = array.length;
        if (length < MIN_LENGTH || length > CAPACITY_FLOATS) return;
        synchronized (FREE) {
            // past the capacity, the lengths used longest ago go first (an evaluation's batch size, say)
            Iterator<Map.Entry<Integer, ArrayDeque<SoftReference<float[]>>>> eldest = FREE.entrySet().iterator();
            while (keptFloats + length > CAPACITY_FLOATS && eldest.hasNext()) {
                Map.Entry<Integer, ArrayDeque<SoftReference<float[]>>> e = eldest.next();
                if (e.getKey() == length) continue;
                keptFloats -= (long) e.getKey() * e.getValue().size();
                eldest.remove();
            }
            if (keptFloats + length > CAPACITY_FLOATS) return;
            FREE.computeIfAbsent(length, n -> new ArrayDeque<>()).push(new SoftReference<>(array));
            keptFloats += length;
        }
    }

    /** How many floats are kept now (for tests). */
    static long keptFloats() {
        synchronized (FREE) {
            return keptFloats;
        }
    }
}
