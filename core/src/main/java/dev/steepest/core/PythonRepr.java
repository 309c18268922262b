package dev.steepest.core;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;

/**
 * Values spelled as Python prints them ({@code True}, {@code None}, {@code 1e-08}, {@code 0.1},
 * {@code (0.9, 0.999)}), for the printouts that follow PyTorch's: modules' extra representation in
 * nn and the optimizers' groups in optim-api.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** @return {@code True} or {@code False}, as Python prints a bool */
    public static String of(boolean b) {
        return b ? "True" : "False";
    }

    /**
     * A float as Python's {@code repr} writes it: the shortest digits that read back, positional from
     * 1e-4 up to 1e16 ({@code 0.1}, {@code 1.0}, {@code 0.0001}), else with an exponent of at least two
     * digits ({@code 1e-08}, {@code 1.5e+16}); {@code nan}, {@code inf}, {@code -inf}.
     */
    public static String of(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        double a = Math.abs(x);
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger() + ".0" : d.toPlainString();
        }
        String s = Double.toString(x);            // like 1.0E-5
        String mantissa = s.substring(0, s.indexOf('E'));
        int exponent = Integer.parseInt(s.substring(s.indexOf('E') + 1));
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /**
     * Any option value as Python's {@code str} prints it: null as {@code None}, booleans as
     * {@code True}/{@code False}, floats as {@link #of(double)}, whole numbers and strings as they
     * are, a collection as a tuple {@code (0.9, 0.999)}.
     */
    public static String of(Object value) {
        if (value == null) return "None";
        if (value instanceof Boolean b) return of(b.booleanValue());
        if (value instanceof Double || value instanceof Float) return of(((Number) value).doubleValue());
        if (value instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("(");
            for (Iterator<?> it = c.iterator(); it.hasNext(); ) sb.append(of(it.next())).append(it.hasNext() ? ", " : "");
            return sb.append(c.size() == 1 ? ",)" : ")").toString();
        }
        return value.toString();
    }
}
