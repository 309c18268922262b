package dev.steepest.train.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.steepest.train.RaceTracks;
import dev.steepest.train.plot.RacePicture.Lap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The race's picture: what its loss panel spans. */
class RacePictureTest {

    private static Lap lap(String name, double... loss) {
        double[] xy = new double[loss.length];
        return new Lap(name, "lr=1", xy, xy, loss);
    }

    @Test
    void aDivergedRunDoesNotSetTheLossAxisSoTheOthersStayReadable() {
        Lap steady = lap("steady", 50, 20, 10);
        Lap diverged = lap("newton", 50, 1e16, 1e29, Double.NaN);
        Lap steadyLonger = lap("steady", 50, 20, 10, 8);
        RacePicture picture = new RacePicture(RaceTracks.RASTRIGIN, List.of(steadyLonger, diverged), 3);
        assertArrayEquals(new double[] {5, 50}, picture.lossRange(), "from the runs that did not diverge (low: at most high / 10)");
        RacePicture allDiverged = new RacePicture(RaceTracks.RASTRIGIN, List.of(diverged), 3);
        assertArrayEquals(new double[] {1e17, 1e29}, allDiverged.lossRange(), 1e12, "every run diverged: all of them");
        RacePicture one = new RacePicture(RaceTracks.RASTRIGIN, List.of(steady), 2);
        assertArrayEquals(new double[] {5, 50}, one.lossRange());
    }
}
