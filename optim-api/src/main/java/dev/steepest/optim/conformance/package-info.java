/**
 * The kit for plugin authors: {@link dev.steepest.optim.conformance.OptimizerConformance} runs a
 * battery of checks over any optimizer plugin on the classpath and returns a
 * {@link dev.steepest.optim.conformance.ConformanceReport}, from a test in one line or from the
 * command line. It needs no test framework. Inside, in reading order: {@code OptionSets} (the option sets drawn
 * from each hyperparameter's range), {@code Quadratic} (the problem the checks step on), {@code ContractChecks}
 * (the checks), {@code ConformanceReport} (what they found). {@link dev.steepest.optim.conformance.DamagedState}
 * checks that a damaged saved state is refused and changes nothing.
 */
package dev.steepest.optim.conformance;
