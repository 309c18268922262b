package dev.steepest.core.kernels;

/**
 * Per-thread scratch arrays that grow and are then reused, so that no kernel allocates per call
 * (packing panels for the gemm, the column matrix for convolutions). Each user has its own slot,
 * so a convolution's column buffer survives the gemm it feeds. Contents are garbage on return.
 */
final class Scratch {

    static final int PACK_A = 0;
    static final int PACK_B = 1;
    static final int TILE = 2;
    static final int COLUMNS = 3;
    static final int GATHER = 4;
    static final int PADDED = 5;
    static final int WEIGHTS = 6;
    static final int PLANE = 7;
    private static final int SLOTS = 8;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[SLOTS][]);

    private Scratch() {
    }

    /** This thread's array for {@code slot}, at least {@code size} long. */
    static float[] get(int slot, int size) {
        float[][] buffers = BUFFERS.get();
        float[] buffer = buffers[slot];
        if (buffer == null || buffer.length < size) {
            int grown = buffer == null ? size : (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, buffer.length * 3L / 2));
            buffer = new float[grown];
            buffers[slot] = buffer;
        }
        return buffer;
    }
}
