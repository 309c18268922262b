package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm's backward writes the input's gradient into the incoming one when nothing else holds it
 * (a relu's, as in PointNet's Conv1d + BatchNorm1d + ReLU), with the same numbers as into a new
 * array. Measured with the thread's count of allocated bytes, never with time.
 */
class BatchNormMemoryTest {

    private static final int[] SHAPE = {4, 8, 32768};   // 1 Mi floats, 4 MB

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void backwardWritesIntoTheIncomingGradientWhenNothingElseHoldsIt() {
        Tensor x = Tensor.rand(new Generator(1), SHAPE).requiresGrad(true);
        Tensor g = Tensor.rand(new Generator(2), SHAPE);
        new BatchNorm1d(8).forward(x).relu().backward(g);   // warm up
        x.setGrad(null);
        Tensor y = new BatchNorm1d(8).forward(x).relu();
        long before = allocatedByThisThread();
        y.backward(g);
        long allocated = allocatedByThisThread() - before;
        assertTrue(allocated < 6L << 20, "backward through relu and batch norm allocated " + (allocated >> 10) + " KB; "
                + "relu's gradient is 4 MB (g is the caller's), batch norm's into a new array would add 4 MB");

        // the same rule given a gradient that the caller holds (so it writes into a new array): the same bits
        Tensor x2 = x.detach().requiresGrad(true);
        Tensor y2 = new BatchNorm1d(8).forward(x2);
        Tensor upstream;
        try (var off = Autograd.noGrad()) {
            upstream = g.mul(y2.gt(0f).toFloat());
        }
        y2.backward(upstream);
        assertArrayEquals(x2.grad().toArray(), x.grad().toArray());
    }
}
