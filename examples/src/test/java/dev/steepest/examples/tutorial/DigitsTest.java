package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.examples.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digits CNN: the accuracy it promises, and a resumed run that equals an uninterrupted one. */
class DigitsTest {
    @TempDir
    Path dir;

    private static double accuracy(Launch.Result r) {
        return Double.parseDouble(r.line("digits: ").replaceAll(".*test_accuracy=([0-9.]+) %", "$1"));
    }

    @Test
    void theDefaultRunReachesNinetySevenPercentOnTheTestSet() throws Exception {
        Launch.Result r = Launch.inProcess(Map.of(), "digits", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        double accuracy = accuracy(r);
        assertTrue(accuracy >= 97.0, "test accuracy " + accuracy + " %\n" + r.out());
        assertTrue(r.line("digits: ").startsWith("digits: optimizer=adam epochs=15 test_accuracy="), r.line("digits: "));
        assertEquals(15, r.lines("epoch ").stream().filter(l -> l.contains("train_loss=")).count());
        assertTrue(r.out().contains("true \\ predicted"), "the confusion matrix is printed");
        assertTrue(Files.size(dir.resolve("digits-curves.png")) > 0);
        assertEquals(560, javax.imageio.ImageIO.read(dir.resolve("digits-confusion.png").toFile()).getWidth(), "the confusion matrix as a picture");
        assertTrue(r.lines("epoch 1/15 [").size() >= 1, "a progress bar, as plain lines when not on a terminal");
    }

    @Test
    void aResumedRunContinuesExactlyAsAnUninterruptedOne() {
        Path checkpoint = dir.resolve("digits.safetensors");
        Launch.Result whole = Launch.inProcess(Map.of(), "digits", "--epochs", "4", "--out", dir.toString());
        Launch.Result first = Launch.inProcess(Map.of(), "digits", "--epochs", "4", "--until", "2", "--checkpoint",
                checkpoint.toString(), "--out", dir.toString());
        Launch.Result rest = Launch.inProcess(Map.of(), "digits", "--resume", checkpoint.toString(), "--out", dir.toString());
        for (Launch.Result r : List.of(whole, first, rest)) {
            assertEquals(0, r.status(), r.err());
        }
        List<String> wholeEpochs = whole.lines("epoch ").stream().filter(l -> l.contains("train_loss=")).toList();
        List<String> firstEpochs = first.lines("epoch ").stream().filter(l -> l.contains("train_loss=")).toList();
        List<String> restEpochs = rest.lines("epoch ").stream().filter(l -> l.contains("train_loss=")).toList();
        assertEquals(wholeEpochs.subList(0, 2), firstEpochs);
        assertEquals(wholeEpochs.subList(2, 4), restEpochs, "the same losses, accuracies and learning rates after resuming");
        assertTrue(rest.out().contains("resumed after epoch 2 of 4"), rest.out());
        assertEquals(whole.line("digits: "), rest.line("digits: "));
    }

    @Test
    void resumingWithAnotherOptimizerOrSeedIsRefused() {
        Path checkpoint = dir.resolve("one.safetensors");
        Launch.Result first = Launch.inProcess(Map.of(), "digits", "--epochs", "2", "--until", "1", "--checkpoint",
                checkpoint.toString(), "--out", dir.toString());
        assertEquals(0, first.status(), first.err());
        Launch.Result other = Launch.inProcess(Map.of("optimizer", "sgd"), "digits", "--resume", checkpoint.toString(),
                "--out", dir.toString());
        assertEquals(2, other.status());
        assertEquals("digits: the checkpoint was trained with optimizer adam, not sgd; resume with -Doptimizer=adam", other.err().strip());
        Launch.Result seed = Launch.inProcess(Map.of(), "digits", "--resume", checkpoint.toString(), "--seed", "3",
                "--out", dir.toString());
        assertEquals(2, seed.status());
        assertTrue(seed.err().startsWith("digits: the checkpoint was trained with --seed 0, not 3"), seed.err());
    }
}
