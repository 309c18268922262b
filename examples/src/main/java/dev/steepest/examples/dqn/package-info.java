/**
 * Deep Q-learning on CartPole-v1: {@link dev.steepest.examples.dqn.Dqn} (the chapter), {@code Environment} (the
 * small interface an environment implements), {@code CartPole} (ported from Gymnasium), {@code ReplayMemory}
 * and {@code CartPolePicture} (the trained agent as a GIF).
 */
package dev.steepest.examples.dqn;
