package dev.steepest.coursework.exercise;

import dev.steepest.core.Generator;

/**
 * An environment assignment for the deep Q-learning chapter: a student ports one of {@link Catalog#ENVIRONMENTS}
 * (MountainCar-v0, Acrobot-v1) from Gymnasium's equations, in the shape of the chapter's {@code Environment}
 * (reset, then step until the episode ends). The grader replays trajectories recorded from Gymnasium's equations
 * and checks the start states and the refusals ({@link ExerciseCheck#environment}). Registered with
 * {@code @AutoService(EnvironmentExercise.class)}; {@code templates/environment-exercise} is a project to start from.
 *
 * <p>As in Gymnasium, keep the state in double precision and return observations as float.
 */
public interface EnvironmentExercise {

    /** What one step gave: Gymnasium's {@code (observation, reward, terminated, truncated)}. */
    record Step(float[] observation, float reward, boolean terminated, boolean truncated) {
    }

    /** @return which environment of {@link Catalog#ENVIRONMENTS} this is, e.g. {@code "mountaincar"} */
    String environment();

    /** @return how many numbers an observation has */
    int observationSize();

    /** @return how many actions there are (actions are 0..actionCount() - 1) */
    int actionCount();

    /**
     * Starts an episode from a random state drawn as Gymnasium draws it.
     *
     * @param generator draws the start state (advanced)
     * @return the first observation
     */
    float[] reset(Generator generator);

    /**
     * Starts an episode from a given state (Gymnasium's {@code env.unwrapped.state = ...}), to replay a trajectory.
     *
     * @param state the full state, e.g. {@code [position, velocity]} (copied)
     * @return the first observation
     */
    float[] resetTo(double... state);

    /**
     * Applies one action.
     *
     * @throws IllegalArgumentException for an action out of range, naming it
     * @throws IllegalStateException when no episode is running (before reset, or after the episode ended)
     */
    Step step(int action);
}
