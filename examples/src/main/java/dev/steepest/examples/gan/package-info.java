/**
 * A DCGAN on the 8x8 digits: {@link dev.steepest.examples.gan.Gan}, generator, discriminator and the visible
 * two-optimizer loop in one file; the digits CNN of the shared package scores its samples.
 */
package dev.steepest.examples.gan;
