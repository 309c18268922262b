/**
 * The kit for plugin authors: {@link dev.steepest.optim.conformance.OptimizerConformance} runs a
 * battery of checks over any optimizer plugin on the classpath and returns a
 * {@link dev.steepest.optim.conformance.ConformanceReport}, from a test in one line or from the
 * command line. It needs no test framework.
 */
package dev.steepest.optim.conformance;
