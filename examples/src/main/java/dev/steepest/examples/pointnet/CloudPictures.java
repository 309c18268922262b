package dev.steepest.examples.pointnet;

import dev.steepest.train.plot.Pictures;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Point clouds drawn as pictures for the {@code pointnet} example: each cloud in its own panel,
 * seen from a fixed viewpoint (30° around the vertical axis, 20° from above), projected onto the
 * screen and shaded by depth (near points dark, far points pale, drawn far to near), so that a
 * 3-D shape reads from a flat scatter. Points can be highlighted in red, for PointNet's critical
 * points: the ones that win its max pool.
 */
final class CloudPictures {
    static final int PANEL = 240;
    private static final int TITLE = 22;
    private static final Color RED = new Color(0xD62728);

    /**
     * One cloud to draw.
     *
     * @param points [3 · n], x coordinates first, then y, then z (within the unit ball)
     * @param title printed above the panel
     * @param highlighted which points to draw large and red, or null for none
     */
    record Panel(float[] points, String title, boolean[] highlighted) {
    }

    private CloudPictures() {
    }

    /**
     * @param panels the clouds, drawn left to right, top to bottom
     * @param columns panels per row
     * @return the picture
     */
    static BufferedImage draw(List<Panel> panels, int columns) {
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage image = Pictures.blank(columns * PANEL, rows * (PANEL + TITLE));
        Graphics2D g = Pictures.graphics(image);
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, panels.get(i), (i % columns) * PANEL, (i / columns) * (PANEL + TITLE));
        }
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left, int top) {
        float[] p = panel.points();
        int n = p.length / 3;
        double azimuth = Math.toRadians(30), elevation = Math.toRadians(20);
        double[] screenX = new double[n], screenY = new double[n], depth = new double[n];
        for (int i = 0; i < n; i++) {
            double x = p[i], y = p[n + i], z = p[2 * n + i];
            // turn about the vertical (z) axis, then tilt towards the viewer
            double x1 = x * Math.cos(azimuth) - y * Math.sin(azimuth);
            double y1 = x * Math.sin(azimuth) + y * Math.cos(azimuth);
            screenX[i] = x1;
            screenY[i] = z * Math.cos(elevation) - y1 * Math.sin(elevation);
            depth[i] = y1 * Math.cos(elevation) + z * Math.sin(elevation);   // larger is farther
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> -depth[i]));        // far points first
        double half = (PANEL - 24) / 2.0, cx = left + PANEL / 2.0, cy = top + TITLE + PANEL / 2.0;
        g.setColor(new Color(0xF4F4F4));
        g.fillRect(left + 4, top + TITLE, PANEL - 8, PANEL - 4);
        boolean[] marked = panel.highlighted();
        for (int pass = 0; pass < 2; pass++) {                                  // highlighted points on top
            for (int i : order) {
                boolean mark = marked != null && marked[i];
                if (mark != (pass == 1)) {
                    continue;
                }
                double shade = (depth[i] + 1) / 2;                              // 0 near, 1 far
                double r = mark ? 3.2 : 2.2;
                g.setColor(mark ? RED : marked != null ? grey(0.62 + 0.3 * shade) : blue(shade));
                g.fill(new Ellipse2D.Double(cx + screenX[i] * half - r, cy - screenY[i] * half - r, 2 * r, 2 * r));
            }
        }
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(panel.title(), (float) (cx - metrics.stringWidth(panel.title()) / 2.0), top + TITLE - 6);
    }

    private static Color blue(double shade) {
        double t = Math.max(0, Math.min(1, shade));
        return new Color((float) (0.05 + 0.8 * t), (float) (0.18 + 0.72 * t), (float) (0.5 + 0.47 * t));
    }

    private static Color grey(double shade) {
        float t = (float) Math.max(0, Math.min(1, shade));
        return new Color(t, t, t);
    }
}
