/**
 * Files on disk, safely: {@link dev.steepest.core.io.SafeTensors} reads and writes the safetensors
 * format (weights and optimizer state), {@link dev.steepest.core.io.SafeTensorsException} reports a
 * malformed file, {@link dev.steepest.core.io.AtomicFile} replaces a file atomically. The header's
 * JSON is written by {@code HeaderWriter} and parsed and checked by {@code HeaderReader};
 * {@code DtypeConversion} turns PyTorch's F64, F16, BF16 and I64 tensors into float32.
 */
package dev.steepest.core.io;
