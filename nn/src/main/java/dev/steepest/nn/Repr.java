package dev.steepest.nn;

/** Python's spelling of values in module printouts ({@code True}, {@code 1e-05}, {@code 0.1}), for the extraRepr of layers in nn and its sub-packages. */
public final class Repr {

    private Repr() {
    }

    /** @return {@code True} or {@code False}, as Python prints a bool */
    public static String py(boolean b) {
        return b ? "True" : "False";
    }

    /** A float as Python's repr writes it: {@code 0.1}, {@code 1e-05}, {@code 1.0}. */
    public static String py(double x) {
        double a = Math.abs(x);
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().scale() <= 0
                    ? new java.math.BigDecimal(Double.toString(x)).toBigInteger() + ".0"
                    : new java.math.BigDecimal(Double.toString(x)).toPlainString();
        }
        String s = Double.toString(x);            // like 1.0E-5
        String mantissa = s.substring(0, s.indexOf('E'));
        int exponent = Integer.parseInt(s.substring(s.indexOf('E') + 1));
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
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
