package dev.steepest.train.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A grid of numbers as coloured cells with their values written in, drawn by XChart, e.g. a
 * confusion matrix:
 * <pre>
 * HeatMap.confusion("digits: test set", labels, counts).png(stream, 560, 520);
 * </pre>
 * Row 0 is drawn at the top, as a matrix is printed; cells holding 0 stay blank; a colour bar on
 * the right gives the scale.
 */
public final class HeatMap {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> columns;
    private final List<String> rows;
    private final double[][] values;

    /**
     * @param title above the map
     * @param xLabel under the columns
     * @param yLabel beside the rows
     * @param columns one name per column
     * @param rows one name per row
     * @param values values[row][column] (not modified)
     */
    public HeatMap(String title, String xLabel, String yLabel, List<String> columns, List<String> rows, double[][] values) {
        if (values.length != rows.size()) {
            throw new IllegalArgumentException("HeatMap: " + values.length + " rows of values but " + rows.size()
                    + " row names; give one name per row");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columns.size()) {
                throw new IllegalArgumentException("HeatMap: row " + r + " has " + values[r].length + " values but there are "
                        + columns.size() + " column names; give one value per column");
            }
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.values = values;
    }

    /**
     * A confusion matrix: rows are the true classes, columns the predicted ones.
     *
     * @param title above the map
     * @param labels the class names, in index order
     * @param counts counts[actual][predicted] (not modified)
     * @return the heat map
     */
    public static HeatMap confusion(String title, List<String> labels, int[][] counts) {
        double[][] values = new double[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            values[r] = Arrays.stream(counts[r]).asDoubleStream().toArray();
        }
        return new HeatMap(title, "predicted", "actual", labels, labels, values);
    }

    /**
     * Builds the XChart chart, for styling this class does not offer (XChart's own API).
     *
     * @param width in pixels
     * @param height in pixels
     * @return a new chart
     */
    public HeatMapChart chart(int width, int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Plot.style(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        chart.getStyler().setGradientColorColumnWeight(12);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        chart.getStyler().setHeatMapValueDecimalPattern("#.##");
        chart.getStyler().setRangeColors(new Color[] {new Color(0xE1F1FB), new Color(0x56B4E9), new Color(0x0072B2)});
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                // XChart counts y upwards: row 0 goes to the top. Zero cells are left out (blank),
                // as in the printed matrix, so that the few mistakes stand out.
                if (values[r][c] != 0) {
                    cells.add(new Number[] {c, rows.size() - 1 - r, values[r][c]});
                }
                min = Math.min(min, values[r][c]);
                max = Math.max(max, values[r][c]);
            }
        }
        List<String> bottomUp = new ArrayList<>(rows);
        java.util.Collections.reverse(bottomUp);
        chart.addSeries(title, columns, bottomUp, cells);
        // The scale starts at 0 and its lightest step is already tinted, so that a single mistake shows.
        chart.getStyler().setMin(Math.min(0, min)).setMax(max > min ? max : min + 1);
        return chart;
    }

    /** @return the map drawn on a new image of the given size */
    public BufferedImage image(int width, int height) {
        return Pictures.of(chart(width, height));
    }

    /**
     * Writes the map as PNG.
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
