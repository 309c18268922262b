/**
 * The float32 tensor with reverse-mode autograd.
 */
package dev.steepest.core;
