/**
 * What several chapters share: the {@code optimizers} command ({@link dev.steepest.examples.shared.OptimizerList}),
 * the digits split ({@link dev.steepest.examples.shared.DigitsData}), the digits CNN
 * ({@link dev.steepest.examples.shared.DigitsNet}) and the score it gives generated digits
 * ({@link dev.steepest.examples.shared.DigitsScore}), and a classifier's confusion matrix on its test set
 * ({@link dev.steepest.examples.shared.Evaluate}). No chapter's classes are used here.
 */
package dev.steepest.examples.shared;
