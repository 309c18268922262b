package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.train.command.Args;
import dev.steepest.train.command.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher: the list of examples, and what each kind of bad input gets (one line on stderr, status 2). */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentOrHelpListsEveryExampleWithOneLineEach() {
        for (String[] args : new String[][] {{}, {"help"}}) {
            Launch.Result r = Launch.inProcess(Map.of(), args);
            assertEquals(0, r.status());
            for (String name : new String[] {"rating", "pattern", "parabola", "bumps", "race", "digits", "pointnet", "names",
                    "autoencoder", "gan", "dqn", "optimizers", "conformance"}) {
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + name + " ")), name + " is listed:\n" + r.out());
            }
            assertEquals("", r.err());
        }
    }

    @Test
    void helpSaysWhatEveryOptionOfEveryChapterDoes() {
        for (Command example : Main.examples()) {
            if (!example.getClass().getPackageName().startsWith("dev.steepest.examples.")) {
                continue;   // grade and conformance are the coursework jar's, with its own help
            }
            Launch.Result r = Launch.inProcess(Map.of(), "help", example.name());
            assertEquals(0, r.status(), r.err());
            for (String option : example.options()) {
                String usage = Args.usage(option);
                assertTrue(option.length() > usage.length() + 2, example.name() + ": " + usage + " has no text saying what it does");
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + usage + " ") && l.endsWith(option.substring(usage.length()).strip())),
                        "help " + example.name() + " shows " + usage + " with its text:\n" + r.out());
            }
        }
        String names = Launch.inProcess(Map.of(), "help", "names").out();
        assertTrue(names.contains("  --heads N                the transformer's attention heads; they split --embedding (default 4)"), names);
    }

    /** Asserts status 2, exactly one line on stderr equal to {@code message}, and no stack trace. */
    private static void assertBadInput(String message, Launch.Result r) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), "one line on stderr:\n" + r.err());
        assertEquals(message, r.err().strip());
    }

    @Test
    void anUnknownExampleIsOneLineSuggestingTheClosestName() {
        assertBadInput("unknown example 'patern'. Did you mean 'pattern'? Available: rating, pattern, parabola, bumps, race, digits, "
                + "pointnet, names, autoencoder, gan, dqn, optimizers, conformance, grade. Run with no argument to list them.",
                Launch.inProcess(Map.of(), "patern"));
    }

    @Test
    void anUnknownOptionNamesTheOptionsThatExist() {
        assertBadInput("pattern: unknown option '--sseds'. Did you mean '--seeds'? Options: --seed S, --seeds N, --out DIR.",
                Launch.inProcess(Map.of(), "pattern", "--sseds", "3"));
        assertBadInput("parabola: option --steps needs a value: --steps N.", Launch.inProcess(Map.of(), "parabola", "--steps"));
    }

    @Test
    void everyProgramSaysWhichOptionLacksItsValueInsteadOfTakingTheNextOption() {
        assertBadInput("pointnet: option --epochs needs a value: --epochs N.", Launch.inProcess(Map.of(), "pointnet", "--epochs", "--seed", "1"));
        int checked = 0;
        for (Command command : Main.examples()) {
            for (String declared : command.options()) {
                String usage = Args.usage(declared);
                if (!usage.startsWith("--") || !usage.contains(" ") || usage.endsWith("]")) {
                    continue;   // a plain argument, a switch or an optional value: nothing is missing
                }
                String option = usage.split(" ")[0];
                assertBadInput(command.name() + ": option " + option + " needs a value: " + usage + ".",
                        Launch.inProcess(Map.of(), command.name(), option, "--out", dir.toString()));
                checked++;
            }
        }
        assertTrue(checked > 40, "options checked: " + checked);
    }

    @Test
    void aBadValueNamesTheOptionTheValueAndTheValidRange() {
        assertBadInput("pattern: --seeds must be an integer in [1, 1000000], got 'many'.",
                Launch.inProcess(Map.of(), "pattern", "--seeds", "many"));
        assertBadInput("parabola: --steps must be an integer in [1, 10000], got '0'.",
                Launch.inProcess(Map.of(), "parabola", "--steps", "0", "--out", dir.toString()));
    }

    @Test
    void anUnknownOrMisspelledOptimizerGetsTheRegistrysMessage() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer", "simplgd"), "pattern");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("unknown optimizer 'simplgd' (from -Doptimizer). Available: adagrad, "), r.err());
        assertTrue(r.err().contains("Did you mean 'simplegd'? Check the spelling, or put the jar that provides 'simplgd' on the classpath."),
                r.err());
        assertEquals(1, r.err().lines().count());
        assertEquals("", r.out(), "the choice is checked before the example prints anything");
    }

    @Test
    void anUnknownOptimizerOptionOrABadValueIsBadInput() {
        Launch.Result key = Launch.inProcess(Map.of("optimizer", "sgd", "optimizer.learning_rate", "0.1"), "pattern");
        assertEquals(2, key.status());
        assertTrue(key.err().contains("learning_rate") && key.err().contains("lr"), key.err());

        Launch.Result value = Launch.inProcess(Map.of("optimizer", "sgd", "optimizer.momentum", "1.5"), "pattern");
        assertEquals(2, value.status());
        assertTrue(value.err().contains("momentum must be in [0, 1), got 1.5"), value.err());
        assertEquals(1, value.err().lines().count());
    }

    @Test
    void anUnwritableOutputFolderIsBadInputBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("in-the-way"), "a file, not a folder");
        Launch.Result r = Launch.inProcess(Map.of(), "parabola", "--out", file.toString());
        assertBadInput("cannot write to output folder '" + file + "': a file of that name is in the way. "
                + "Choose another folder with --out DIR or -Dout=DIR.", r);
        assertFalse(r.out().contains("step"), "nothing ran:\n" + r.out());
    }

    @Test
    void theOutputFolderComesFromOutOrTheOutProperty() throws Exception {
        Path viaOption = dir.resolve("a");
        Launch.Result r = Launch.inProcess(Map.of(), "parabola", "--steps", "3", "--out", viaOption.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("wrote " + viaOption.resolve("parabola.gif")), r.out());
        assertTrue(Files.isRegularFile(viaOption.resolve("parabola-loss.png")));

        Path viaProperty = dir.resolve("b");
        Launch.Result p = Launch.inProcess(Map.of("out", viaProperty.toString()), "parabola", "--steps", "3");
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().contains("wrote " + viaProperty.resolve("parabola.gif")), p.out());
        try (var files = Files.list(viaProperty)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left behind");
        }
    }

    @Test
    void aMissingOrCorruptCheckpointIsBadInput() throws Exception {
        Path missing = dir.resolve("nope.safetensors");
        assertBadInput("cannot resume: checkpoint " + missing + " does not exist; give a file written with --checkpoint FILE",
                Launch.inProcess(Map.of(), "digits", "--resume", missing.toString(), "--out", dir.toString()));

        Path corrupt = Files.write(dir.resolve("corrupt.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Launch.Result r = Launch.inProcess(Map.of(), "digits", "--resume", corrupt.toString(), "--out", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("cannot resume from " + corrupt + ": "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aMissingOrCorruptDataFolderIsBadInput() throws Exception {
        Path none = dir.resolve("mnist");
        Launch.Result missing = Launch.inProcess(Map.of(), "digits", "--data", none.toString(), "--out", dir.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("digits: --data " + none + " is not a folder"), missing.err());

        Files.createDirectories(none);
        Files.write(none.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2});
        Launch.Result missingLabels = Launch.inProcess(Map.of(), "digits", "--data", none.toString(), "--out", dir.toString());
        assertEquals(2, missingLabels.status());
        assertTrue(missingLabels.err().startsWith("digits: " + none + " has no train-labels-idx1-ubyte"), missingLabels.err());

        Files.write(none.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, 7});
        Files.write(none.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9});
        Files.write(none.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 4});
        Launch.Result truncated = Launch.inProcess(Map.of(), "digits", "--data", none.toString(), "--out", dir.toString());
        assertEquals(2, truncated.status());
        assertTrue(truncated.err().contains("train-images-idx3-ubyte: shape [2, 28, 28] needs 1568 bytes of data, but the file holds only 2"),
                truncated.err());
        assertEquals(1, truncated.err().lines().count(), truncated.err());
    }
}
