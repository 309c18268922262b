package dev.steepest.coursework.tasks;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The graded race: an optimizer, with its provider's defaults, from a fixed start for a fixed
 * number of steps on Rosenbrock's banana valley and on Rastrigin's egg box. Each step goes through
 * {@code step(closure)}, so L-BFGS-style optimizers race too. A run is worth its points when it ends
 * below where it started ({@code GradeRow}).
 *
 * <p>The tracks and the loop are those of the examples' {@code race} chapter, kept here as the
 * grader's own so that a grade does not move when a chapter is edited; the examples' tests check
 * that both give the same laps.
 */
public final class RaceTask {
    private RaceTask() {
    }

    /** Rosenbrock from (-1.5, 2), then Rastrigin from (-2.4, 2.2), with the windows the scoreboard draws. */
    public static final List<Track> TRACKS = List.of(
            new Track("rosenbrock", new double[] {-1.5, 2}, new double[] {-2, 2, -1, 3}, new double[] {1, 1}, RaceTask::rosenbrock),
            new Track("rastrigin", new double[] {-2.4, 2.2}, new double[] {-3, 3, -3, 3}, new double[] {0, 0}, RaceTask::rastrigin));

    /** (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1). */
    static double rosenbrock(double x, double y) {
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    /** 20 + Σ x_i² - 10 cos(2π x_i), minimum 0 at (0, 0). */
    static double rastrigin(double x, double y) {
        return 20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y);
    }

    /** The track's function on a point p = [x, y] that requires grad, recorded for backward. */
    private static Tensor loss(Track track, Tensor p) {
        Tensor x = p.select(0, 0);
        Tensor y = p.select(0, 1);
        if (track.name().equals("rosenbrock")) {
            return x.neg().add(1f).pow(2f).add(y.sub(x.pow(2f)).pow(2f).mul(100f));
        }
        return p.pow(2f).sub(cos(p.mul((float) (2 * Math.PI))).mul(10f)).sum().add(20f);
    }

    /** cos(x), elementwise, recorded as CosBackward: d(cos x)/dx = -sin x. */
    private static Tensor cos(Tensor x) {
        float[] in = x.toArray();
        float[] cos = new float[in.length];
        float[] minusSin = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            cos[i] = (float) Math.cos(in[i]);
            minusSin[i] = (float) -Math.sin(in[i]);
        }
        Tensor derivative = Tensor.of(minusSin, x.shape());
        return Tensor.record("CosBackward", Tensor.of(cos, x.shape()), new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(derivative)});
    }

    /**
     * Runs one optimizer on one track.
     *
     * @param track the track
     * @param name the optimizer, created through its provider with its defaults
     * @param steps how many steps at most (a run that diverges stops, its rest NaN)
     * @return where it went and the loss at each point
     * @throws IllegalArgumentException when the optimizer is unknown or refuses its defaults
     */
    public static Lap lap(Track track, String name, int steps) {
        OptimizerProvider provider = Optimizers.provider(name);
        return lap(track, name, params -> provider.create(params, Options.empty().resolve(provider)), steps);
    }

    /**
     * The same with the optimizer made by {@code make} over the one parameter (the grader's
     * optimizer, whose steps run in a submission's own JVM).
     *
     * @param label the lap's name in a picture's legend
     */
    public static Lap lap(Track track, String label, Function<List<Tensor>, Optimizer> make, int steps) {
        Tensor p = Tensor.vector((float) track.start()[0], (float) track.start()[1]).requiresGrad(true);
        Optimizer optimizer = make.apply(List.of(p));
        double[] x = new double[steps + 1];
        double[] y = new double[steps + 1];
        double[] loss = new double[steps + 1];
        Arrays.fill(x, Double.NaN);
        Arrays.fill(y, Double.NaN);
        Arrays.fill(loss, Double.NaN);
        for (int step = 0; step <= steps; step++) {
            float[] now = p.toArray();
            x[step] = now[0];
            y[step] = now[1];
            loss[step] = track.value().applyAsDouble(now[0], now[1]);
            if (step == steps || !Double.isFinite(loss[step]) || loss[step] > 1e30) {
                break;
            }
            optimizer.step(() -> {
                optimizer.zeroGrad();
                Tensor l = loss(track, p);
                l.backward();
                return l;
            });
        }
        return new Lap(label, OptimizerChoice.settings(optimizer), x, y, loss);
    }
}
