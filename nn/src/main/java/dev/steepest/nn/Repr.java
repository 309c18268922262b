package dev.steepest.nn;

/** Python's spelling of values in module printouts ({@code True}, {@code 1e-05}, {@code 0.1}), for the extraRepr of layers in nn and its sub-packages. */
public final class Repr {

    private Repr() {
    }

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
}
