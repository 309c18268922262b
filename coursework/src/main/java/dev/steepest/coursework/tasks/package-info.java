/**
 * What every submission runs in its child JVM, the grader's own code:
 * {@link dev.steepest.coursework.tasks.RaceTask} (Rosenbrock and Rastrigin), {@link dev.steepest.coursework.tasks.PatternTask}
 * (the seed's classifier from many seeds) and {@link dev.steepest.coursework.tasks.DigitsTask} (a short digits run).
 */
package dev.steepest.coursework.tasks;
