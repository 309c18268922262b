package dev.steepest.examples.dqn;

import dev.steepest.core.Generator;
import java.util.Arrays;

/**
 * CartPole-v1, ported from Gymnasium's {@code CartPoleEnv}: a pole hinged on a cart that moves on
 * a frictionless track; each step pushes the cart left (action 0) or right (action 1) with a force
 * of 10 N. The reward is 1 for every step, including the one that ends the episode; the episode
 * terminates when the pole leans more than 12° or the cart leaves ±2.4 m, and is truncated after
 * 500 steps. The start state is uniform in ±0.05 for all four numbers.
 *
 * <p>The equations are Gymnasium's (from Florian's "Correct equations for the dynamics of the
 * cart-pole system"), integrated with Euler steps of 0.02 s. As in Gymnasium, the state is kept in
 * double precision and observed as float: {@code [x, ẋ, θ, θ̇]}.
 */
public final class CartPole implements Environment {
    static final double GRAVITY = 9.8;
    static final double MASS_CART = 1.0;
    static final double MASS_POLE = 0.1;
    static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    static final double LENGTH = 0.5;                       // half the pole's length
    static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    static final double FORCE_MAG = 10.0;
    static final double TAU = 0.02;                         // seconds between state updates
    static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    static final double X_THRESHOLD = 2.4;
    static final int MAX_EPISODE_STEPS = 500;

    private double[] state;
    private int steps;
    private boolean over = true;

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int actionCount() {
        return 2;
    }

    @Override
    public float[] reset(Generator generator) {
        double[] start = new double[4];
        for (int i = 0; i < 4; i++) {
            start[i] = -0.05 + 0.1 * generator.nextDouble();
        }
        return resetTo(start);
    }

    /**
     * Starts an episode from a given state, e.g. to replay a recorded trajectory.
     *
     * @param start {@code [x, ẋ, θ, θ̇]} (copied)
     * @return the first observation
     */
    public float[] resetTo(double... start) {
        if (start.length != 4) {
            throw new IllegalArgumentException("CartPole: a state has 4 numbers [x, x_dot, theta, theta_dot], got "
                    + start.length + ": " + Arrays.toString(start));
        }
        state = start.clone();
        steps = 0;
        over = false;
        return observation();
    }

    @Override
    public Step step(int action) {
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("CartPole: the action must be 0 (push left) or 1 (push right), got " + action);
        }
        if (over) {
            throw new IllegalStateException("CartPole: the episode is over (or never started); call reset before step");
        }
        double x = state[0], xDot = state[1], theta = state[2], thetaDot = state[3];
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);

        // The equations of motion, as Gymnasium writes them.
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * cosTheta * cosTheta / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;

        // One Euler step.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;
        state = new double[] {x, xDot, theta, thetaDot};
        steps++;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
        boolean truncated = !terminated && steps >= MAX_EPISODE_STEPS;
        over = terminated || truncated;
        return new Step(observation(), 1f, terminated, truncated);
    }

    /** @return the current state {@code [x, ẋ, θ, θ̇]} in double precision (a copy) */
    public double[] state() {
        return state == null ? null : state.clone();
    }

    private float[] observation() {
        return new float[] {(float) state[0], (float) state[1], (float) state[2], (float) state[3]};
    }

    @Override
    public String toString() {
        return "CartPole-v1(state=" + Arrays.toString(state) + ", steps=" + steps + ")";
    }
}
