package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2x2 max pooling with stride 2 on the Vector API, for images of even width and height, with
 * exactly the values and argmax indices of {@link ReferenceKernels#maxPool2dForward}. The
 * reference visits a window's four values in order and lets a larger value or a NaN take over;
 * deciding each pair of neighbours first and then the pair above against the pair below by the same
 * rule gives the same answer (the last NaN if there is one, else the first maximum). Three passes,
 * none with a branch on the data:
 *
 * <pre>
 * pairs:   winner[i] = input[i] or input[i + 1], right[i] = 1 if the right one won, for every i
 *          (only even i are used: vector lanes stay where the input's pairs start, no shuffles);
 * columns: best[i] = winner[i] of the row above or of the row below (i in an even row, even column),
 *          below[i] = 1 if the row below won;
 * output:  the winning input index, i + width·below[i] + right[…], and its value, read back from
 *          the input so that the sign of a zero is the reference's too.
 * </pre>
 */
final class VectorPool {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorPool() {
    }

    /** Whether {@link #maxPool2x2} applies: window 2, stride 2, no padding, even sides. */
    static boolean applies(PoolGeometry g) {
        return g.isSquare(2, 2, 0) && g.width() % 2 == 0 && g.height() % 2 == 0
                && g.batch() * g.channels() > 0;
    }

    /** How many floats of input one round of the three passes covers, so that its flags stay in cache. */
    private static final int BLOCK = 1 << 10;

    /**
     * See {@link ReferenceKernels#maxPool2dForward}; out and argmax overwritten. The blocks of rows are
     * cut into {@code parts} slices on the {@link Parallel} pool.
     */
    static void maxPool2x2(PoolGeometry g, float[] input, float[] out, int[] argmax, int parts) {
        int rowPairsPerBlock = Math.max(1, BLOCK / (2 * g.width())), rowPairs = g.inputSize() / (2 * g.width());
        int blocks = (rowPairs + rowPairsPerBlock - 1) / rowPairsPerBlock;
        Parallel.forRange(parts, blocks, 1, (from, to) -> maxPool2x2(g, input, out, argmax, from, to));
    }

    /** {@link #maxPool2x2} for the blocks of rows {@code [from, to)}. */
    private static void maxPool2x2(PoolGeometry g, float[] input, float[] out, int[] argmax, int from, int to) {
        int width = g.width(), rowPair = 2 * width, size = g.inputSize();
        int rowPairsPerBlock = Math.max(1, BLOCK / rowPair), rowPairs = size / rowPair;
        float[] winner = Scratch.get(Scratch.GATHER, rowPairsPerBlock * rowPair + LANES);
        float[] right = Scratch.get(Scratch.PADDED, rowPairsPerBlock * rowPair + LANES);
        float[] below = Scratch.get(Scratch.COLUMNS, rowPairsPerBlock * rowPair + LANES);
        for (int r0 = from * rowPairsPerBlock; r0 < Math.min(rowPairs, to * rowPairsPerBlock); r0 += rowPairsPerBlock) {
            int start = r0 * rowPair, length = Math.min(rowPairsPerBlock, rowPairs - r0) * rowPair;
            pairs(input, start, length, size, winner, right);
            columns(winner, length, width, below);
            int ow = g.outWidth();
            for (int top = 0, k = r0 * ow; top < length; top += rowPair) {
                for (int x = 0; x < ow; x++, k++) {
                    // arithmetic on the 0/1 flags picks the index
                    int index = top + 2 * x;
                    index += width * (int) below[index];
                    index += (int) right[index];
                    out[k] = input[start + index];
                    argmax[k] = start + index;
                }
            }
        }
    }

    /** winner[i] and right[i] for the pair input[start + i], input[start + i + 1], at every even i < length. */
    private static void pairs(float[] input, int start, int length, int size, float[] winner, float[] right) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f), zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = Math.min(length, size - start - LANES); i < end; i += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, input, start + i);
            FloatVector b = FloatVector.fromArray(SPECIES, input, start + i + 1);
            VectorMask<Float> takeB = b.compare(VectorOperators.GT, a).or(b.compare(VectorOperators.NE, b));
            a.blend(b, takeB).intoArray(winner, i);
            zero.blend(one, takeB).intoArray(right, i);
        }
        for (; i < length; i += 2) {
            float a = input[start + i], b = input[start + i + 1];
            boolean takeB = b > a | b != b;
            winner[i] = takeB ? b : a;
            right[i] = takeB ? 1f : 0f;
        }
    }

    /**
     * below[i] = 1 where the pair in the row below beats the pair at i; one pair of rows at a time.
     * A row's last vector ends at the row's end and overlaps the one before; a row shorter than a
     * vector is one vector whose extra lanes compare the rows that follow, which the next pair of
     * rows then overwrites (the buffers have a vector of slack).
     */
    private static void columns(float[] winner, int length, int width, float[] below) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f), zero = FloatVector.zero(SPECIES);
        for (int top = 0; top < length; top += 2 * width) {
            for (int x = 0; ; x += LANES) {
                int at = top + Math.max(0, Math.min(x, width - LANES));
                FloatVector a = FloatVector.fromArray(SPECIES, winner, at);
                FloatVector b = FloatVector.fromArray(SPECIES, winner, at + width);
                VectorMask<Float> takeB = b.compare(VectorOperators.GT, a).or(b.compare(VectorOperators.NE, b));
                zero.blend(one, takeB).intoArray(below, at);
                if (x + LANES >= width) {
                    break;
                }
            }
        }
    }
}
