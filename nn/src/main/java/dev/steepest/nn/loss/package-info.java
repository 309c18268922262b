/**
 * Loss functions, each a fused operation with its own backward. In reading order:
 * {@link dev.steepest.nn.loss.Loss} (the base) and {@link dev.steepest.nn.loss.Reduction};
 * regression: {@link dev.steepest.nn.loss.MseLoss}, {@link dev.steepest.nn.loss.L1Loss};
 * binary: {@link dev.steepest.nn.loss.BceLoss}, {@link dev.steepest.nn.loss.BceWithLogitsLoss};
 * classes: {@link dev.steepest.nn.loss.NllLoss}, {@link dev.steepest.nn.loss.CrossEntropyLoss}.
 */
package dev.steepest.nn.loss;
