/**
 * Pictures with the JDK alone (Java2D and ImageIO, headless): no plotting library.
 *
 * <p>Classes in reading order:
 * <ul>
 *   <li>{@link dev.steepest.examples.plot.Ticks}: nice tick positions and labels;</li>
 *   <li>{@link dev.steepest.examples.plot.Axes}: data-to-pixel mapping, box, ticks, labels, title;</li>
 *   <li>{@link dev.steepest.examples.plot.Colors}: series colours and a light colour map;</li>
 *   <li>{@link dev.steepest.examples.plot.Legend}: the box naming each series;</li>
 *   <li>{@link dev.steepest.examples.plot.LinePlot}: lines and dots on axes;</li>
 *   <li>{@link dev.steepest.examples.plot.ContourMap}: a function of two variables as filled bands, with paths over it;</li>
 *   <li>{@link dev.steepest.examples.plot.Pictures}: blank canvas and PNG output;</li>
 *   <li>{@link dev.steepest.examples.plot.AnimatedGif}: frames with delays, looping forever.</li>
 * </ul>
 */
package dev.steepest.examples.plot;
