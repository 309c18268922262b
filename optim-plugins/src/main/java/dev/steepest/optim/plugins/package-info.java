/**
 * The built-in optimizer plugins.
 */
package dev.steepest.optim.plugins;
