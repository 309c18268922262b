/**
 * The optimizer SPI.
 */
package dev.steepest.optim;
