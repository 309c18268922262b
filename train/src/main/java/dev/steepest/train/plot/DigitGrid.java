package dev.steepest.train.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Small grey-scale images in a grid, each pixel drawn as a square block: originals beside
 * reconstructions, generated digits, a decoded latent sweep. Values are brightness in [0, 1]
 * (clamped), drawn dark on light as ink on paper.
 */
public final class DigitGrid {
    private DigitGrid() {
    }

    /**
     * @param pixels the images one after another, each {@code side × side} values, row by row
     * @param side the images' height and width
     * @param rows how many rows of images
     * @param columns how many images per row (images beyond rows × columns are left out)
     * @param scale screen pixels per image pixel
     * @return the grid, with a 1-block gap between images
     */
    public static BufferedImage of(float[] pixels, int side, int rows, int columns, int scale) {
        int cell = (side + 1) * scale;
        BufferedImage image = Pictures.blank(columns * cell + scale, rows * cell + scale);
        Graphics2D g = image.createGraphics();
        int count = Math.min(rows * columns, pixels.length / (side * side));
        for (int n = 0; n < count; n++) {
            int left = scale + (n % columns) * cell;
            int top = scale + (n / columns) * cell;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float v = Math.max(0f, Math.min(1f, pixels[n * side * side + y * side + x]));
                    g.setColor(new Color(1 - v, 1 - v, 1 - v));
                    g.fillRect(left + x * scale, top + y * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return image;
    }
}
