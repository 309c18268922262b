package dev.steepest.examples;

import dev.steepest.examples.plot.AnimatedGif;
import dev.steepest.examples.plot.Colors;
import dev.steepest.examples.plot.ContourMap;
import dev.steepest.examples.plot.LinePlot;
import dev.steepest.examples.plot.Pictures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Draws one track's race as it stands after {@code step} steps: the map with the paths, the loss panel, the captions. */
final class RacePicture {
    private final Race.Track track;
    private final List<Race.Lap> laps;
    private final int steps;
    private final ContourMap map;
    private final double low;
    private final double high;
    private static final int WIDTH = 1000;
    private static final int TOP = 460;

    RacePicture(Race.Track track, List<Race.Lap> laps, int steps) {
        this.track = track;
        this.laps = laps;
        this.steps = steps;
        double[] w = track.window();
        this.map = new ContourMap(track.name() + " from (" + track.start()[0] + ", " + track.start()[1] + ")",
                track::value, new Rectangle(0, 0, 470, TOP), w[0], w[1], w[2], w[3]);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Race.Lap lap : laps) {
            for (double v : lap.loss()) {
                if (Double.isFinite(v) && v > 0 && v < 1e30) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        this.high = max > 0 ? max : 1;
        this.low = Math.max(Math.min(min, high / 10), high * 1e-12);
    }

    List<Color> colors() {
        List<Color> colors = new ArrayList<>();
        for (int i = 0; i < laps.size(); i++) {
            colors.add(Colors.series(i));
        }
        return colors;
    }

    BufferedImage at(int step) {
        BufferedImage image = Pictures.blank(WIDTH, TOP + 12 + 16 * laps.size());
        Graphics2D g = Pictures.graphics(image);
        map.drawMap(g);
        map.drawCross(g, track.minimum()[0], track.minimum()[1]);
        LinePlot plot = new LinePlot("loss against step, step " + step + " of " + steps, "step", "loss").logY()
                .xRange(0, steps).yRange(Math.pow(10, Math.floor(Math.log10(low))), Math.pow(10, Math.ceil(Math.log10(high))));
        double[] axis = new double[step + 1];
        for (int i = 0; i <= step; i++) {
            axis[i] = i;
        }
        for (int i = 0; i < laps.size(); i++) {
            Race.Lap lap = laps.get(i);
            map.drawPath(g, lap.x(), lap.y(), step + 1, Colors.series(i));
            plot.series(lap.optimizer(), Colors.series(i), axis, Arrays.copyOf(lap.loss(), step + 1));
        }
        plot.draw(g, new Rectangle(470, 0, WIDTH - 470, TOP));
        for (int i = 0; i < laps.size(); i++) {
            int baseline = TOP + 14 + 16 * i;
            g.setColor(Colors.series(i));
            g.fillRect(12, baseline - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(laps.get(i).optimizer() + ": " + laps.get(i).settings(), 28, baseline);
        }
        g.dispose();
        return image;
    }

    /** Writes the animation: about 60 frames whatever the budget, the last one the finish. */
    void gif(java.io.OutputStream stream) throws java.io.IOException {
        int every = Math.max(1, (steps + 59) / 60);
        try (AnimatedGif gif = new AnimatedGif(stream, 100, colors())) {
            for (int step = 0; step <= steps; step = step == steps ? steps + 1 : Math.min(steps, step + every)) {
                gif.add(at(step));
            }
        }
    }
}
