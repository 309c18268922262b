package dev.steepest.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.List;

/** A box listing series names beside a short line in each series' colour, drawn in a plot's corner. */
public final class Legend {

    /**
     * One line of a legend.
     *
     * @param name the series' name
     * @param color its colour
     */
    public record Entry(String name, Color color) {
    }

    private Legend() {
    }

    /**
     * Draws the legend in the top-right corner of {@code area}.
     *
     * @param g where to draw
     * @param area the plot's inner area
     * @param entries the lines to list, in order
     */
    public static void draw(Graphics2D g, Rectangle area, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        g.setFont(Axes.TEXT);
        FontMetrics fm = g.getFontMetrics();
        int width = 0;
        for (Entry e : entries) {
            width = Math.max(width, fm.stringWidth(e.name()));
        }
        int line = fm.getHeight();
        int boxW = width + 36;
        int boxH = line * entries.size() + 8;
        int x = area.x + area.width - boxW - 6;
        int y = area.y + 6;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, boxW, boxH);
        for (int i = 0; i < entries.size(); i++) {
            int baseline = y + 4 + line * i + fm.getAscent();
            g.setColor(entries.get(i).color());
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x + 6, baseline - fm.getAscent() / 2 + 1, x + 24, baseline - fm.getAscent() / 2 + 1);
            g.setColor(Color.BLACK);
            g.drawString(entries.get(i).name(), x + 30, baseline);
        }
    }
}
