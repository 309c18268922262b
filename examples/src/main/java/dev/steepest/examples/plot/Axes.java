package dev.steepest.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * A plot's frame: maps data coordinates to pixels inside an area and draws the box, ticks, grid,
 * tick labels, axis labels and title. {@link LinePlot} and {@link ContourMap} draw inside it.
 */
public final class Axes {
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 26;
    private static final int BOTTOM = 40;

    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final boolean logY;
    private final Rectangle inner;

    /**
     * @param outer the whole area of this plot, including room for labels
     * @param x0 left end of the x axis
     * @param x1 right end of the x axis
     * @param y0 low end of the y axis (positive when logY)
     * @param y1 high end of the y axis
     * @param logY whether the y axis is logarithmic
     */
    public Axes(Rectangle outer, double x0, double x1, double y0, double y1, boolean logY) {
        if (!(x1 > x0) || !(y1 > y0) || (logY && !(y0 > 0))) {
            throw new IllegalArgumentException("Axes: ranges must be increasing (and positive for a log axis), got x ["
                    + x0 + ", " + x1 + "], y [" + y0 + ", " + y1 + "], logY=" + logY);
        }
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
        this.logY = logY;
        this.inner = new Rectangle(outer.x + LEFT, outer.y + TOP, outer.width - LEFT - RIGHT, outer.height - TOP - BOTTOM);
    }

    /** @return the area inside the box, where data is drawn */
    public Rectangle inner() {
        return inner;
    }

    /** @return the pixel column of data x */
    public double px(double x) {
        return inner.x + (x - x0) / (x1 - x0) * inner.width;
    }

    /** @return the pixel row of data y */
    public double py(double y) {
        double t = logY ? (Math.log10(Math.max(y, Double.MIN_NORMAL)) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))
                : (y - y0) / (y1 - y0);
        return inner.y + inner.height - t * inner.height;
    }

    /** @return data x at a pixel column */
    public double dataX(double px) {
        return x0 + (px - inner.x) / inner.width * (x1 - x0);
    }

    /** @return data y at a pixel row (linear axes) */
    public double dataY(double py) {
        double t = (inner.y + inner.height - py) / inner.height;
        return logY ? Math.pow(10, Math.log10(y0) + t * (Math.log10(y1) - Math.log10(y0))) : y0 + t * (y1 - y0);
    }

    /**
     * Draws grid lines behind the data.
     *
     * @param g where to draw
     */
    public void drawGrid(Graphics2D g) {
        g.setColor(new Color(0xE6E6E6));
        g.setStroke(new BasicStroke(1f));
        for (double t : xTicks()) {
            g.drawLine((int) Math.round(px(t)), inner.y, (int) Math.round(px(t)), inner.y + inner.height);
        }
        for (double t : yTicks()) {
            g.drawLine(inner.x, (int) Math.round(py(t)), inner.x + inner.width, (int) Math.round(py(t)));
        }
    }

    /**
     * Draws the box, ticks, tick labels, axis labels and title.
     *
     * @param g where to draw
     * @param title above the plot; may be empty
     * @param xLabel under the x axis
     * @param yLabel beside the y axis, rotated
     */
    public void drawFrame(Graphics2D g, String title, String xLabel, String yLabel) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(inner.x, inner.y, inner.width, inner.height);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        for (double t : xTicks()) {
            int x = (int) Math.round(px(t));
            g.drawLine(x, inner.y + inner.height, x, inner.y + inner.height + 4);
            String label = Ticks.label(t);
            g.drawString(label, x - fm.stringWidth(label) / 2, inner.y + inner.height + 6 + fm.getAscent());
        }
        for (double t : yTicks()) {
            int y = (int) Math.round(py(t));
            g.drawLine(inner.x - 4, y, inner.x, y);
            String label = Ticks.label(t);
            g.drawString(label, inner.x - 6 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawString(xLabel, inner.x + (inner.width - fm.stringWidth(xLabel)) / 2, inner.y + inner.height + 20 + fm.getAscent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(inner.y + (inner.height + fm.stringWidth(yLabel)) / 2), inner.x - 44);
        g.setTransform(saved);
        g.setFont(TITLE);
        fm = g.getFontMetrics();
        g.drawString(title, inner.x + (inner.width - fm.stringWidth(title)) / 2, inner.y - 9);
    }

    private List<Double> xTicks() {
        return Ticks.linear(x0, x1, Math.max(2, inner.width / 70));
    }

    private List<Double> yTicks() {
        return logY ? Ticks.log(y0, y1) : Ticks.linear(y0, y1, Math.max(2, inner.height / 45));
    }
}
