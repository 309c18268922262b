package dev.steepest.train;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The race's two test functions and its loop: an optimizer from a fixed start for a fixed number of
 * steps on Rosenbrock's banana valley and on Rastrigin's egg box, each step through
 * {@code step(closure)} so that L-BFGS-style optimizers race too. The examples' {@code race}
 * chapter and the grader's race task both run their laps here, so a grade and the chapter's table
 * give the same numbers for the same optimizer.
 */
public final class RaceTracks {
    private RaceTracks() {
    }

    /** Rosenbrock from (-1.5, 2), drawn over [-2, 2] x [-1, 3]. */
    public static final Track ROSENBROCK = new Track("rosenbrock", new double[] {-1.5, 2}, new double[] {-2, 2, -1, 3},
            new double[] {1, 1}, RaceTracks::rosenbrock);
    /** Rastrigin from (-2.4, 2.2), drawn over [-3, 3] x [-3, 3]. */
    public static final Track RASTRIGIN = new Track("rastrigin", new double[] {-2.4, 2.2}, new double[] {-3, 3, -3, 3},
            new double[] {0, 0}, RaceTracks::rastrigin);
    /** Both tracks, in the order the race runs them. */
    public static final List<Track> TRACKS = List.of(ROSENBROCK, RASTRIGIN);

    /** (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1). */
    static double rosenbrock(double x, double y) {
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    /** 20 + Σ x_i² - 10 cos(2π x_i), minimum 0 at (0, 0). */
    static double rastrigin(double x, double y) {
        return 20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y);
    }

    /** @return the racing point: the track's start as a tensor [x, y] that requires grad (give it to the optimizer) */
    public static Tensor start(Track track) {
        return Tensor.vector((float) track.start()[0], (float) track.start()[1]).requiresGrad(true);
    }

    /** @return one of the two tracks' functions at p = [x, y], recorded for backward */
    public static Tensor loss(Track track, Tensor p) {
        Tensor x = p.select(0, 0);
        Tensor y = p.select(0, 1);
        if (track.name().equals(ROSENBROCK.name())) {
            return x.neg().add(1f).pow(2f).add(y.sub(x.pow(2f)).pow(2f).mul(100f));
        }
        return p.pow(2f).sub(cos(p.mul((float) (2 * Math.PI))).mul(10f)).sum().add(20f);
    }

    /**
     * Races one optimizer on one track. A run that diverges (a loss that is not finite or above 1e30)
     * stops there; the rest of its points stay NaN.
     *
     * @param track the track
     * @param label the lap's name in tables and legends
     * @param p the point from {@link #start}, which {@code optimizer} moves (modified)
     * @param optimizer the optimizer over {@code p} alone
     * @param steps how many steps at most
     * @param before called before each step (e.g. to explain it); may be a no-op
     * @param after called after each step with the number of steps taken; may be a no-op
     * @return where it went and the loss at each point
     */
    public static Lap lap(Track track, String label, Tensor p, Optimizer optimizer, int steps, Runnable before, IntConsumer after) {
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
            before.run();
            optimizer.step(() -> {          // as PyTorch's optimizer.step(closure): any optimizer, L-BFGS too
                optimizer.zeroGrad();
                Tensor l = loss(track, p);
                optimizer.backward(l);      // l.backward(), keeping the graph for an optimizer that reads curvature
                return l;
            });
            after.accept(step + 1);
        }
        return new Lap(label, dev.steepest.train.command.OptimizerChoice.settings(optimizer), x, y, loss);
    }

    /**
     * cos(x), elementwise, recorded as CosBackward: core has no trigonometry (see the tutorial's Trig).
     * Its rule uses the recorded sin, and sin's the recorded cos, so that a backward with createGraph
     * differentiates it again (Rastrigin's curvature for the optimizers that read it).
     */
    private static Tensor cos(Tensor x) {
        // d(cos x)/dx = -sin x
        return Tensor.record("CosBackward", map(x, true), new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(sin(x)).neg()});
    }

    /** sin(x), elementwise, recorded as SinBackward (for cos's rule). */
    private static Tensor sin(Tensor x) {
        // d(sin x)/dx = cos x
        return Tensor.record("SinBackward", map(x, false), new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(cos(x))});
    }

    /** A fresh tensor of cos or sin of x's values, outside the graph. */
    private static Tensor map(Tensor x, boolean cosine) {
        float[] in = x.toArray();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (cosine ? Math.cos(in[i]) : Math.sin(in[i]));
        }
        return Tensor.of(out, x.shape());
    }
}
