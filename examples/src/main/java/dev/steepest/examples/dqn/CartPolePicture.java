package dev.steepest.examples.dqn;

import dev.steepest.train.plot.Pictures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws one CartPole state as Gymnasium's renderer does (a 600 x 400 view of the track's 4.8 m: a
 * black cart, a wooden pole hinged on a blue axle), at any width.
 */
final class CartPolePicture {
    static final Color POLE = new Color(202, 152, 101);
    static final Color AXLE = new Color(129, 132, 203);

    private CartPolePicture() {
    }

    /**
     * @param state {@code [x, ẋ, θ, θ̇]}
     * @param caption a line of text at the top, e.g. the step
     * @param width the picture's width in pixels (height two thirds of it)
     * @return the picture
     */
    static BufferedImage draw(double[] state, String caption, int width) {
        int height = width * 2 / 3;
        double scale = width / (2 * CartPole.X_THRESHOLD);          // pixels per metre
        double k = width / 600.0;                                   // Gymnasium's sizes are for 600 pixels
        BufferedImage image = Pictures.blank(width, height);
        Graphics2D g = Pictures.graphics(image);
        double trackY = height - 100 * k;                           // the cart's top, 100 px above the bottom
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(0, (int) trackY, width, (int) trackY);
        double cartX = state[0] * scale + width / 2.0;
        double cartW = 50 * k, cartH = 30 * k;
        g.fill(new Rectangle2D.Double(cartX - cartW / 2, trackY - cartH / 2, cartW, cartH));
        double axleY = trackY - cartH / 4;
        double poleW = 10 * k, poleLen = scale * 2 * CartPole.LENGTH;
        AffineTransform saved = g.getTransform();
        g.translate(cartX, axleY);
        g.rotate(state[2]);                                          // θ > 0 leans the pole to the right
        g.setColor(POLE);
        g.fill(new Rectangle2D.Double(-poleW / 2, -(poleLen - poleW / 2), poleW, poleLen));
        g.setTransform(saved);
        g.setColor(AXLE);
        g.fill(new Ellipse2D.Double(cartX - poleW / 2, axleY - poleW / 2, poleW, poleW));
        g.setColor(Color.DARK_GRAY);
        g.drawString(caption, (int) (10 * k), (int) (24 * k) + 4);
        g.dispose();
        return image;
    }
}
