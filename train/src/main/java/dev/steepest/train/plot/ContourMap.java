package dev.steepest.train.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.XYChart;

/**
 * A filled contour map of a function of two variables with a colour bar, and a {@link Plot} drawn
 * over it (paths, the start, the minimum): the race track of the {@code race} example.
 * <pre>
 * ContourMap map = new ContourMap("rosenbrock", f, -2, 2, -1, 3);
 * BufferedImage frame = map.image(map.overlay().line("adam", xs, ys), 560, 560);
 * </pre>
 *
 * <p>Hand-drawn on purpose: XChart has no contour or image chart, so the bands and the colour bar
 * are Java2D pixels. Everything else (axes, ticks, title, paths, legend) is the XChart chart of
 * {@link #overlay()}, painted over the bands with a transparent background and placed with XChart's
 * own data-to-screen mapping.
 *
 * <p>The bands are levels of log(1 + f - min f), so that a valley as flat as Rosenbrock's still
 * shows; thin darker lines mark the band edges, and the colour bar labels them with f's values.
 */
public final class ContourMap {
    private static final int LEVELS = 16;
    private static final int BAR = 78;
    private static final Color CLEAR = new Color(0, 0, 0, 0);

    private final DoubleBinaryOperator f;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final String title;
    private Rectangle cachedArea;
    private BufferedImage cachedBands;
    private double min;
    private double logMax;

    /**
     * @param title above the map
     * @param f the function
     * @param x0 left end of x
     * @param x1 right end of x
     * @param y0 low end of y
     * @param y1 high end of y
     */
    public ContourMap(String title, DoubleBinaryOperator f, double x0, double x1, double y0, double y1) {
        this.f = f;
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
        this.title = title;
    }

    /** @return a new, empty plot with the map's title and ranges: add the paths and marks, then pass it to {@link #image} */
    public Plot overlay() {
        return new Plot(title, "x", "y").xRange(x0, x1).yRange(y0, y1);
    }

    /**
     * Draws the map, the plot over it and the colour bar. The bands are computed once and reused
     * while the size stays the same, so frames of an animation cost little.
     *
     * @param plot what to draw over the map, usually from {@link #overlay()}
     * @param width in pixels, the colour bar included
     * @param height in pixels
     * @return a new image
     */
    public BufferedImage image(Plot plot, int width, int height) {
        XYChart chart = plot.chart(width - BAR, height);
        chart.getStyler().setChartBackgroundColor(CLEAR);
        chart.getStyler().setPlotBackgroundColor(CLEAR);
        chart.getStyler().setPlotGridLinesVisible(false);
        // A first paint lays the chart out, so that its data-to-screen mapping is known.
        BufferedImage scratch = new BufferedImage(width - BAR, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D sg = scratch.createGraphics();
        chart.paint(sg, width - BAR, height);
        sg.dispose();
        int left = (int) Math.round(chart.getScreenXFromChart(x0));
        int right = (int) Math.round(chart.getScreenXFromChart(x1));
        int top = (int) Math.round(chart.getScreenYFromChart(y1));
        int bottom = (int) Math.round(chart.getScreenYFromChart(y0));
        Rectangle area = new Rectangle(left, top, right - left, bottom - top);

        BufferedImage image = Pictures.blank(width, height);
        Graphics2D g = Pictures.graphics(image);
        g.drawImage(bands(area), area.x, area.y, null);
        chart.paint(g, width - BAR, height);
        colourBar(g, new Rectangle(width - BAR + 8, area.y, 14, area.height));
        g.dispose();
        return image;
    }

    /** @return the bands for a plot area of this size, computed once per size */
    private BufferedImage bands(Rectangle area) {
        if (area.equals(cachedArea)) {
            return cachedBands;
        }
        int w = Math.max(1, area.width);
        int h = Math.max(1, area.height);
        double[] values = new double[w * h];
        min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double v = f.applyAsDouble(x0 + (x1 - x0) * (i + 0.5) / w, y1 - (y1 - y0) * (j + 0.5) / h);
                values[j * w + i] = v;
                min = Math.min(min, v);
            }
        }
        logMax = 1e-12;
        for (int k = 0; k < values.length; k++) {
            values[k] = Math.log1p(values[k] - min);
            logMax = Math.max(logMax, values[k]);
        }
        int[] band = new int[w * h];
        for (int k = 0; k < values.length; k++) {
            band[k] = Math.min(LEVELS - 1, (int) (values[k] / logMax * LEVELS));
        }
        BufferedImage bands = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int b = band[j * w + i];
                boolean edge = (i + 1 < w && band[j * w + i + 1] != b) || (j + 1 < h && band[(j + 1) * w + i] != b);
                Color c = Colors.map(b / (LEVELS - 1.0));
                bands.setRGB(i, j, (edge ? c.darker() : c).getRGB());
            }
        }
        cachedArea = area;
        cachedBands = bands;
        return bands;
    }

    /** The bands' colours, bottom (lowest f) to top, each edge labelled with the value of f there. */
    private void colourBar(Graphics2D g, Rectangle bar) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (int b = 0; b < LEVELS; b++) {
            int yTop = bar.y + bar.height - (int) Math.round((b + 1) * bar.height / (double) LEVELS);
            int yBottom = bar.y + bar.height - (int) Math.round(b * bar.height / (double) LEVELS);
            g.setColor(Colors.map(b / (LEVELS - 1.0)));
            g.fillRect(bar.x, yTop, bar.width, yBottom - yTop);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(bar.x, bar.y, bar.width, bar.height);
        g.setColor(Color.BLACK);
        g.setFont(Pictures.TEXT.deriveFont(11f));
        g.drawString("f(x, y)", bar.x - 6, bar.y - 8);
        for (int b = 0; b <= LEVELS; b += 4) {
            int y = bar.y + bar.height - (int) Math.round(b * bar.height / (double) LEVELS);
            double value = min + Math.expm1(b * logMax / LEVELS);
            g.drawLine(bar.x + bar.width, y, bar.x + bar.width + 3, y);
            g.drawString(label(value), bar.x + bar.width + 5, y + 4);
        }
    }

    private static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e4 || a < 1e-2)) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
