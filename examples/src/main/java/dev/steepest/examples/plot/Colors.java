package dev.steepest.examples.plot;

import java.awt.Color;

/** The colours the pictures use: ten distinct series colours (matplotlib's "tab10") and a light colour map. */
public final class Colors {
    private static final int[] SERIES = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
        0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF};

    private Colors() {
    }

    /** @return the colour of the i-th series (cycling after ten) */
    public static Color series(int i) {
        return new Color(SERIES[Math.floorMod(i, SERIES.length)]);
    }

    /**
     * A pale blue-to-yellow colour map for contour bands, light enough that paths drawn over it stay visible.
     *
     * @param t position in [0, 1]
     * @return the colour at t
     */
    public static Color map(double t) {
        t = Math.max(0, Math.min(1, t));
        // viridis' end points, mixed 45 % with white
        double[] low = {0.267, 0.005, 0.329};
        double[] mid = {0.128, 0.567, 0.551};
        double[] high = {0.993, 0.906, 0.144};
        double[] a = t < 0.5 ? low : mid;
        double[] b = t < 0.5 ? mid : high;
        double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        float[] rgb = new float[3];
        for (int i = 0; i < 3; i++) {
            double c = a[i] + (b[i] - a[i]) * u;
            rgb[i] = (float) (0.55 * c + 0.45);
        }
        return new Color(rgb[0], rgb[1], rgb[2]);
    }
}
