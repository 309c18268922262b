package dev.steepest.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/** Small helpers shared by the pictures: a blank canvas, text, and PNG output. */
public final class Pictures {
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
        g.setFont(Axes.TEXT);
        return g;
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
