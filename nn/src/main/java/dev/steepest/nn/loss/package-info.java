/**
 * Loss functions, each a fused operation with its own backward. In reading order:
 * {@link dev.steepest.nn.loss.Loss} (the base) and {@link dev.steepest.nn.loss.Reduction};
 * regression, differentiable in both arguments through {@code Elementwise}: {@link dev.steepest.nn.loss.MseLoss},
 * {@link dev.steepest.nn.loss.L1Loss}, {@link dev.steepest.nn.loss.SmoothL1Loss}, {@link dev.steepest.nn.loss.HuberLoss};
 * distributions: {@link dev.steepest.nn.loss.KLDivLoss};
 * binary: {@link dev.steepest.nn.loss.BceLoss}, {@link dev.steepest.nn.loss.BceWithLogitsLoss};
 * classes: {@link dev.steepest.nn.loss.NllLoss}, {@link dev.steepest.nn.loss.CrossEntropyLoss} (class indices or
 * probabilities, label smoothing). Every loss takes its reduction as the one {@code Reduction} type.
 */
package dev.steepest.nn.loss;
