/**
 * Learning-rate schedulers that work with any optimizer plugin, by writing {@code lr} into its
 * groups, with PyTorch's formulas. In reading order: {@link dev.steepest.optim.schedulers.LRScheduler}
 * (the base), {@link dev.steepest.optim.schedulers.StepLR},
 * {@link dev.steepest.optim.schedulers.MultiStepLR}, {@link dev.steepest.optim.schedulers.ExponentialLR},
 * {@link dev.steepest.optim.schedulers.LinearLR}, {@link dev.steepest.optim.schedulers.CosineAnnealingLR},
 * {@link dev.steepest.optim.schedulers.SequentialLR} (one after another) and
 * {@link dev.steepest.optim.schedulers.ReduceLROnPlateau} (driven by a metric).
 */
package dev.steepest.optim.schedulers;
