package dev.steepest.train.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line or scatter plot of named series, drawn by XChart: the examples' one way to make a chart.
 * <pre>
 * new Plot("training loss", "epoch", "loss").logY()
 *         .line("train", epochs, trainLoss)
 *         .line("test", epochs, testLoss)
 *         .png(stream, 640, 400);
 * new Plot("latent space", "z1", "z2").points("digit 3", x, y).image(500, 500);
 * </pre>
 * Series take the next Okabe–Ito colour and marker shape ({@link Colors}) unless given one. The
 * legend sits below the plot, so that it never hides a curve: on one line when the names fit,
 * otherwise one name per line. Non-finite values (and values that
 * are not positive on a logarithmic axis) leave a gap instead of failing. For anything this class
 * does not offer, {@link #chart(int, int)} hands over the XChart chart itself.
 */
public final class Plot {

    private record Label(String text, double x, double y) {
    }

    private record Series(String name, double[] x, double[] y, Color color, Marker marker, boolean line, float width) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private boolean logY;
    private Double xMin;
    private Double xMax;
    private Double yMin;
    private Double yMax;
    private Styler.LegendPosition legend = Styler.LegendPosition.OutsideS;

    /**
     * @param title above the plot
     * @param xLabel under the x axis
     * @param yLabel beside the y axis
     */
    public Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** @return this, with a logarithmic y axis */
    public Plot logY() {
        logY = true;
        return this;
    }

    /** @return this, with the x axis fixed to [min, max] */
    public Plot xRange(double min, double max) {
        xMin = min;
        xMax = max;
        return this;
    }

    /** @return this, with the y axis fixed to [min, max] */
    public Plot yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    /** @return this, with the legend inside the plot's upper right corner (for plots with room there) */
    public Plot legendInside() {
        legend = Styler.LegendPosition.InsideNE;
        return this;
    }

    /**
     * Adds a line through the points (x[i], y[i]) in the next series colour.
     *
     * @param name the legend's text, or null to leave it out of the legend
     * @param x the x values (not modified)
     * @param y the y values, as many as x (not modified)
     * @return this
     */
    public Plot line(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, Colors.series(series.size()), SeriesMarkers.NONE, true, 2f));
    }

    /**
     * Adds a line of a chosen colour and width.
     *
     * @param name the legend's text, or null to leave it out of the legend
     * @param color its colour
     * @param width its width in pixels
     * @param x the x values (not modified)
     * @param y the y values, as many as x (not modified)
     * @return this
     */
    public Plot line(String name, Color color, float width, double[] x, double[] y) {
        return add(new Series(name, x, y, color, SeriesMarkers.NONE, true, width));
    }

    /**
     * Adds points without a line (a scatter plot), in the next series colour and marker shape.
     *
     * @param name the legend's text, or null to leave it out of the legend
     * @param x the x values (not modified)
     * @param y the y values, as many as x (not modified)
     * @return this
     */
    public Plot points(String name, double[] x, double[] y) {
        int i = series.size();
        return add(new Series(name, x, y, Colors.series(i), Colors.marker(i), false, 0f));
    }

    /**
     * Adds points of a chosen colour and marker shape, e.g. {@code SeriesMarkers.CROSS}.
     *
     * @param name the legend's text, or null to leave it out of the legend
     * @param color their colour
     * @param marker their shape
     * @param x the x values (not modified)
     * @param y the y values, as many as x (not modified)
     * @return this
     */
    public Plot points(String name, Color color, Marker marker, double[] x, double[] y) {
        return add(new Series(name, x, y, color, marker, false, 0f));
    }

    /**
     * Writes a short text centred at a data point, e.g. a count beside a stack of markers.
     *
     * @param text what to write
     * @param x where, in data units
     * @param y where, in data units
     * @return this
     */
    public Plot text(String text, double x, double y) {
        labels.add(new Label(text, x, y));
        return this;
    }

    private Plot add(Series s) {
        if (s.x().length != s.y().length) {
            throw new IllegalArgumentException("Plot: series '" + s.name() + "' has " + s.x().length + " x values but "
                    + s.y().length + " y values; give as many of each");
        }
        series.add(s);
        return this;
    }

    /**
     * Builds the XChart chart, for styling this class does not offer (XChart's own API).
     *
     * @param width in pixels
     * @param height in pixels
     * @return a new chart holding every series
     */
    public XYChart chart(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setLegendLayout(fitsOneLine(width) ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendVisible(series.stream().anyMatch(s -> s.name() != null));
        int unnamed = 0;
        for (Series s : series) {
            // XChart needs unique names; an unnamed series gets a hidden one.
            String name = s.name() != null ? s.name() : "\u200b".repeat(++unnamed);
            XYSeries xy = chart.addSeries(name, s.x(), clean(s.y()));
            xy.setShowInLegend(s.name() != null);
            xy.setXYSeriesRenderStyle(s.line() ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            xy.setMarker(s.marker());
            xy.setMarkerColor(s.color());
            xy.setLineColor(s.color());
            if (s.line()) {
                xy.setLineStyle(new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
        }
        breakEqualSpacing(chart, width);
        for (Label l : labels) {
            chart.addAnnotation(new AnnotationText(l.text(), l.x(), l.y(), false));
        }
        return chart;
    }

    /**
     * XChart 3.8.8 puts x ticks on the data's own values when they are equally spaced (steps 0, 1,
     * 2 …). That is right while their labels fit side by side (epochs 1 to 15: no tick at 1.5), but
     * with many values labels such as "112128144" run together. Then one invisible point between the
     * first two values (y = NaN: nothing is drawn) turns it off, and the usual round-number ticks come back.
     */
    private void breakEqualSpacing(XYChart chart, int width) {
        double[] xs = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).filter(Double::isFinite)
                .sorted().distinct().toArray();
        int longest = java.util.Arrays.stream(xs).mapToInt(x -> (x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x)).length())
                .max().orElse(0);
        boolean labelsFit = xs.length * (7 * longest + 10) < width - 80;    // about 7 pixels a character, a gap, the y axis
        if (xs.length >= 3 && !labelsFit) {
            chart.addSeries("\u200b\u200b\u200b-ticks", new double[] {xs[0] + 0.5 * (xs[1] - xs[0])}, new double[] {Double.NaN})
                    .setShowInLegend(false);
        }
    }

    private boolean fitsOneLine(int width) {
        int needed = 0;
        for (Series s : series) {
            needed += s.name() == null ? 0 : 50 + 7 * s.name().length();
        }
        return legend != Styler.LegendPosition.OutsideS || needed < width - 40;
    }

    /** The house style: white, light grid, sans-serif, no boxes around the title or the legend. */
    static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(8);
        styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        styler.setAnnotationTextFontColor(Color.BLACK);
        styler.setAntiAlias(true);
    }

    /** @return the y values with every value XChart cannot place (NaN, infinite, not positive on a log axis) as NaN: a gap */
    private double[] clean(double[] y) {
        double[] c = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            boolean placeable = Double.isFinite(y[i]) && Math.abs(y[i]) < 1e300 && (!logY || y[i] > 0);
            c[i] = placeable ? y[i] : Double.NaN;
        }
        return c;
    }

    /** @return the plot drawn on a new image of the given size */
    public BufferedImage image(int width, int height) {
        return Pictures.of(chart(width, height));
    }

    /**
     * Writes the plot as PNG.
     *
     * @param stream where the bytes go (left open)
     * @param width in pixels
     * @param height in pixels
     * @throws IOException when writing fails
     */
    public void png(OutputStream stream, int width, int height) throws IOException {
        Pictures.png(image(width, height), stream);
    }
}
