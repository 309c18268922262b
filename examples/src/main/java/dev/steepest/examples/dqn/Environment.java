package dev.steepest.examples.dqn;

import dev.steepest.core.Generator;

/**
 * A task an agent learns by trial and error, in Gymnasium's shape: {@link #reset} starts an
 * episode and returns the first observation, {@link #step} applies one action and returns what
 * followed. {@link CartPole} is one; a learner can implement another (a maze, a bandit) and hand it
 * to the same DQN loop in {@link Dqn}.
 *
 * <p>Observations are float vectors of {@link #observationSize()} numbers, actions are the integers
 * 0..{@code actionCount() - 1}.
 */
public interface Environment {

    /** What one step gave: Gymnasium's {@code (observation, reward, terminated, truncated)}. */
    record Step(float[] observation, float reward, boolean terminated, boolean truncated) {
        /** @return whether the episode is over, by failure or success (terminated) or by a time limit (truncated) */
        public boolean done() {
            return terminated || truncated;
        }
    }

    /** @return how many numbers an observation has */
    int observationSize();

    /** @return how many actions there are */
    int actionCount();

    /**
     * Starts a new episode.
     *
     * @param generator draws the random start state (advanced)
     * @return the first observation
     */
    float[] reset(Generator generator);

    /**
     * Applies one action.
     *
     * @param action in 0..{@code actionCount() - 1}
     * @return the next observation, the reward, and whether the episode ended
     * @throws IllegalArgumentException for an action out of range
     * @throws IllegalStateException when no episode is running (call {@link #reset} first)
     */
    Step step(int action);
}
