package dev.steepest.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

class PlotsTest {

    private static int count(BufferedImage image, Color color) {
        int n = 0;
        for (int i = 0; i < image.getWidth(); i++) {
            for (int j = 0; j < image.getHeight(); j++) {
                n += image.getRGB(i, j) == color.getRGB() ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aPlotDrawsEachSeriesInItsOwnOkabeItoColour() {
        double[] x = {0, 1, 2, 3};
        BufferedImage image = new Plot("t", "x", "y").line("down", x, new double[] {3, 2, 1, 0})
                .line("up", x, new double[] {0, 1, 2, 3}).image(400, 300);
        assertEquals(400, image.getWidth());
        assertTrue(count(image, Colors.series(0)) > 200, "the first line is drawn in blue: " + count(image, Colors.series(0)));
        assertTrue(count(image, Colors.series(1)) > 200, "the second in vermillion: " + count(image, Colors.series(1)));
        assertEquals(new Color(0x0072B2), Colors.series(0));
        assertEquals(new Color(0xD55E00), Colors.series(1));
    }

    @Test
    void aPlotLeavesAGapForValuesItCannotPlaceInsteadOfFailing() {
        double[] x = {1, 2, 3, 4};
        BufferedImage image = new Plot("diverged", "step", "loss").logY()
                .line("run", x, new double[] {1, 0, Double.NaN, Double.POSITIVE_INFINITY}).image(300, 200);
        assertTrue(count(image, Color.WHITE) > 300 * 200 / 2, "drawn on white");
    }

    @Test
    void aSeriesWithMismatchedLengthsIsRefusedWithBothCounts() {
        assertEquals("Plot: series 'bad' has 2 x values but 1 y values; give as many of each",
                assertThrows(IllegalArgumentException.class,
                        () -> new Plot("t", "x", "y").line("bad", new double[2], new double[1])).getMessage());
    }

    @Test
    void aConfusionMatrixShowsTheDiagonalDarkestAndRefusesARaggedGrid() {
        int[][] counts = {{50, 0}, {5, 45}};
        BufferedImage image = HeatMap.confusion("c", List.of("cat", "dog"), counts).image(400, 360);
        assertTrue(count(image, new Color(0x0072B2)) > 1000, "the largest count takes the darkest colour of the scale");
        assertEquals("HeatMap: row 1 has 1 values but there are 2 column names; give one value per column",
                assertThrows(IllegalArgumentException.class, () -> new HeatMap("t", "x", "y", List.of("a", "b"), List.of("r", "s"),
                        new double[][] {{1, 2}, {3}})).getMessage());
    }

    @Test
    void aContourMapFillsItsPlotAreaWithBandsAndAddsAColourBar() {
        ContourMap map = new ContourMap("bowl", (x, y) -> x * x + y * y, -1, 1, -1, 1);
        BufferedImage image = map.image(map.overlay().line("path", new double[] {-1, 0}, new double[] {1, 0}), 500, 400);
        assertEquals(500, image.getWidth());
        assertTrue(count(image, Colors.map(0)) > 100, "the lowest band is drawn");
        assertTrue(count(image, Colors.map(1)) > 100, "the highest band is drawn (corners, and the colour bar's top)");
        assertTrue(count(image, Colors.series(0)) > 50, "the path is drawn over the bands");
    }

    @Test
    void anAnimatedGifKeepsItsFramesTheirDelayAndTheirColours() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AnimatedGif gif = new AnimatedGif(bytes, 120, List.of(Color.RED))) {
            for (int f = 0; f < 5; f++) {
                BufferedImage frame = Pictures.blank(60, 40);
                frame.setRGB(10 * f, 20, Color.RED.getRGB());
                gif.add(frame, "frame " + f);
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
        var comment = (javax.imageio.metadata.IIOMetadataNode) root.getElementsByTagName("CommentExtension").item(0);
        assertEquals("frame 3", comment.getAttribute("value"), "each frame carries its caption");
    }

    @Test
    void aFrameWithoutACaptionIsRefused() throws Exception {
        try (AnimatedGif gif = new AnimatedGif(new ByteArrayOutputStream(), 100, List.of())) {
            assertEquals("AnimatedGif: frame 1 has no caption; say what it shows, e.g. its step",
                    assertThrows(IllegalArgumentException.class, () -> gif.add(Pictures.blank(10, 10), " ")).getMessage());
        }
    }

    @Test
    void noTwoSeriesShareAColourEvenWithMoreSeriesThanThePaletteHas() {
        java.util.Set<Color> colors = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(colors.add(Colors.series(i)), "series " + i + " has a colour of its own: " + Colors.series(i));
        }
        Plot plot = new Plot("fifteen runs", "step", "loss");
        for (int i = 0; i < 15; i++) {
            plot.line("run " + i, new double[] {0, 1}, new double[] {i, i + 1});
        }
        List<Color> lines = plot.chart(800, 600).getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getLineColor()).map(c -> (Color) c).toList();
        assertEquals(15, lines.size());
        assertEquals(15, new java.util.HashSet<>(lines).size(), "fifteen lines, fifteen colours: " + lines);
    }

    @Test
    void ticksOnAFewWholeNumbersAreThoseNumbersAndManyGetRoundOnes() {
        for (int n : new int[] {2, 3, 15, 300}) {
            double[] epochs = new double[n];
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                epochs[i] = i + 1;
                loss[i] = Math.exp(-i);
            }
            var chart = new Plot("loss", "epoch", "loss").logY().line(null, epochs, loss).chart(500, 380);
            List<Double> ticks = new java.util.ArrayList<>();
            chart.setCustomXAxisTickLabelsFormatter(x -> {
                ticks.add(x);
                return Double.toString(x);
            });
            Pictures.of(chart);
            assertTrue(!ticks.isEmpty());
            assertTrue(ticks.stream().allMatch(x -> x == Math.rint(x)), n + " epochs: every tick at a whole epoch, got " + ticks);
            if (n <= 15) {
                assertTrue(ticks.containsAll(java.util.Arrays.stream(epochs).boxed().toList()), n + " epochs: a tick at each, got " + ticks);
            }
        }
    }
}
