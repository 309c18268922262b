/**
 * Data for training. In reading order: {@link dev.steepest.nn.data.Dataset} and its
 * {@link dev.steepest.nn.data.Sample}, {@link dev.steepest.nn.data.TensorDataset},
 * {@link dev.steepest.nn.data.Subset} and {@link dev.steepest.nn.data.RandomSplit} (torch's random_split),
 * {@link dev.steepest.nn.data.DataLoader} and its {@link dev.steepest.nn.data.Batch}; files:
 * {@link dev.steepest.nn.data.Csv} (plain or gzip), {@link dev.steepest.nn.data.Idx} (MNIST's format);
 * the data sets shipped as resources: {@link dev.steepest.nn.data.Digits}, {@link dev.steepest.nn.data.Iris}.
 */
package dev.steepest.nn.data;
