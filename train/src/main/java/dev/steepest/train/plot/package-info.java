/**
 * A training run's pictures: charts drawn by XChart ({@code org.knowm.xchart}), and by hand only
 * what XChart has no chart for (a contour map's bands and colour bar) or no writer for (an
 * animated GIF that loops). Every picture renders headless ({@code -Djava.awt.headless=true}).
 *
 * <p>Classes in reading order:
 * <ul>
 *   <li>{@link dev.steepest.train.plot.Plot}: lines and scatter points of named series, to PNG
 *       ({@code new Plot(title, x, y).line("loss", steps, losses).png(stream, 640, 400)});</li>
 *   <li>{@link dev.steepest.train.plot.HeatMap}: a grid of values as coloured cells, e.g. a confusion matrix;</li>
 *   <li>{@link dev.steepest.train.plot.Colors}: Okabe–Ito series colours, marker shapes and a light colour map;</li>
 *   <li>{@link dev.steepest.train.plot.ContourMap}: a function of two variables as filled bands with a colour bar, a {@code Plot} over it;</li>
 *   <li>{@link dev.steepest.train.plot.Pictures}: blank canvas, pictures side by side, PNG output;</li>
 *   <li>{@link dev.steepest.train.plot.DigitGrid}: small grey images (digits) in a grid;</li>
 *   <li>{@link dev.steepest.train.plot.RacePicture}: optimizers' paths over a contour map beside their loss, still or animated;</li>
 *   <li>{@link dev.steepest.train.plot.AnimatedGif}: frames with delays, looping forever.</li>
 * </ul>
 */
package dev.steepest.train.plot;
