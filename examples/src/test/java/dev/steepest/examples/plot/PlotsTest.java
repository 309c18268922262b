package dev.steepest.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

class PlotsTest {

    @Test
    void ticksAreNiceNumbersInsideTheRange() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), Ticks.linear(0, 1, 5));
        assertEquals(List.of(-2.0, -1.0, 0.0, 1.0, 2.0), Ticks.linear(-2, 2, 5));
        assertEquals(List.of(1e-3, 1e-2, 1e-1, 1.0), Ticks.log(1e-3, 1));
        assertEquals("0.25", Ticks.label(0.25));
        assertEquals("1e-04", Ticks.label(1e-4));
        assertEquals("0", Ticks.label(0));
    }

    @Test
    void axesMapDataToPixelsInsideTheBox() {
        Axes axes = new Axes(new Rectangle(0, 0, 400, 300), -1, 1, 0, 1, false);
        Rectangle inner = axes.inner();
        assertEquals(inner.x, axes.px(-1), 1e-9);
        assertEquals(inner.x + inner.width, axes.px(1), 1e-9);
        assertEquals(inner.y + inner.height, axes.py(0), 1e-9, "y grows upwards");
        assertEquals(0.5, axes.dataX(axes.px(0.5)), 1e-9);
        assertEquals("Axes: ranges must be increasing (and positive for a log axis), got x [0.0, 1.0], y [0.0, 1.0], logY=true",
                assertThrows(IllegalArgumentException.class, () -> new Axes(new Rectangle(0, 0, 10, 10), 0, 1, 0, 1, true)).getMessage());
    }

    @Test
    void aLinePlotDrawsItsSeriesInItsColour() {
        double[] x = {0, 1, 2, 3};
        double[] y = {3, 2, 1, 0};
        BufferedImage image = new LinePlot("t", "x", "y").series("down", new Color(0xD62728), 4f, x, y).render(400, 300);
        int red = 0;
        for (int i = 0; i < image.getWidth(); i++) {
            for (int j = 0; j < image.getHeight(); j++) {
                red += image.getRGB(i, j) == (0xFF000000 | 0xD62728) ? 1 : 0;
            }
        }
        assertTrue(red > 300, "the line is drawn: " + red + " red pixels");
        assertEquals("LinePlot.series: 'bad' has 2 x values but 1 y values; give as many of each",
                assertThrows(IllegalArgumentException.class,
                        () -> new LinePlot("t", "x", "y").series("bad", Color.RED, new double[2], new double[1])).getMessage());
    }

    @Test
    void anAnimatedGifKeepsItsFramesTheirDelayAndTheirColours() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AnimatedGif gif = new AnimatedGif(bytes, 120, List.of(Color.RED))) {
            for (int f = 0; f < 5; f++) {
                BufferedImage frame = Pictures.blank(60, 40);
                frame.setRGB(10 * f, 20, Color.RED.getRGB());
                gif.add(frame);
            }
            assertEquals(5, gif.frames());
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(5, reader.getNumImages(true));
        BufferedImage first = reader.read(0);
        assertEquals(60, first.getWidth());
        assertEquals(Color.RED.getRGB(), first.getRGB(0, 20), "an exact palette colour survives");
        assertEquals(Color.WHITE.getRGB(), first.getRGB(5, 5));
        var root = (javax.imageio.metadata.IIOMetadataNode) reader.getImageMetadata(3).getAsTree("javax_imageio_gif_image_1.0");
        var control = (javax.imageio.metadata.IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
        assertEquals("12", control.getAttribute("delayTime"), "120 ms in hundredths of a second");
    }
}
