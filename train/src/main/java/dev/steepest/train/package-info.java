/**
 * A training loop's tools, as a library: {@link dev.steepest.train.MetricsLog} (a run's numbers as CSV, appended
 * and read back), {@link dev.steepest.train.RaceTracks} (the race's test functions and loop, which the race
 * chapter and the grader share); the progress bar, tables and confusion matrix are in {@link dev.steepest.train.console}, the
 * pictures in {@link dev.steepest.train.plot}, a program's command line in {@link dev.steepest.train.command}.
 */
package dev.steepest.train;
