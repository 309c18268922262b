package dev.steepest.train.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws optimizers racing on one function of two variables (a {@link Track}) as the race stands
 * after {@code step} steps: the contour map with the paths (left) and the loss against step
 * (right), each optimizer in its own colour and marker shape, and under both one caption line per
 * optimizer ({@link Lap}): its marker, its name and every setting. {@link #frames} animates the race.
 *
 * <p>The captions are drawn by hand: XChart centres a legend under its own chart, and these lines
 * (up to 140 characters) must span both panels.
 */
public final class RacePicture {

    /**
     * A function of two variables to race on.
     *
     * @param name its name, in the title
     * @param start where every optimizer starts, {x, y}
     * @param window the map drawn, {x0, x1, y0, y1} (zoomed to the paths when they stay in a corner)
     * @param minimum where its global minimum is, {x, y}, marked on the map
     * @param value the function
     */
    public record Track(String name, double[] start, double[] window, double[] minimum, DoubleBinaryOperator value) {
    }

    /**
     * One optimizer's run on a track: where it went and the loss at each point, from the start
     * (index 0) on; a diverged run ends in NaN.
     *
     * @param optimizer its name
     * @param settings every setting it ran with, for the caption
     * @param x the x of each point
     * @param y the y of each point
     * @param loss the loss at each point
     */
    public record Lap(String optimizer, String settings, double[] x, double[] y, double[] loss) {
        /** @return the loss at the last point */
        public double finalLoss() {
            return loss[loss.length - 1];
        }
    }

    private static final int MAP_WIDTH = 540;
    private static final int LOSS_WIDTH = 500;
    private static final int HEIGHT = 540;
    private static final int LINE = 17;
    /** Markers along a path, about this many, so that paths of the same colour family stay apart. */
    private static final int MARKS = 8;

    private final Track track;
    private final List<Lap> laps;
    private final int steps;
    private final ContourMap map;
    private final boolean minimumOnMap;
    private final double low;
    private final double high;

    /**
     * @param track the function raced on
     * @param laps each optimizer's run, in the order of their colours
     * @param steps the step budget (the loss panel's x range)
     */
    public RacePicture(Track track, List<Lap> laps, int steps) {
        this.track = track;
        this.laps = laps;
        this.steps = steps;
        double[] w = window(track, laps);
        this.minimumOnMap = inside(w, track.minimum()[0], track.minimum()[1]);
        String title = track.name() + " from (" + number(track.start()[0]) + ", " + number(track.start()[1]) + ")"
                + (Arrays.equals(w, track.window()) ? "" : ", zoomed to the paths");
        this.map = new ContourMap(title, track.value(), w[0], w[1], w[2], w[3]);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        // The loss axis spans the runs that did not diverge (a diverged one is drawn off the top), so
        // that one run heading for 1e29 does not flatten every other curve; all runs if all diverged.
        boolean anyKept = laps.stream().anyMatch(l -> !diverged(l));
        for (Lap lap : laps) {
            if (anyKept && diverged(lap)) continue;
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

    /**
     * The map's window: the track's own when the paths spread over it, otherwise the box around
     * where the paths go (with a margin, at least one unit wide), so that paths that stay near
     * the start are not a pile of pixels.
     *
     * @param track the track, with its own window
     * @param laps the paths
     * @return {x0, x1, y0, y1}
     */
    public static double[] window(Track track, List<Lap> laps) {
        double[] t = track.window();
        double x0 = track.start()[0];
        double x1 = x0;
        double y0 = track.start()[1];
        double y1 = y0;
        for (Lap lap : laps) {
            for (int i = 0; i < lap.x().length; i++) {
                if (inside(t, lap.x()[i], lap.y()[i])) {
                    x0 = Math.min(x0, lap.x()[i]);
                    x1 = Math.max(x1, lap.x()[i]);
                    y0 = Math.min(y0, lap.y()[i]);
                    y1 = Math.max(y1, lap.y()[i]);
                }
            }
        }
        double side = Math.max(1, Math.max(x1 - x0, y1 - y0) * 1.3);
        if (side > 0.5 * Math.min(t[1] - t[0], t[3] - t[2])) {
            return t;
        }
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        return new double[] {cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2};
    }

    private static boolean inside(double[] w, double x, double y) {
        return x >= w[0] && x <= w[1] && y >= w[2] && y <= w[3];
    }

    /** @return the colours the picture draws with: black for the marks, then one per path, no two alike */
    public List<Color> colors() {
        List<Color> colors = new ArrayList<>(List.of(Color.BLACK));
        for (int i = 0; i < laps.size(); i++) {
            colors.add(Colors.series(i));
        }
        return colors;
    }

    /**
     * @param step how far the race has gone (0 to the step budget)
     * @return the caption of the picture at that step, the loss panel's title
     */
    public String title(int step) {
        return "loss against step, step " + step + " of " + steps;
    }

    /**
     * @param step how far the race has gone (0 to the step budget)
     * @return the picture of the race at that step
     */
    public BufferedImage at(int step) {
        Plot overlay = map.overlay();
        Plot loss = new Plot(title(step), "step", "loss").logY()
                .xRange(0, steps).yRange(Math.pow(10, Math.floor(Math.log10(low))), Math.pow(10, Math.ceil(Math.log10(high))));
        double[] axis = new double[step + 1];
        for (int i = 0; i <= step; i++) {
            axis[i] = i;
        }
        for (int i = 0; i < laps.size(); i++) {
            Lap lap = laps.get(i);
            int end = lastFinite(lap, step);
            double[] x = Arrays.copyOf(lap.x(), end + 1);
            double[] y = Arrays.copyOf(lap.y(), end + 1);
            int[] marks = marks(i, end);
            overlay.line(null, Colors.series(i), 2f, x, y);
            overlay.points(null, Colors.series(i), Colors.marker(i), pick(x, marks), pick(y, marks));
            double[] l = Arrays.copyOf(lap.loss(), step + 1);
            loss.line(null, Colors.series(i), 2f, axis, l);
            loss.points(null, Colors.series(i), Colors.marker(i), pick(axis, marks), pick(l, marks));
        }
        // The start and the minimum last, so that no path hides them.
        overlay.points("start", Color.BLACK, SeriesMarkers.CIRCLE, new double[] {track.start()[0]}, new double[] {track.start()[1]});
        String minimum = "global minimum (" + number(track.minimum()[0]) + ", " + number(track.minimum()[1]) + "), f = 0";
        overlay.points(minimumOnMap ? minimum : minimum + ": off this map", Color.BLACK, SeriesMarkers.CROSS,
                new double[] {minimumOnMap ? track.minimum()[0] : Double.NaN}, new double[] {track.minimum()[1]});
        BufferedImage panels = Pictures.beside(map.image(overlay, MAP_WIDTH, HEIGHT), loss.image(LOSS_WIDTH, HEIGHT));
        BufferedImage image = Pictures.blank(panels.getWidth(), HEIGHT + 10 + LINE * laps.size());
        Graphics2D g = Pictures.graphics(image);
        g.drawImage(panels, 0, 0, null);
        for (int i = 0; i < laps.size(); i++) {
            int baseline = HEIGHT + 4 + LINE * (i + 1);
            g.setColor(Colors.series(i));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(14, baseline - 4, 40, baseline - 4);
            Colors.marker(i).paint(g, 27, baseline - 4, 9);
            g.setColor(Color.BLACK);
            g.drawString(laps.get(i).optimizer() + ": " + laps.get(i).settings(), 50, baseline);
        }
        g.dispose();
        return image;
    }

    /** @return the loss panel's range {low, high} before rounding to powers of ten */
    double[] lossRange() {
        return new double[] {low, high};
    }

    /** @return whether the run diverged: it stopped before its budget (its last points NaN) or ended above 1e30 */
    private static boolean diverged(Lap lap) {
        return !(Double.isFinite(lap.finalLoss()) && lap.finalLoss() <= 1e30);
    }

    /** @return the last step up to {@code step} whose point is finite (a diverged path stops there) */
    private static int lastFinite(Lap lap, int step) {
        int end = 0;
        for (int i = 0; i <= step && i < lap.x().length; i++) {
            if (!Double.isFinite(lap.x()[i]) || !Double.isFinite(lap.y()[i]) || Math.abs(lap.x()[i]) > 1e6 || Math.abs(lap.y()[i]) > 1e6) {
                break;
            }
            end = i;
        }
        return end;
    }

    /** @return where the i-th path gets its markers: every few steps, shifted per path so that they do not stack, and the end */
    private int[] marks(int path, int end) {
        int every = Math.max(1, steps / MARKS);
        int first = path * every / Math.max(1, laps.size());
        List<Integer> at = new ArrayList<>();
        for (int s = first; s < end; s += every) {
            at.add(s);
        }
        at.add(end);
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] pick(double[] values, int[] at) {
        double[] picked = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            picked[k] = values[at[k]];
        }
        return picked;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Adds the animation's frames, each captioned with its step: about 60 whatever the budget, the last one the finish.
     *
     * @param gif the animation (for {@code Output.gif}, which also writes the last frame as a PNG)
     * @throws java.io.IOException when writing fails
     */
    public void frames(AnimatedGif gif) throws java.io.IOException {
        int every = Math.max(1, (steps + 59) / 60);
        for (int step = 0; step <= steps; step = step == steps ? steps + 1 : Math.min(steps, step + every)) {
            gif.add(at(step), title(step));
        }
    }
}
