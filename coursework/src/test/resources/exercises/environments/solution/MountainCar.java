package solution;

import com.google.auto.service.AutoService;
import dev.steepest.core.Generator;
import dev.steepest.coursework.exercise.EnvironmentExercise;

@AutoService(EnvironmentExercise.class)
public final class MountainCar implements EnvironmentExercise {
    static final double MIN_POSITION = -1.2, MAX_POSITION = 0.6, MAX_SPEED = 0.07, GOAL_POSITION = 0.5, GOAL_VELOCITY = 0;
    static final double FORCE = 0.001, GRAVITY = 0.0025;
    static final int TIME_LIMIT = 200;

    private double position, velocity;
    private int steps;
    private boolean running;

    public String environment() { return "mountaincar"; }
    public int observationSize() { return 2; }
    public int actionCount() { return 3; }

    public float[] reset(Generator generator) {
        return resetTo(-0.6 + 0.2 * generator.nextDouble(), 0);
    }

    public float[] resetTo(double... state) {
        position = state[0];
        velocity = state[1];
        steps = 0;
        running = true;
        return new float[] {(float) position, (float) velocity};
    }

    public Step step(int action) {
        if (action < 0 || action > 2) throw new IllegalArgumentException("MountainCar: the action must be 0, 1 or 2, got " + action);
        if (!running) throw new IllegalStateException("MountainCar: no episode is running; call reset first");
        velocity += (action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
        velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
        position += velocity;
        position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) velocity = 0;
        boolean terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
        boolean truncated = !terminated && ++steps >= TIME_LIMIT;
        running = !terminated && !truncated;
        return new Step(new float[] {(float) position, (float) velocity}, -1f, terminated, truncated);
    }
}
