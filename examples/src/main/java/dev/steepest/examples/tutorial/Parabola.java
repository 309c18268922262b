package dev.steepest.examples.tutorial;

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
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The seed's gradient descent on y = x² from x = 1, with the chosen optimizer and no network:
 * prints the trajectory, writes {@code parabola.gif} (the point sliding down the curve, one frame
 * per step, like the seed's {@code GD_pattern 1.gif}) and {@code parabola-loss.png}.
 *
 * <p>Default: {@code simplegd} with the seed's {@code lr 0.1}, 50 steps.
 */
public final class Parabola implements Command {
    private static final Color CURVE = new Color(0x0072B2);
    private static final Color POINT = new Color(0xD55E00);
    private static final Option STEPS = Option.integer("--steps", "N", 50, 1, 10_000, "gradient steps from x = 1");

    @Override
    public String name() {
        return "parabola";
    }

    @Override
    public String summary() {
        return "gradient descent on y = x\u00b2 from x = 1, as an animated GIF (default simplegd, lr 0.1)";
    }

    @Override
    public List<String> options() {
        return List.of(STEPS.declared(), Explain.OPTION);
    }

    @Override
    public void run(Run run) throws Exception {
        int steps = run.args().integer(STEPS);
        PrintStream out = run.out();
        run.output();

        // The parameter: x = 1, a tensor that records its gradient. There is no network.
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("simplegd", Map.of("lr", 0.1));
        Optimizer optimizer = chosen.create(List.of(x));
        Explain explain = Explain.of(run, optimizer, chosen.name() + " on y = x\u00b2");
        out.println("y = x^2 from x = 1 with " + chosen.name() + " (" + OptimizerChoice.settings(optimizer) + "), " + steps + " steps");

        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        xs[0] = 1;
        ys[0] = 1;
        out.println("step             x             y");
        // book:start loop
        for (int step = 1; step <= steps; step++) {
            explain.before();
            optimizer.step(() -> {          // as PyTorch's optimizer.step(closure): any optimizer, L-BFGS too
                optimizer.zeroGrad();
                Tensor y = x.pow(2f).sum(); // y = x², dy/dx = 2x
                optimizer.backward(y);      // y.backward(), keeping the graph for newton
                return y;
            });                             // x <- x - lr * 2x for simplegd
            explain.after(step);            // with --explain: value, gradient, state buffers and update
            xs[step] = x.item();
            ys[step] = xs[step] * xs[step];
            out.printf(Locale.ROOT, "%4d  %12.6g  %12.6g%n", step, xs[step], ys[step]);
        }
        // book:end loop
        boolean diverged = !Double.isFinite(ys[steps]) || !Float.isFinite((float) ys[steps]);
        out.printf(Locale.ROOT, "parabola: optimizer=%s steps=%d final_x=%s final_y=%s%s%n",
                chosen.name(), steps, Pattern.pythonFloat((float) xs[steps]), Pattern.pythonFloat((float) ys[steps]),
                diverged ? " diverged" : "");
        if (diverged) {
            throw new Diverged("parabola: the descent diverged: y = x² became " + Pattern.pythonFloat((float) ys[steps])
                    + "; try a smaller learning rate (-Doptimizer.lr)");
        }

        run.output().gif("parabola.gif", 80, List.of(CURVE, POINT), gif -> {     // and parabola.png, its last frame
            for (int step = 1; step <= steps; step++) {
                gif.add(frame(xs, ys, step, chosen.name()).image(480, 360), title(xs, ys, step, chosen.name()));
            }
        });
        double[] stepAxis = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            stepAxis[i] = i;
        }
        boolean positive = java.util.Arrays.stream(ys).allMatch(v -> v > 0);
        Plot loss = new Plot("y = x\u00b2 against step (" + chosen.name() + ")", "step", "y");
        if (positive) {
            loss.logY();
        }
        loss.line(null, stepAxis, ys);
        run.output().write("parabola-loss.png", stream -> loss.png(stream, 640, 400));
    }

    /** @return a frame's title: the optimizer, the step, and where it got to */
    static String title(double[] xs, double[] ys, int step, String optimizer) {
        return String.format(Locale.ROOT, "%s, step %d: x = %.4f, y = %.4f", optimizer, step, xs[step], ys[step]);
    }

    /** One frame: the curve, the step from x[step-1] to x[step] as a thick vermillion stroke, and the point. */
    static Plot frame(double[] xs, double[] ys, int step, String optimizer) {
        double reach = 1;
        for (double v : xs) {
            if (Double.isFinite(v)) {
                reach = Math.max(reach, Math.abs(v));
            }
        }
        reach = Math.min(reach, 1e3);
        int n = 201;
        double[] cx = new double[n];
        double[] cy = new double[n];
        for (int i = 0; i < n; i++) {
            cx[i] = -reach + 2 * reach * i / (n - 1);
            cy[i] = cx[i] * cx[i];
        }
        return new Plot(title(xs, ys, step, optimizer), "x", "y")
                .xRange(-reach, reach).yRange(0, reach * reach)
                .line(null, CURVE, 1.5f, cx, cy)
                .line(null, POINT, 6f, new double[] {xs[step - 1], xs[step]}, new double[] {ys[step - 1], ys[step]})
                .points(null, POINT, SeriesMarkers.CIRCLE, new double[] {xs[step]}, new double[] {ys[step]});
    }
}
