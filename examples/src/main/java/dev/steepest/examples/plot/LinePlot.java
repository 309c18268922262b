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
import java.util.ArrayList;
import java.util.List;

/**
 * A line plot with axes, ticks, labels and a legend, drawn with Java2D:
 * <pre>
 * new LinePlot("loss", "step", "loss").logY().series("sgd", Colors.series(0), steps, losses).render(640, 400)
 * </pre>
 * The ranges fit the data unless set; a logarithmic y axis skips values that are not positive.
 */
public final class LinePlot {

    private record Series(String name, Color color, float width, double[] x, double[] y) {
    }

    private record Marker(double x, double y, Color color, double radius) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean logY;
    private double[] xRange;
    private double[] yRange;

    /**
     * @param title above the plot
     * @param xLabel under the x axis
     * @param yLabel beside the y axis
     */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** @return this, with a logarithmic y axis */
    public LinePlot logY() {
        logY = true;
        return this;
    }

    /** @return this, with the x axis fixed to [min, max] */
    public LinePlot xRange(double min, double max) {
        xRange = new double[] {min, max};
        return this;
    }

    /** @return this, with the y axis fixed to [min, max] */
    public LinePlot yRange(double min, double max) {
        yRange = new double[] {min, max};
        return this;
    }

    /**
     * Adds a line through the points (x[i], y[i]); non-finite points break the line.
     *
     * @param name the legend's text, or null to leave it out of the legend
     * @param color its colour
     * @param x the x values (not modified)
     * @param y the y values, as many as x (not modified)
     * @return this
     */
    public LinePlot series(String name, Color color, double[] x, double[] y) {
        return series(name, color, 1.8f, x, y);
    }

    /**
     * Adds a line of the given width.
     *
     * @param name the legend's text, or null to leave it out of the legend
     * @param color its colour
     * @param width the line width in pixels
     * @param x the x values (not modified)
     * @param y the y values, as many as x (not modified)
     * @return this
     */
    public LinePlot series(String name, Color color, float width, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("LinePlot.series: '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values; give as many of each");
        }
        series.add(new Series(name, color, width, x, y));
        return this;
    }

    /** @return this, with a filled dot of the given radius in pixels at (x, y) */
    public LinePlot marker(double x, double y, Color color, double radius) {
        markers.add(new Marker(x, y, color, radius));
        return this;
    }

    /** @return the plot drawn on a new white image of the given size */
    public BufferedImage render(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        draw(g, new Rectangle(0, 0, width, height));
        g.dispose();
        return image;
    }

    /**
     * Draws the plot into an area of a larger picture.
     *
     * @param g where to draw
     * @param area the plot's whole area, labels included
     */
    public void draw(Graphics2D g, Rectangle area) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double[] xs = xRange != null ? xRange : range(true);
        double[] ys = yRange != null ? yRange : range(false);
        Axes axes = new Axes(area, xs[0], xs[1], ys[0], ys[1], logY);
        axes.drawGrid(g);
        Shape clip = g.getClip();
        g.clip(axes.inner());
        List<Legend.Entry> entries = new ArrayList<>();
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path(axes, s));
            if (s.name() != null) {
                entries.add(new Legend.Entry(s.name(), s.color()));
            }
        }
        for (Marker m : markers) {
            g.setColor(m.color());
            g.fill(new Ellipse2D.Double(axes.px(m.x()) - m.radius(), axes.py(m.y()) - m.radius(), 2 * m.radius(), 2 * m.radius()));
        }
        g.setClip(clip);
        axes.drawFrame(g, title, xLabel, yLabel);
        Legend.draw(g, axes.inner(), entries);
    }

    private Path2D path(Axes axes, Series s) {
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y) || (logY && y <= 0)) {
                pen = false;
                continue;
            }
            double px = axes.px(x);
            double py = Math.max(-1e5, Math.min(1e5, axes.py(y)));
            if (pen) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                pen = true;
            }
        }
        return path;
    }

    private double[] range(boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] values = xAxis ? s.x() : s.y();
            for (double v : values) {
                if (Double.isFinite(v) && (xAxis || !logY || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return logY && !xAxis ? new double[] {0.1, 10} : new double[] {0, 1};
        }
        if (!xAxis && logY) {
            double low = Math.pow(10, Math.floor(Math.log10(min)));
            double high = Math.pow(10, Math.ceil(Math.log10(max)));
            return new double[] {low, high > low ? high : low * 10};
        }
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - pad, max + pad};
        }
        if (xAxis) {
            return new double[] {min, max};
        }
        double pad = (max - min) * 0.05;
        return new double[] {min - pad, max + pad};
    }
}
