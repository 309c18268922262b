/**
 * The tutorial programs.
 */
package dev.steepest.examples;
