package dev.steepest.train.plot;

import java.awt.Color;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The colours and marker shapes the pictures use. Series colours are Okabe and Ito's palette
 * (<a href="https://jfly.uni-koeln.de/color/">Color Universal Design</a>), which people with
 * any of the common colour-vision deficiencies can still tell apart; each series also gets its
 * own marker shape, so that a path stays recognisable in grey or where colours blend.
 */
public final class Colors {
    // Okabe–Ito without its black (kept for marks such as a start or a minimum), ordered so that
    // the first few are the most distinct on white: blue, vermillion, bluish green, orange,
    // reddish purple, sky blue, yellow (last: weak on white). Then the darker colours of Paul Tol's
    // muted scheme that differ from all of those: indigo, wine, green, olive, rose, teal.
    private static final int[] SERIES = {0x0072B2, 0xD55E00, 0x009E73, 0xE69F00, 0xCC79A7, 0x56B4E9, 0xF0E442,
        0x332288, 0x882255, 0x117733, 0x999933, 0xCC6677, 0x44AA99};
    // Without the cross, kept for a minimum. Nine shapes against seven colours: the pair is unique for 63 series.
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.PLUS, SeriesMarkers.TRAPEZOID,
        SeriesMarkers.RECTANGLE, SeriesMarkers.OVAL};

    private Colors() {
    }

    /**
     * @return the colour of the i-th series (i ≥ 0): no two of the first 1,000 series share one. The
     *     first thirteen are the palettes above; after them, hues a golden angle apart at changing
     *     brightness and saturation, which stay distinct but are no longer chosen for colour-blind
     *     readers (the marker shapes still help).
     */
    public static Color series(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("Colors.series: the series index must be at least 0, got " + i);
        }
        if (i < SERIES.length) {
            return new Color(SERIES[i]);
        }
        int k = i - SERIES.length;
        float hue = (float) ((k * 0.618033988749895) % 1.0);
        float brightness = new float[] {0.55f, 0.75f, 0.40f}[k % 3];
        float saturation = new float[] {0.85f, 0.6f, 1.0f}[k / 3 % 3];
        return Color.getHSBColor(hue, saturation, brightness);
    }

    /** @return the marker shape of the i-th series (cycling after nine, so colour and shape cycle differently) */
    public static Marker marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
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
