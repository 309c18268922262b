package solution;

import com.google.auto.service.AutoService;
import dev.steepest.core.Generator;
import dev.steepest.coursework.exercise.EnvironmentExercise;

@AutoService(EnvironmentExercise.class)
public final class Acrobot implements EnvironmentExercise {
    static final double DT = 0.2, L1 = 1, M1 = 1, M2 = 1, LC1 = 0.5, LC2 = 0.5, I1 = 1, I2 = 1, G = 9.8;
    static final double MAX_VEL_1 = 4 * Math.PI, MAX_VEL_2 = 9 * Math.PI;
    static final double[] TORQUE = {-1, 0, 1};
    static final int TIME_LIMIT = 500;

    private double[] s;
    private int steps;
    private boolean running;

    public String environment() { return "acrobot"; }
    public int observationSize() { return 6; }
    public int actionCount() { return 3; }

    public float[] reset(Generator generator) {
        double[] start = new double[4];
        for (int i = 0; i < 4; i++) start[i] = -0.1 + 0.2 * generator.nextDouble();
        return resetTo(start);
    }

    public float[] resetTo(double... state) {
        s = state.clone();
        steps = 0;
        running = true;
        return observation();
    }

    private float[] observation() {
        return new float[] {(float) Math.cos(s[0]), (float) Math.sin(s[0]), (float) Math.cos(s[1]), (float) Math.sin(s[1]), (float) s[2], (float) s[3]};
    }

    public Step step(int action) {
        if (action < 0 || action > 2) throw new IllegalArgumentException("Acrobot: the action must be 0, 1 or 2, got " + action);
        if (!running) throw new IllegalStateException("Acrobot: no episode is running; call reset first");
        double a = TORQUE[action];
        double[] k1 = dsdt(s, a);
        double[] k2 = dsdt(plus(s, DT / 2, k1), a);
        double[] k3 = dsdt(plus(s, DT / 2, k2), a);
        double[] k4 = dsdt(plus(s, DT, k3), a);
        double[] ns = new double[4];
        for (int i = 0; i < 4; i++) ns[i] = s[i] + DT / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        ns[0] = wrap(ns[0]);
        ns[1] = wrap(ns[1]);
        ns[2] = Math.min(Math.max(ns[2], -MAX_VEL_1), MAX_VEL_1);
        ns[3] = Math.min(Math.max(ns[3], -MAX_VEL_2), MAX_VEL_2);
        s = ns;
        boolean terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
        boolean truncated = !terminated && ++steps >= TIME_LIMIT;
        running = !terminated && !truncated;
        return new Step(observation(), terminated ? 0f : -1f, terminated, truncated);
    }

    private static double[] plus(double[] y, double h, double[] k) {
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) out[i] = y[i] + h * k[i];
        return out;
    }

    private static double wrap(double x) {
        while (x > Math.PI) x -= 2 * Math.PI;
        while (x < -Math.PI) x += 2 * Math.PI;
        return x;
    }

    private static double[] dsdt(double[] s, double a) {
        double theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3];
        double d1 = M1 * LC1 * LC1 + M2 * (L1 * L1 + LC2 * LC2 + 2 * L1 * LC2 * Math.cos(theta2)) + I1 + I2;
        double d2 = M2 * (LC2 * LC2 + L1 * LC2 * Math.cos(theta2)) + I2;
        double phi2 = M2 * LC2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -M2 * L1 * LC2 * dtheta2 * dtheta2 * Math.sin(theta2) - 2 * M2 * L1 * LC2 * dtheta2 * dtheta1 * Math.sin(theta2)
                + (M1 * LC1 + M2 * L1) * G * Math.cos(theta1 - Math.PI / 2) + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - M2 * L1 * LC2 * dtheta1 * dtheta1 * Math.sin(theta2) - phi2)
                / (M2 * LC2 * LC2 + I2 - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2};
    }
}
