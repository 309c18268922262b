package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.examples.Gifs;
import dev.steepest.examples.Launch;
import dev.steepest.optim.Optimizers;
import dev.steepest.train.plot.RacePicture;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import dev.steepest.coursework.tasks.RaceTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The race: every discovered optimizer on Rosenbrock and Rastrigin, a table of final losses, two GIFs. */
class RaceTest {

    @TempDir
    Path out;

    @Test
    void everyBuiltInPluginRunsBothTracksAndAppearsInTheTableAndTheGifs() throws Exception {
        assertTrue(Optimizers.names().containsAll(Launch.BUILT_IN), "the built-in plugins are on the classpath: " + Optimizers.names());
        Launch.Result r = Launch.inProcess(Map.of(), "race", "--steps", "40", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        for (String name : Optimizers.names()) {
            String row = r.line(name + " ");
            String[] cells = row.split("\\s+");
            double rosenbrock = cells[1].equals("diverged") ? Double.NaN : Double.parseDouble(cells[1]);
            assertTrue(cells[1].equals("diverged") || rosenbrock < 1000, row);
            assertTrue(row.contains("lr="), "the hyperparameters are listed: " + row);
        }
        // Newton's method lands exactly on Rosenbrock's minimum (in 7 steps), and so does Newton-CG, its Hessian-free form;
        // L-BFGS (with its closure) comes within 1e-6 in 40; nobody else does.
        assertEquals("race: track=rosenbrock steps=40 tie=newton,newton-cg final_loss=0.000 (2 optimizers end at the same loss: "
                + "no single winner)", r.line("race: track=rosenbrock"));
        double lbfgs = Double.parseDouble(r.line("lbfgs ").split("\\s+")[1]);
        assertTrue(lbfgs < 1e-6, "lbfgs ends at the minimum: " + lbfgs);
        for (String secondOrder : List.of("newton", "newton-cg", "adahessian", "sophia")) {
            assertTrue(r.line(secondOrder + " ").length() > 0, "the optimizers that read curvature race beside the others");
        }
        for (String track : List.of("rosenbrock", "rastrigin")) {
            Gifs.Info gif = Gifs.read(out.resolve("race-" + track + ".gif"));
            assertEquals(41, gif.frames(), "steps 0..40, one frame per step at this budget");
            assertTrue(gif.loops());
            assertEquals(550 + 17 * Optimizers.names().size(), gif.height(), "one caption line per optimizer");
        }
    }

    @Test
    void raceChoosesTheRunnersAndOverridesAHyperparameterPerOptimizer() {
        Launch.Result r = Launch.inProcess(Map.of("race", "sgd,adam", "race.adam.lr", "0.05"), "race", "--steps", "5",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.line("adam ").contains("lr=0.05"), r.line("adam "));
        assertTrue(r.line("sgd ").contains("lr=0.001"), "sgd keeps its provider's default: " + r.line("sgd "));
        assertTrue(r.lines("simplegd ").isEmpty(), "only the named optimizers run");
    }

    @Test
    void anUnknownRunnerOrOverrideIsBadInput() {
        Launch.Result name = Launch.inProcess(Map.of("race", "sgd,adamm"), "race", "--out", out.toString());
        assertEquals(2, name.status());
        assertTrue(name.err().startsWith("unknown optimizer 'adamm'") && name.err().contains("Did you mean 'adam'?"), name.err());

        Launch.Result key = Launch.inProcess(Map.of("race", "sgd", "race.sgd.lr", "-1"), "race", "--out", out.toString());
        assertEquals(2, key.status());
        assertTrue(key.err().contains("lr must be in"), key.err());
    }

    private static Lap lap(String name, double end) {
        return new Lap(name, "lr=1", new double[] {0, 0}, new double[] {0, 0}, new double[] {10, end});
    }

    @Test
    void severalOptimizersAtTheSameFinalLossAreATieNotAWinner() {
        Track rastrigin = Race.TRACKS.get(1);
        assertEquals("race: track=rastrigin steps=1 tie=sgd,adam final_loss=7.960 (2 optimizers end at the same loss: no single winner)",
                Race.result(rastrigin, 1, List.of(lap("sgd", 7.95966), lap("adam", 7.95971), lap("adagrad", 9.5))));
        assertEquals("race: track=rastrigin steps=1 winner=adam final_loss=7.959",
                Race.result(rastrigin, 1, List.of(lap("sgd", 7.961), lap("adam", 7.959))));
        assertEquals("race: track=rastrigin steps=1 winner=none final_loss=diverged",
                Race.result(rastrigin, 1, List.of(lap("sgd", Double.NaN))));
    }

    @Test
    void theMapZoomsToPathsThatStayNearTheStartAndKeepsTheTrackWhenTheySpread() {
        Track rastrigin = Race.TRACKS.get(1);
        Lap near = new Lap("sgd", "", new double[] {-2.4, -2.0}, new double[] {2.2, 2.0}, new double[] {1, 1});
        double[] w = RacePicture.window(rastrigin, List.of(near));
        assertEquals(1.0, w[1] - w[0], 1e-9, "at least one unit wide");
        assertTrue(w[0] < -2.4 && w[1] > -2.0 && w[2] < 2.0 && w[3] > 2.2, java.util.Arrays.toString(w));
        Lap wide = new Lap("sgd", "", new double[] {-2.4, 2.5}, new double[] {2.2, -2.5}, new double[] {1, 1});
        assertEquals(java.util.Arrays.toString(rastrigin.window()),
                java.util.Arrays.toString(RacePicture.window(rastrigin, List.of(wide))));
    }

    @Test
    void theGradersRaceTaskGivesTheChaptersNumbersForEveryOptimizer() {
        assertEquals(Race.TRACKS, RaceTask.TRACKS, "the same tracks");
        for (Track track : Race.TRACKS) {
            for (String name : Launch.BUILT_IN) {
                Lap chapter = Race.lap(track, name, 25);
                Lap task = RaceTask.lap(track, name, 25);
                String what = name + " on " + track.name();
                assertEquals(chapter.settings(), task.settings(), what);
                assertArrayEquals(chapter.x(), task.x(), what + ": x");
                assertArrayEquals(chapter.y(), task.y(), what + ": y");
                assertArrayEquals(chapter.loss(), task.loss(), what + ": loss");
            }
        }
        Lap sgd = RaceTask.lap(RaceTask.TRACKS.get(0), "sgd", 2);
        assertEquals(List.of(-1.5, 2.0), List.of(sgd.x()[0], sgd.y()[0]), "from the start");
        assertEquals(12.5, sgd.loss()[0], 1e-9, "rosenbrock at (-1.5, 2): 2.5² + 100 (2 - 2.25)²");
        assertTrue(sgd.loss()[2] < sgd.loss()[0], "two steps of sgd go downhill: " + java.util.Arrays.toString(sgd.loss()));
    }

    @Test
    void noTwoOptimizersOfTheRaceShareAColour() {
        List<dev.steepest.train.plot.RacePicture.Lap> laps = new java.util.ArrayList<>();
        for (String name : dev.steepest.optim.Optimizers.names()) {
            laps.add(Race.lap(Race.TRACKS.get(0), name, 2));
        }
        assertTrue(laps.size() >= 9, "every built-in optimizer runs: " + laps.size());
        List<java.awt.Color> colors = new dev.steepest.train.plot.RacePicture(Race.TRACKS.get(0), laps, 2).colors();
        assertEquals(colors.size(), new java.util.HashSet<>(colors).size(), "one colour per optimizer (and black for the marks): " + colors);
    }
}
