package dev.steepest.train.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/** Small helpers shared by the pictures: a blank canvas, a chart as an image, pictures side by side, and PNG output. */
public final class Pictures {
    /** The font of captions drawn outside a chart. */
    public static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Pictures() {
    }

    /** @return a new white RGB image of the given size */
    public static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** @return a graphics context on the image with anti-aliased lines and text */
    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(TEXT);
        return g;
    }

    /**
     * Paints an XChart chart at its own size on a new white image.
     *
     * @param chart the chart (not modified)
     * @return the image
     */
    public static BufferedImage of(Chart<?, ?> chart) {
        BufferedImage image = blank(chart.getWidth(), chart.getHeight());
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return image;
    }

    /**
     * Puts pictures side by side, top-aligned, on white.
     *
     * @param pictures the pictures, left to right (not modified)
     * @return a new image as wide as all of them and as high as the highest
     */
    public static BufferedImage beside(BufferedImage... pictures) {
        int width = 0;
        int height = 0;
        for (BufferedImage p : pictures) {
            width += p.getWidth();
            height = Math.max(height, p.getHeight());
        }
        BufferedImage image = blank(width, height);
        Graphics2D g = image.createGraphics();
        int x = 0;
        for (BufferedImage p : pictures) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        return image;
    }

    /**
     * Puts a caption above a picture, one line of text per string, dark grey on white.
     *
     * @param image the picture (not modified)
     * @param lines the caption's lines, e.g. the step and the score
     * @return a new image, as wide as the picture and higher by the caption
     */
    public static BufferedImage captioned(BufferedImage image, String... lines) {
        int line = 16;
        BufferedImage captioned = blank(image.getWidth(), image.getHeight() + line * lines.length + 6);
        Graphics2D g = graphics(captioned);
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 6, line * (i + 1));
        }
        g.drawImage(image, 0, line * lines.length + 6, null);
        g.dispose();
        return captioned;
    }

    /**
     * Writes an image as PNG.
     *
     * @param image the picture (not modified)
     * @param stream where the bytes go (left open)
     * @throws IOException when writing fails
     */
    public static void png(BufferedImage image, OutputStream stream) throws IOException {
        if (!ImageIO.write(image, "png", stream)) {
            throw new IOException("no PNG writer in this JDK's ImageIO");
        }
    }
}
