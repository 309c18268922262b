/**
 * Console output for people, with no library.
 *
 * <p>Classes in reading order:
 * <ul>
 *   <li>{@link dev.steepest.train.console.ProgressBar}: redraws in place on a terminal, plain lines otherwise;</li>
 *   <li>{@link dev.steepest.train.console.Table}: aligned columns, e.g. the race's final losses;</li>
 *   <li>{@link dev.steepest.train.console.ConfusionMatrix}: true class against predicted class.</li>
 * </ul>
 */
package dev.steepest.train.console;
