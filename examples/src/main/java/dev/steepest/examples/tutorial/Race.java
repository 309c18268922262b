package dev.steepest.examples.tutorial;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.train.RaceTracks;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.Table;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.RacePicture;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every discovered optimizer (or those named with {@code -Drace=adam,sgd}) from the same start with
 * the same step budget on two classic test functions, Rosenbrock's banana valley and Rastrigin's
 * egg box: a table of final losses, and for each function an animated GIF of the paths over its
 * contour map beside a loss-against-step panel, captioned with the hyperparameters used
 * ({@link RacePicture}, one {@link Lap} per optimizer).
 *
 * <p>Each optimizer runs with its provider's defaults. Override one with
 * {@code -Drace.NAME.KEY=VALUE}, e.g. {@code -Drace.sgd.lr=0.0005 -Drace.adam.lr=0.05}.
 */
public final class Race implements Command {

    /** Rosenbrock, then Rastrigin: the tracks the grader's race task runs too. */
    static final List<Track> TRACKS = RaceTracks.TRACKS;
    private static final Option STEPS = Option.integer("--steps", "N", 300, 1, 100_000, "steps each optimizer takes on each track");

    @Override
    public String name() {
        return "race";
    }

    @Override
    public String summary() {
        return "every optimizer on Rosenbrock and Rastrigin: paths over the contour map (GIF) and final losses";
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
        List<String> names = chosenNames();
        checkOverrides(names);
        out.println("race: " + String.join(", ", names) + "; " + steps + " steps each"
                + " (override a hyperparameter with -Drace.NAME.KEY=VALUE)");

        List<List<Lap>> byTrack = new ArrayList<>();
        for (Track track : TRACKS) {
            List<Lap> laps = new ArrayList<>();
            for (String name : names) {
                laps.add(lap(track, name, steps, out, Explain.steps(run)));
            }
            byTrack.add(laps);
        }

        Table table = new Table("optimizer", "rosenbrock", "rastrigin", "hyperparameters");
        for (int i = 0; i < names.size(); i++) {
            table.row(names.get(i), loss(byTrack.get(0).get(i).finalLoss()), loss(byTrack.get(1).get(i).finalLoss()),
                    byTrack.get(0).get(i).settings());
        }
        out.println("final loss after " + steps + " steps (minimum 0 on both):");
        out.print(table);
        for (int t = 0; t < TRACKS.size(); t++) {
            out.println(result(TRACKS.get(t), steps, byTrack.get(t)));
        }
        for (int t = 0; t < TRACKS.size(); t++) {
            Track track = TRACKS.get(t);
            List<Lap> laps = byTrack.get(t);
            RacePicture picture = new RacePicture(track, laps, steps);
            run.output().gif("race-" + track.name() + ".gif", 100, picture.colors(), picture::frames);   // and its last frame as .png
        }
    }

    /**
     * @return the track's result line: the winner, or a tie when several optimizers end at the
     *     lowest loss as printed (four significant digits), or none when every run diverged
     */
    static String result(Track track, int steps, List<Lap> laps) {
        Lap best = laps.stream()
                .filter(l -> Double.isFinite(l.finalLoss()) && l.finalLoss() < 1e30)
                .min((a, b) -> Double.compare(a.finalLoss(), b.finalLoss())).orElse(null);
        String head = String.format(Locale.ROOT, "race: track=%s steps=%d ", track.name(), steps);
        if (best == null) {
            return head + "winner=none final_loss=diverged";
        }
        List<String> tied = laps.stream().filter(l -> loss(l.finalLoss()).equals(loss(best.finalLoss())))
                .map(Lap::optimizer).toList();
        if (tied.size() > 1) {
            return head + "tie=" + String.join(",", tied) + " final_loss=" + loss(best.finalLoss())
                    + " (" + tied.size() + " optimizers end at the same loss: no single winner)";
        }
        return head + "winner=" + best.optimizer() + " final_loss=" + loss(best.finalLoss());
    }

    /** @return -Drace's names, or every discovered optimizer */
    static List<String> chosenNames() {
        String list = System.getProperty("race");
        List<String> names = new ArrayList<>();
        if (list == null || list.isBlank()) {
            names.addAll(BadInput.check(Optimizers::names));
            if (names.isEmpty()) {
                throw new BadInput("race: no optimizers found on the classpath; add steepest-optim-plugins or a plugin jar");
            }
            return names;
        }
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty() && !names.contains(trimmed)) {
                BadInput.check(() -> Optimizers.provider(trimmed));
                names.add(trimmed);
            }
        }
        if (names.isEmpty()) {
            throw new BadInput("race: -Drace='" + list + "' names no optimizer; give a comma-separated list such as -Drace=sgd,adam");
        }
        return names;
    }

    /**
     * Every {@code -Drace.NAME.KEY=VALUE} must name an optimizer in the race and one of its
     * hyperparameters, with a valid value: checked before the race starts, never silently ignored.
     */
    static void checkOverrides(List<String> names) {
        for (String key : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (!key.startsWith("race.")) {
                continue;
            }
            String rest = key.substring(5);
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new BadInput("race: -D" + key + " names no hyperparameter; write -Drace.NAME.KEY=VALUE, e.g. -Drace.adam.lr=0.05");
            }
            if (!names.contains(name)) {
                throw new BadInput("race: -D" + key + " is for '" + name + "', which is not in the race (" + String.join(", ", names)
                        + ")." + dev.steepest.optim.Names.didYouMean(name, names) + " Add it with -Drace=… or drop the option.");
            }
            OptimizerProvider provider = BadInput.check(() -> Optimizers.provider(name));
            Options options = Options.fromProperties(System.getProperties(), "race." + name + ".");
            BadInput.check(() -> options.resolve(name, provider.hyperparameters()));
        }
    }

    /** Runs one optimizer on one track: the visible loop, each step through step(closure). */
    static Lap lap(Track track, String name, int steps) {
        return lap(track, name, steps, null, 0);
    }

    /** The same, explaining the first {@code explainSteps} steps on {@code out} (see {@link Explain}). */
    static Lap lap(Track track, String name, int steps, PrintStream out, int explainSteps) {
        Tensor p = RaceTracks.start(track);
        Options options = Options.fromProperties(System.getProperties(), "race." + name + ".");
        // Created through the provider: the table and the captions name every setting.
        OptimizerProvider provider = BadInput.check(() -> Optimizers.provider(name));
        Options resolved = BadInput.check(() -> options.resolve(provider));
        Optimizer optimizer = BadInput.check(() -> provider.create(List.of(p), resolved));   // its other failures are the plugin's
        Explain explain = Explain.of(out, optimizer, name + " on " + track.name(), explainSteps);
        // The loop (RaceTracks.lap): record where p is and its loss, then optimizer.step(closure), until the budget is spent.
        return RaceTracks.lap(track, name, p, optimizer, steps, explain::before, explain::after);
    }

    private static String loss(double value) {
        return Double.isFinite(value) && value < 1e30 ? String.format(Locale.ROOT, "%.4g", value) : "diverged";
    }
}
