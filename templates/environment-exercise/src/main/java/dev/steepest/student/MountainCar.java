package dev.steepest.student;

import com.google.auto.service.AutoService;
import dev.steepest.core.Generator;
import dev.steepest.coursework.exercise.EnvironmentExercise;

/**
 * MountainCar-v0 from Gymnasium's equations (gymnasium/envs/classic_control/mountain_car.py): a car in a valley
 * must rock back and forth to reach the flag at position 0.5. Actions: 0 push left, 1 no push, 2 push right; the
 * reward is −1 every step; the episode terminates at the flag and is truncated after 200 steps. The state is kept in
 * double precision and observed as float, as Gymnasium does. The step's physics is still to do.
 */
@AutoService(EnvironmentExercise.class)
public final class MountainCar implements EnvironmentExercise {
    static final double MIN_POSITION = -1.2, MAX_POSITION = 0.6, MAX_SPEED = 0.07, GOAL_POSITION = 0.5, GOAL_VELOCITY = 0;
    static final double FORCE = 0.001, GRAVITY = 0.0025;
    static final int TIME_LIMIT = 200;

    private double position;
    private double velocity;
    private int steps;
    private boolean running;

    @Override
    public String environment() {
        return "mountaincar";
    }

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public int actionCount() {
        return 3;
    }

    @Override
    public float[] reset(Generator generator) {
        return resetTo(-0.6 + 0.2 * generator.nextDouble(), 0);   // position uniform in [-0.6, -0.4], at rest
    }

    @Override
    public float[] resetTo(double... state) {
        position = state[0];
        velocity = state[1];
        steps = 0;
        running = true;
        return new float[] {(float) position, (float) velocity};
    }

    @Override
    public Step step(int action) {
        if (action < 0 || action > 2) {
            throw new IllegalArgumentException("MountainCar: the action must be 0 (left), 1 (none) or 2 (right), got " + action);
        }
        if (!running) throw new IllegalStateException("MountainCar: no episode is running; call reset first");
        // TODO velocity += (action − 1)·force − gravity·cos(3·position), clipped to ±MAX_SPEED;
        //      position += velocity, clipped to [MIN_POSITION, MAX_POSITION]; at the left wall a car moving left stops
        boolean terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
        boolean truncated = !terminated && ++steps >= TIME_LIMIT;
        running = !terminated && !truncated;
        return new Step(new float[] {(float) position, (float) velocity}, -1f, terminated, truncated);
    }
}
