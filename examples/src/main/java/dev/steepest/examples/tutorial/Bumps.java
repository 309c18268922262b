package dev.steepest.examples.tutorial;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Diverged;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Run;
import dev.steepest.train.plot.AnimatedGif;
import dev.steepest.train.plot.Plot;
import java.awt.Color;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The seed's closing remark made visible: steepest descent stops in whichever dip it starts
 * above. On the bumpy f(x) = x² + 2·sin(5x) it runs from several seeded starts in [-3, 3] (all
 * at once: each start is one element of the parameter, and f is elementwise), counts the share
 * that ends in the global minimum's basin, prints the second derivative f'' at each end point
 * (positive where it stopped in a dip), and writes {@code bumps.gif}.
 *
 * <p>Default: {@code simplegd} with {@code lr 0.01}, 20 starts, 100 steps, seed 0.
 */
public final class Bumps implements Command {
    static final double LOW = -3;
    static final double HIGH = 3;
    // Okabe–Ito blue, bluish green and vermillion, and two marker shapes: readable without colour vision.
    private static final Color CURVE = new Color(0x0072B2);
    private static final Color GLOBAL = new Color(0x009E73);
    private static final Color LOCAL = new Color(0xD55E00);
    /** Starts closer than this (in x) are drawn as one stack of markers with its count. */
    private static final double SAME_PLACE = 0.04;
    /** The height of one marker in a stack, in units of f. */
    private static final double STACK_STEP = 0.6;

    @Override
    public String name() {
        return "bumps";
    }

    @Override
    public String summary() {
        return "descent on x\u00b2 + 2 sin(5x) from many starts: how many find the global minimum? (GIF)";
    }

    private static final Option STARTS = Option.integer("--starts", "N", 20, 1, 10_000, "starting points drawn in [-3, 3]");
    private static final Option STEPS = Option.integer("--steps", "N", 100, 1, 10_000, "optimizer steps from each start");
    private static final Option SEED = Option.integer("--seed", "S", 0, 0, Integer.MAX_VALUE, "seeds the starting points");

    @Override
    public List<String> options() {
        return Stream.of(STARTS, STEPS, SEED).map(Option::declared).toList();
    }

    /** f(x) = x² + 2·sin(5x), elementwise. */
    // book:start function
    static Tensor f(Tensor x) {
        return x.pow(2f).add(Trig.sin(x.mul(5f)).mul(2f));
    }
    // book:end function

    static double f(double x) {
        return x * x + 2 * Math.sin(5 * x);
    }

    @Override
    public void run(Run run) throws Exception {
        int starts = run.args().integer(STARTS);
        int steps = run.args().integer(STEPS);
        int seed = run.args().integer(SEED);
        PrintStream out = run.out();
        run.output();

        // The starts: uniform in [-3, 3], as torch.manual_seed(seed); torch.rand(starts) * 6 - 3.
        Tensor x = Tensor.rand(new Generator(seed), starts).mul((float) (HIGH - LOW)).add((float) LOW).requiresGrad(true);
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("simplegd", Map.of("lr", 0.01));
        Optimizer optimizer = chosen.create(List.of(x));
        out.println("f(x) = x^2 + 2 sin(5x) from " + starts + " starts with " + chosen.name() + " ("
                + OptimizerChoice.settings(optimizer) + "), "
                + steps + " steps");

        double[][] path = new double[steps + 1][];
        path[0] = toDoubles(x.toArray());
        for (int step = 1; step <= steps; step++) {
            optimizer.step(() -> {          // as PyTorch's optimizer.step(closure): any optimizer, L-BFGS too
                optimizer.zeroGrad();
                Tensor loss = f(x).sum();   // the starts do not interact: d(sum)/dx_i = f'(x_i)
                optimizer.backward(loss);   // loss.backward(), with the graph if the optimizer reads curvature
                return loss;
            });
            path[step] = toDoubles(x.toArray());
        }

        double[] curvature = secondDerivative(path[steps]);
        double[] basin = globalBasin();
        boolean[] found = new boolean[starts];
        int count = 0;
        int diverged = 0;
        out.printf(Locale.ROOT, "global minimum near x = %.4f; its basin is (%.4f, %.4f)%n", basin[2], basin[0], basin[1]);
        out.println("start      from         to    f(to)   f''(to)  basin");
        for (int i = 0; i < starts; i++) {
            double end = path[steps][i];
            found[i] = end > basin[0] && end < basin[1];
            count += found[i] ? 1 : 0;
            boolean lost = !Double.isFinite(f(end));
            diverged += lost ? 1 : 0;
            out.printf(Locale.ROOT, "%5d  %8.4f  %9.4f  %7.4f  %8.3f  %s%n", i, path[0][i], end, f(end), curvature[i],
                    found[i] ? "global" : lost ? "diverged" : "local");
        }
        out.printf(Locale.ROOT, "bumps: optimizer=%s starts=%d steps=%d global_share=%.1f %%%s%n",
                chosen.name(), starts, steps, 100.0 * count / starts, diverged == 0 ? "" : " diverged=" + diverged);
        if (diverged == starts) {
            throw new Diverged("bumps: every one of the " + starts + " descents diverged (f(x) became NaN or infinite); "
                    + "try a smaller learning rate (-Doptimizer.lr)");
        }

        run.output().gif("bumps.gif", 60, List.of(CURVE, GLOBAL, LOCAL), gif -> {     // and bumps.png, its last frame
            for (int step = 0; step <= steps; step++) {
                gif.add(frame(path[step], found, step, chosen.name()).image(560, 400), title(found, step, chosen.name()));
            }
        });
    }

    /**
     * f''(x) at each end point, by differentiating the gradient once more: the gradient is taken with
     * its graph (createGraph), so it can be differentiated again. Positive at a minimum, negative at a
     * maximum; the starts do not interact, so d(Σ f'(xᵢ))/dxᵢ = f''(xᵢ).
     */
    static double[] secondDerivative(double[] ends) {
        float[] at = new float[ends.length];
        for (int i = 0; i < at.length; i++) at[i] = (float) ends[i];
        Tensor x = Tensor.of(at, at.length).requiresGrad(true);
        Tensor slope = Autograd.grad(f(x).sum(), List.of(x), true, true).get(0);    // f'(x), itself recorded (graph kept)
        Tensor curvature = Autograd.grad(slope.sum(), List.of(x)).get(0);             // f''(x) = 2 − 50 sin(5x)
        return toDoubles(curvature.toArray());
    }

    /** @return {left edge, right edge, x} of the global minimum's basin on [LOW - 1, HIGH + 1], found on a fine grid */
    static double[] globalBasin() {
        int n = 200_001;
        double from = LOW - 1;
        double to = HIGH + 1;
        double h = (to - from) / (n - 1);
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (f(from + i * h) < f(from + best * h)) {
                best = i;
            }
        }
        int left = best;
        while (left > 0 && f(from + (left - 1) * h) >= f(from + left * h)) {
            left--;
        }
        int right = best;
        while (right < n - 1 && f(from + (right + 1) * h) >= f(from + right * h)) {
            right++;
        }
        return new double[] {from + left * h, from + right * h, from + best * h};
    }

    /** @return a frame's title: the optimizer, the step, and how many starts end in the global basin */
    static String title(boolean[] found, int step, String optimizer) {
        int inside = 0;
        for (boolean b : found) {
            inside += b ? 1 : 0;
        }
        return String.format(Locale.ROOT, "%s, step %d: %d of %d end in the global basin", optimizer, step, inside, found.length);
    }

    /**
     * One frame: the curve and one marker per start. Starts that have reached the same place are
     * stacked upwards with their count written above, so that twenty starts in five dips show as
     * five stacks, not five dots.
     */
    static Plot frame(double[] positions, boolean[] found, int step, String optimizer) {
        int n = 401;
        double[] cx = new double[n];
        double[] cy = new double[n];
        for (int i = 0; i < n; i++) {
            cx[i] = LOW - 0.5 + (HIGH - LOW + 1) * i / (n - 1);
            cy[i] = f(cx[i]);
        }
        Plot plot = new Plot(title(found, step, optimizer), "x", "f(x) = x\u00b2 + 2 sin(5x)")
                .xRange(LOW - 0.5, HIGH + 0.5).yRange(-3, 14)
                .line(null, CURVE, 1.5f, cx, cy);
        List<double[]> global = new java.util.ArrayList<>();
        List<double[]> local = new java.util.ArrayList<>();
        for (List<Integer> stack : stacks(positions)) {
            double x = positions[stack.get(0)];
            for (int k = 0; k < stack.size(); k++) {
                (found[stack.get(k)] ? global : local).add(new double[] {x, f(x) + k * STACK_STEP});
            }
            if (stack.size() > 1) {
                plot.text("\u00d7" + stack.size(), x, f(x) + stack.size() * STACK_STEP + 0.3);
            }
        }
        if (!global.isEmpty()) {   // a chart series may not be empty: a run where no start (or every start) finds the global basin
            plot.points("ends in the global basin", GLOBAL, SeriesMarkers.CIRCLE, column(global, 0), column(global, 1));
        }
        if (!local.isEmpty()) {
            plot.points("stuck in a local dip", LOCAL, SeriesMarkers.TRIANGLE_DOWN, column(local, 0), column(local, 1));
        }
        return plot;
    }

    /** @return the starts grouped by place: each group the indices whose positions lie within SAME_PLACE of its first, left to right */
    static List<List<Integer>> stacks(double[] positions) {
        Integer[] order = new Integer[positions.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(positions[a], positions[b]));
        List<List<Integer>> stacks = new java.util.ArrayList<>();
        for (int i : order) {
            List<Integer> last = stacks.isEmpty() ? null : stacks.get(stacks.size() - 1);
            if (last != null && Math.abs(positions[i] - positions[last.get(0)]) < SAME_PLACE) {
                last.add(i);
            } else {
                stacks.add(new java.util.ArrayList<>(List.of(i)));
            }
        }
        return stacks;
    }

    private static double[] column(List<double[]> points, int c) {
        return points.stream().mapToDouble(p -> p[c]).toArray();
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
