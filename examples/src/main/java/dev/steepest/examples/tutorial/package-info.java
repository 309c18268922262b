/**
 * The tutorial the project grew from, one program per part, in reading order:
 * {@link dev.steepest.examples.tutorial.Rating} (an untrained net rates inputs with MSELoss),
 * {@link dev.steepest.examples.tutorial.Pattern} (the classifier of two 4x4 patterns),
 * {@link dev.steepest.examples.tutorial.Parabola} (gradient descent on y = x², with {@code Explain}),
 * {@link dev.steepest.examples.tutorial.Bumps} (local minima; {@code Trig} records sine and cosine),
 * {@link dev.steepest.examples.tutorial.Race} (every optimizer on Rosenbrock and Rastrigin, the tracks and
 * the lap loop shared with the grader in steepest-train's {@code RaceTracks}) and
 * {@link dev.steepest.examples.tutorial.Digits} (a small CNN on real digits, with {@code Checkpoint}, the
 * file, and {@code Resume}, what a resumed run checks and restores).
 */
package dev.steepest.examples.tutorial;
