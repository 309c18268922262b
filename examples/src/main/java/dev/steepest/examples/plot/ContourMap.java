package dev.steepest.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleBinaryOperator;

/**
 * A filled contour map of a function of two variables, with paths drawn over it: the race track
 * of the {@code race} example. The bands are levels of log(1 + f - min f), so that a valley as
 * flat as Rosenbrock's still shows; thin darker lines mark the band edges.
 */
public final class ContourMap {
    private static final int LEVELS = 16;

    private final String title;
    private final Axes axes;
    private final BufferedImage bands;

    /**
     * Computes the map once; drawing it is then a copy.
     *
     * @param title above the map
     * @param f the function
     * @param area the map's whole area, labels included
     * @param x0 left end of x
     * @param x1 right end of x
     * @param y0 low end of y
     * @param y1 high end of y
     */
    public ContourMap(String title, DoubleBinaryOperator f, Rectangle area, double x0, double x1, double y0, double y1) {
        this.title = title;
        this.axes = new Axes(area, x0, x1, y0, y1, false);
        Rectangle inner = axes.inner();
        int w = inner.width;
        int h = inner.height;
        double[] values = new double[w * h];
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double v = f.applyAsDouble(axes.dataX(inner.x + i + 0.5), axes.dataY(inner.y + j + 0.5));
                values[j * w + i] = v;
                min = Math.min(min, v);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < values.length; k++) {
            values[k] = Math.log1p(values[k] - min);
            max = Math.max(max, values[k]);
        }
        int[] band = new int[w * h];
        for (int k = 0; k < values.length; k++) {
            band[k] = Math.min(LEVELS - 1, (int) (values[k] / (max + 1e-12) * LEVELS));
        }
        bands = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int b = band[j * w + i];
                boolean edge = (i + 1 < w && band[j * w + i + 1] != b) || (j + 1 < h && band[(j + 1) * w + i] != b);
                Color c = Colors.map(b / (LEVELS - 1.0));
                if (edge) {
                    c = c.darker();
                }
                bands.setRGB(i, j, c.getRGB());
            }
        }
    }

    /** @return the map's axes, to convert data coordinates to pixels */
    public Axes axes() {
        return axes;
    }

    /**
     * Draws the bands, the frame and the labels.
     *
     * @param g where to draw
     */
    public void drawMap(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawImage(bands, axes.inner().x, axes.inner().y, null);
        axes.drawFrame(g, title, "x", "y");
    }

    /**
     * Draws a path over the map: a line through its first {@code count} points and a dot at the last.
     *
     * @param g where to draw
     * @param x the path's x values (not modified)
     * @param y the path's y values (not modified)
     * @param count how many points to draw (at least 1)
     * @param color the path's colour
     */
    public void drawPath(Graphics2D g, double[] x, double[] y, int count, Color color) {
        Shape clip = g.getClip();
        g.clip(axes.inner());
        Path2D.Double path = new Path2D.Double();
        int last = -1;
        for (int i = 0; i < Math.min(count, x.length); i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || Math.abs(x[i]) > 1e6 || Math.abs(y[i]) > 1e6) {
                break;
            }
            if (i == 0) {
                path.moveTo(axes.px(x[i]), axes.py(y[i]));
            } else {
                path.lineTo(axes.px(x[i]), axes.py(y[i]));
            }
            last = i;
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        if (last >= 0) {
            double px = axes.px(x[last]);
            double py = axes.py(y[last]);
            g.fill(new Ellipse2D.Double(px - 4, py - 4, 8, 8));
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Ellipse2D.Double(px - 4, py - 4, 8, 8));
        }
        g.setClip(clip);
    }

    /**
     * Marks a point, e.g. the minimum, with a small cross.
     *
     * @param g where to draw
     * @param x its x
     * @param y its y
     */
    public void drawCross(Graphics2D g, double x, double y) {
        int px = (int) Math.round(axes.px(x));
        int py = (int) Math.round(axes.py(y));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(px - 6, py - 6, px + 6, py + 6);
        g.drawLine(px - 6, py + 6, px + 6, py - 6);
    }
}
