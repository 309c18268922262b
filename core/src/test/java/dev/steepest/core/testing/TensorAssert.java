package dev.steepest.core.testing;

import dev.steepest.core.Tensor;
import java.util.Arrays;

/** Assertions on tensors with float tolerances, for tests that compare with PyTorch. */
public final class TensorAssert {

    private TensorAssert() {
    }

    /** Equal shapes, and every element within {@code atol + rtol·|expected|} (NaN matches NaN, ±inf must match exactly). */
    public static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        if (actual == null) {
            throw new AssertionError(what + ": expected a tensor of shape " + Arrays.toString(expected.shape()) + ", got null");
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        assertClose(expected.toArray(), actual.toArray(), rtol, atol, what);
    }

    public static void assertClose(float[] expected, float[] actual, double rtol, double atol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (Float.isNaN(e) && Float.isNaN(a)) continue;
            if (Float.isInfinite(e) || Float.isInfinite(a)) {
                if (e != a) throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e);
                continue;
            }
            if (!(Math.abs(e - a) <= atol + rtol * Math.abs(e))) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e
                        + " (difference " + Math.abs(e - a) + " > " + (atol + rtol * Math.abs(e)) + ")");
            }
        }
    }
}
