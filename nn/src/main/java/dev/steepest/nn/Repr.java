package dev.steepest.nn;

import dev.steepest.core.PythonRepr;

/** Python's spelling of values in module printouts ({@code True}, {@code 1e-05}, {@code 0.1}), for the extraRepr of layers in nn and its sub-packages. */
public final class Repr {

    private Repr() {
    }

    /** @return {@code True} or {@code False}, as Python prints a bool */
    public static String py(boolean b) {
        return PythonRepr.of(b);
    }

    /** A float as Python's repr writes it: {@code 0.1}, {@code 1e-05}, {@code 1.0} (see {@link PythonRepr#of(double)}). */
    public static String py(double x) {
        return PythonRepr.of(x);
    }

    /** A tuple as Python prints it: {@code (3, 3)}, or {@code (3,)} for one element. */
    static String tuple(int... values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ", ").append(values[i]);
        return sb.append(values.length == 1 ? ",)" : ")").toString();
    }

    /** A per-axis layer argument, {@code {v}} or {@code {h, w}}, as a pair {@code {h, w}}; the message names the layer. */
    static int[] pair(String layer, String name, int[] value) {
        if (value == null || value.length < 1 || value.length > 2) {
            throw new IllegalArgumentException(layer + ": " + name + " must have one value or two (height, width), got "
                    + (value == null ? "null" : java.util.Arrays.toString(value)));
        }
        return value.length == 1 ? new int[] {value[0], value[0]} : value.clone();
    }

    /** True when every value is 0. */
    static boolean zero(int... values) {
        for (int v : values) if (v != 0) return false;
        return true;
    }
}
