package dev.steepest.coursework.tasks;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.train.RaceTracks;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.util.List;
import java.util.function.Function;

/**
 * The graded race: an optimizer, with its provider's defaults, from a fixed start for a fixed
 * number of steps on Rosenbrock's banana valley and on Rastrigin's egg box. Each step goes through
 * {@code step(closure)}, so L-BFGS-style optimizers race too. A run is worth its points when it ends
 * below where it started ({@code GradeRow}).
 *
 * <p>The tracks and the loop are steepest-train's {@link RaceTracks}, which the examples' {@code race}
 * chapter runs too; the examples' tests check that both give the same laps.
 */
public final class RaceTask {
    private RaceTask() {
    }

    /** Rosenbrock from (-1.5, 2), then Rastrigin from (-2.4, 2.2), with the windows the scoreboard draws. */
    public static final List<Track> TRACKS = RaceTracks.TRACKS;

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
        Tensor p = RaceTracks.start(track);
        return RaceTracks.lap(track, label, p, make.apply(List.of(p)), steps, () -> { }, step -> { });
    }
}
