/**
 * Neural-network building blocks.
 */
package dev.steepest.nn;
