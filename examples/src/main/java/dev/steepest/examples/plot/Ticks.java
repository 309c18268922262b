package dev.steepest.examples.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" tick positions (1, 2 or 5 times a power of ten) for a linear or logarithmic axis, and their labels. */
public final class Ticks {
    private Ticks() {
    }

    /**
     * @param min the axis's low end
     * @param max the axis's high end (greater than min)
     * @param wanted roughly how many ticks
     * @return tick values inside [min, max], evenly spaced by a nice step
     */
    public static List<Double> linear(double min, double max, int wanted) {
        double step = niceStep((max - min) / Math.max(1, wanted));
        List<Double> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
            double t = Double.parseDouble(String.format(Locale.ROOT, "%.12g", k * step));   // 3 * 0.2 is 0.6, not 0.6000000000000001
            ticks.add(t == 0 ? 0.0 : t);
        }
        return ticks;
    }

    /**
     * @param min the axis's low end (positive)
     * @param max the axis's high end
     * @return powers of ten inside [min, max] (every second or third one when there are many)
     */
    public static List<Double> log(double min, double max) {
        int low = (int) Math.ceil(Math.log10(min) - 1e-9);
        int high = (int) Math.floor(Math.log10(max) + 1e-9);
        int every = Math.max(1, (high - low + 1 + 5) / 6);
        List<Double> ticks = new ArrayList<>();
        for (int e = low; e <= high; e += every) {
            ticks.add(Math.pow(10, e));
        }
        return ticks;
    }

    /** @return the nice step (1, 2 or 5 times a power of ten) nearest above {@code rough} */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /** @return a short label: "0.5", "12", "1e-04", "2.5e+03" */
    public static String label(double value) {
        double a = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.4f", value);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        String s = String.format(Locale.ROOT, "%.1e", value);
        return s.replace(".0e", "e");
    }
}
