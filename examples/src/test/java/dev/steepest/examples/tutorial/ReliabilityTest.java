package dev.steepest.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.examples.Launch;
import dev.steepest.examples.shared.DigitsNet;
import dev.steepest.train.command.BadInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a user (or a file) can do wrong and how each is told, as issue 11 lists it: a well-formed
 * checkpoint whose facts are absurd, a resume that contradicts the command line, a header that is
 * not UTF-8, an unwritable checkpoint, a run that diverges, numbers that are not plain decimal.
 * Each is refused with exit 2 (or reported with exit 1 for a diverged run) and one line that says
 * what is wrong, before anything trains.
 */
class ReliabilityTest {

    @TempDir
    static Path dir;

    /** digits --epochs 2 --until 1: a real checkpoint after one of two epochs. */
    static Path good;

    @BeforeAll
    static void writeARealCheckpoint() {
        good = dir.resolve("good.safetensors");
        Launch.Result r = Launch.inProcess(Map.of(), "digits", "--epochs", "2", "--until", "1", "--checkpoint", good.toString(),
                "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
    }

    /** The good checkpoint with its tensors and metadata changed by {@code change}, written as a well-formed file. */
    static Path changed(String name, Consumer<Map<String, String>> metadata, Consumer<Map<String, Tensor>> tensors) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(good);
        Map<String, String> m = new TreeMap<>(c.metadata());
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        metadata.accept(m);
        tensors.accept(t);
        Path file = dir.resolve(name + ".safetensors");
        SafeTensors.write(file, t, m);
        return file;
    }

    static Launch.Result resume(Path file, Map<String, String> properties, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "digits";
        args[1] = "--resume";
        args[2] = file.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        args[args.length - 1] = "--out=" + dir;
        return Launch.inProcess(properties, args);
    }

    static void assertRefused(Launch.Result r, String message) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(message, r.err().strip());
        assertFalse(r.out().contains("train_loss="), "nothing trained:\n" + r.out());
    }

    // ---------------------------------------------------------------- 1. the facts inside a well-formed checkpoint

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "run.epoch                               | -2147483648 | run.epoch is '-2147483648'; expected a whole number in [1, 2] (the number of epochs done, at most the run's 2)",
        "run.epoch                               | 0           | run.epoch is '0'; expected a whole number in [1, 2] (the number of epochs done, at most the run's 2)",
        "run.epochs                              | 99999999999 | run.epochs is '99999999999'; expected a whole number in [1, 10000] (as --epochs takes)",
        "run.train_loss                          | NaN         | run.train_loss holds 'NaN'; expected finite numbers",
        "optimizer.param_groups.2000000000.lr    | double:0.1  | optimizer.param_groups.2000000000.lr: group index '2000000000' is out of range; expected 0 to 7 (a group holds at least one of the state's 8 parameter(s))",
        "optimizer.param_groups.-1.lr            | double:0.1  | optimizer.param_groups.-1.lr: group index '-1' is out of range; expected 0 to 7 (a group holds at least one of the state's 8 parameter(s))",
        "optimizer.param_groups.0.lr             | double:NaN  | adam.loadStateDict: param_groups.0.lr is the number NaN; expected lr as on the command line: [0, inf)",
        "optimizer.param_groups.0.lr             | double:-1.0 | adam.loadStateDict: param_groups.0.lr is the number -1.0; expected lr as on the command line: [0, inf)",
        "optimizer.param_groups.0.beta1          | double:1.5  | adam.loadStateDict: param_groups.0.beta1 is the number 1.5; expected beta1 as on the command line: [0, 1)",
        "optimizer.param_groups.0.eps            | double:-1.0 | adam.loadStateDict: param_groups.0.eps is the number -1.0; expected eps as on the command line: [0, inf)",
        "optimizer.param_groups.0.weight_decay   | string:none | adam.loadStateDict: param_groups.0.weight_decay is the text 'none'; expected weight_decay as on the command line: [0, inf)",
        "optimizer.param_groups.0.amsgrad        | null        | adam.loadStateDict: param_groups.0.amsgrad is null; expected amsgrad as on the command line: true or false",
        "optimizer.state.0.step                  | long:-5     | adam.loadStateDict: state.0.step is the whole number -5; expected the number of steps taken, a whole number >= 0",
        "scheduler.last_epoch                    | 7           | scheduler.last_epoch is '7'; expected 1, the epochs done (run.epoch)",
    })
    void anAbsurdValueInAWellFormedCheckpointIsRefusedNamingFileKeyAndValue(String key, String value, String problem) throws IOException {
        Path file = changed("bad-" + key.replace('.', '_'), m -> m.put(key, value), t -> { });
        assertRefused(resume(file, Map.of()), "cannot resume from " + file + ": " + problem);
    }

    @Test
    void nanInTheWeightsOrTheMomentsIsRefused() throws IOException {
        Path weights = changed("nan-weights", m -> { }, t -> t.put("model.layers.0.weight", nanLike(t.get("model.layers.0.weight"))));
        assertRefused(resume(weights, Map.of()), "cannot resume from " + weights
                + ": model.layers.0.weight holds NaN at element 0; expected finite weights (was a run that diverged saved?)");
        Path moments = changed("nan-moments", m -> { }, t -> t.put("optimizer.state.0.exp_avg", nanLike(t.get("optimizer.state.0.exp_avg"))));
        assertRefused(resume(moments, Map.of()), "cannot resume from " + moments
                + ": adam.loadStateDict: state.0.exp_avg holds NaN at element 0; expected finite values (a run that diverged was saved?)");
    }

    @Test
    void aNegativeSecondMomentIsRefusedAsTheLearningRateIs() throws IOException {
        Path file = changed("negative-moment", m -> { }, t -> {
            Tensor copy = Tensor.of(t.get("optimizer.state.0.exp_avg_sq").toArray(), t.get("optimizer.state.0.exp_avg_sq").shape());
            copy.rawData()[1] = -0.5f;
            t.put("optimizer.state.0.exp_avg_sq", copy);
        });
        assertRefused(resume(file, Map.of()), "cannot resume from " + file + ": adam.loadStateDict: state.0.exp_avg_sq holds -0.5 at "
                + "element 1; expected values >= 0 (exp_avg_sq is a running average of squared gradients, never negative: the file is "
                + "damaged or was edited)");
    }

    @Test
    void whatReadingAPyTorchFileConvertedIsSaidOnceOnTheConsole() throws Exception {
        Path file = dir.resolve("f64.safetensors");
        Files.write(file, withF64(SafeTensors.read(good), "model.layers.0.weight"));
        Launch.Result r = Launch.childProcess(java.util.List.of(), Map.of(), "digits", "--resume", file.toString(), "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(java.util.List.of("[INFO] " + file + ": converted 1 F64 tensor(s) to float32 (rounded to float precision): "
                + "model.layers.0.weight"), r.err().lines().filter(l -> l.contains("converted")).toList(), r.err());
        assertTrue(r.out().contains("resumed after epoch 1 of 2"), r.out());
    }

    /** A safetensors file of {@code c}'s tensors and metadata with the tensor {@code key} stored as F64, as PyTorch may save it. */
    static byte[] withF64(SafeTensors.Contents c, String key) {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{");
        c.metadata().forEach((k, v) -> header.append(json(k)).append(':').append(json(v)).append(','));
        header.setLength(header.length() - 1);
        header.append('}');
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        c.tensors().forEach((name, t) -> {
            boolean wide = name.equals(key);
            ByteBuffer values = ByteBuffer.allocate(t.rawData().length * (wide ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : t.rawData()) {
                if (wide) values.putDouble(v); else values.putFloat(v);
            }
            header.append(',').append(json(name)).append(":{\"dtype\":\"").append(wide ? "F64" : "F32").append("\",\"shape\":")
                    .append(java.util.Arrays.toString(t.shape()).replace(" ", "")).append(",\"data_offsets\":[").append(data.size())
                    .append(',').append(data.size() + values.capacity()).append("]}");
            data.writeBytes(values.array());
        });
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.size()).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
                .put(data.toByteArray()).array();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Tensor nanLike(Tensor t) {
        Tensor copy = Tensor.of(t.toArray(), t.shape());
        copy.rawData()[0] = Float.NaN;
        return copy;
    }

    @Test
    void seededMutationsOfARealCheckpointLoadOrAreRefusedAsBadInputNeverAnotherException() throws IOException {
        byte[] original = Files.readAllBytes(good);
        int headerEnd = 8 + (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        java.util.Random random = new java.util.Random(11);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 150; i++) {
            byte[] mutated = original.clone();
            for (int k = 0, n = 1 + random.nextInt(2); k < n; k++) {          // a digit or a letter of the header changed
                int at = 8 + random.nextInt(headerEnd - 8);
                if (Character.isDigit(mutated[at])) mutated[at] = (byte) ('0' + random.nextInt(10));
                else if (Character.isLetter(mutated[at])) mutated[at] = (byte) ('a' + random.nextInt(26));
            }
            Path file = dir.resolve("mutation.safetensors");
            Files.write(file, mutated);
            try {
                Checkpoint c = Checkpoint.read(file);
                DigitsNet model = new DigitsNet(8, new dev.steepest.core.Generator(0));
                dev.steepest.optim.Optimizer adam = dev.steepest.optim.Optimizers.create("adam", model.parameters(),
                        dev.steepest.optim.Options.of("lr", 0.003));
                Checkpoint.check(file, () -> model.loadStateDict(c.model(), true));
                Checkpoint.check(file, () -> {
                    adam.loadStateDict(c.optimizer());
                    return null;
                });
                loaded++;
            } catch (BadInput e) {
                assertTrue(e.getMessage().startsWith("cannot resume"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
                refused++;
            }
        }
        assertTrue(loaded > 5 && refused > 50, loaded + " loaded, " + refused + " refused");
    }

    // ---------------------------------------------------------------- 2. resume against the user's options

    @Test
    void anOptionThatContradictsTheCheckpointIsRefusedAndOneThatRepeatsItIsAccepted() {
        assertRefused(resume(good, Map.of("optimizer.lr", "0.5")), "digits: -Doptimizer.lr=0.5 contradicts the checkpoint " + good
                + ", trained with lr=0.003; a resumed run continues with the checkpoint's settings, so leave -Doptimizer.lr out "
                + "(or start a new run without --resume)");
        assertRefused(resume(good, Map.of(), "--epochs", "5"), "digits: --epochs 5 contradicts the checkpoint " + good + ", whose cosine "
                + "learning-rate schedule runs over 2 epochs; a resumed run keeps its schedule, so leave --epochs out (or start a new run "
                + "without --resume)");
        Launch.Result same = resume(good, Map.of("optimizer.lr", "0.003", "optimizer.beta2", "0.999"), "--epochs", "2");
        assertEquals(0, same.status(), same.err());
        assertTrue(same.out().contains("resumed after epoch 1 of 2 with the checkpoint's optimizer settings (amsgrad=false beta1=0.9 "
                + "beta2=0.999 eps=1e-8 initial_lr=0.003 lr=0.0015 maximize=false weight_decay=0); a resumed run keeps them"), same.out());
    }

    // ---------------------------------------------------------------- 3. the header, and messages that name the file once

    @Test
    void aHeaderInUtf16IsRefusedAndTheFileIsNamedOnce() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) b.getLong(0);
        byte[] utf16 = new String(bytes, 8, n, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE);
        Path file = dir.resolve("utf16.safetensors");
        Files.write(file, ByteBuffer.allocate(8 + utf16.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(utf16.length).put(utf16).put(bytes, 8 + n, bytes.length - 8 - n).array());
        assertRefused(resume(file, Map.of()), "cannot resume from " + file + ": the header holds a NUL byte at offset 1; "
                + "the format requires UTF-8 JSON (was it written as UTF-16 or UTF-32?)");
    }

    @Test
    void aModelOfOtherShapesIsOneLineAndAnUnreadableFileSaysPermissionDenied() throws IOException {
        Path file = changed("other-shapes", m -> { }, t -> {
            t.put("model.layers.0.weight", Tensor.zeros(3, 1, 3, 3));
            t.put("model.layers.0.bias", Tensor.zeros(3));
        });
        Launch.Result r = resume(file, Map.of());
        assertRefused(r, "cannot resume from " + file + ": loadStateDict: error(s) in loading the state into DigitsNet: "
                + "size mismatch for layers.0.weight: checkpoint has [3, 1, 3, 3], model has [32, 1, 3, 3]; "
                + "size mismatch for layers.0.bias: checkpoint has [3], model has [32]");
        Path unreadable = Path.of("/proc/sys/vm/compact_memory");   // write-only, even for root
        assertRefused(resume(unreadable, Map.of()), "cannot resume from " + unreadable + ": permission denied");
        Path temporary = dir.resolve(".good.safetensors.1f2e3d4c5b6a7988.tmp");
        Files.copy(good, temporary);
        assertRefused(resume(temporary, Map.of()), "cannot resume from " + temporary + ": it is the temporary file of an unfinished "
                + "save, never a checkpoint; give the file that --checkpoint named");
    }

    // ---------------------------------------------------------------- 6. an unwritable checkpoint target, found before training

    @Test
    void anUnwritableCheckpointIsRefusedBeforeTheFirstEpoch() {
        Path readOnly = Path.of("/sys/digits.safetensors");
        assertRefused(Launch.inProcess(Map.of(), "digits", "--epochs", "1", "--checkpoint", readOnly.toString(), "--out", dir.toString()),
                "digits: --checkpoint " + readOnly + ": cannot write, permission denied in /sys; choose another file with --checkpoint FILE");
        Path missing = dir.resolve("nowhere").resolve("c.safetensors");
        assertRefused(Launch.inProcess(Map.of(), "digits", "--epochs", "1", "--checkpoint", missing.toString(), "--out", dir.toString()),
                "digits: --checkpoint " + missing + ": cannot write, the folder " + missing.getParent()
                        + " does not exist; choose another file with --checkpoint FILE");
        assertRefused(Launch.inProcess(Map.of(), "digits", "--epochs", "1", "--checkpoint", dir.toString(), "--out", dir.toString()),
                "digits: --checkpoint " + dir + ": cannot write, it is a folder; choose another file with --checkpoint FILE");
    }

    // ---------------------------------------------------------------- 7. a non-finite loss is divergence

    @Test
    void aDivergedPatternRunSaysSoAndExitsWithOne() {
        Launch.Result r = Launch.inProcess(Map.of("optimizer.lr", "1e40"), "pattern", "--out", dir.toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertFalse(r.out().contains("Correct answer rate: 100.0 %"), r.out());
        assertTrue(r.line("pattern: ").matches("pattern: optimizer=sgd seed=0 steps=80 final_loss=nan diverged"), r.line("pattern: "));
        assertTrue(r.err().startsWith("pattern: the run diverged: the loss became "), r.err());
        assertTrue(r.err().strip().endsWith(", so the net has learned nothing; try a smaller learning rate (-Doptimizer.lr)"), r.err());
    }

    @Test
    void aDivergedParabolaBumpsOrDigitsRunSaysSoInItsSummary() {
        Launch.Result parabola = Launch.inProcess(Map.of("optimizer.lr", "1e40"), "parabola", "--steps", "5", "--out", dir.toString());
        assertEquals(1, parabola.status(), parabola.out() + parabola.err());
        assertTrue(parabola.line("parabola: ").endsWith(" diverged"), parabola.line("parabola: "));
        Launch.Result bumps = Launch.inProcess(Map.of("optimizer.lr", "1e40"), "bumps", "--steps", "5", "--out", dir.toString());
        assertEquals(1, bumps.status(), bumps.out() + bumps.err());
        assertTrue(bumps.line("bumps: ").endsWith("global_share=0.0 % diverged=20"), bumps.line("bumps: "));
        assertEquals("bumps: every one of the 20 descents diverged (f(x) became NaN or infinite); try a smaller learning rate "
                + "(-Doptimizer.lr)", bumps.err().strip());
        Launch.Result digits = Launch.inProcess(Map.of("optimizer.lr", "1e40"), "digits", "--epochs", "1", "--out", dir.toString());
        assertEquals(1, digits.status(), digits.out() + digits.err());
        assertEquals("digits: optimizer=adam epochs=1 diverged at epoch 1 (train_loss=nan)", digits.line("digits: "));
        Launch.Result seeds = Launch.inProcess(Map.of("optimizer.lr", "1e40"), "pattern", "--seeds", "3", "--out", dir.toString());
        assertEquals(1, seeds.status(), seeds.out() + seeds.err());
        assertEquals("pattern: optimizer=sgd runs=3 correct_share=0.0 % diverged=3", seeds.line("pattern: "));
    }

    // ---------------------------------------------------------------- 8. numbers are plain decimal ASCII; options are never ignored

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--seed ３ (full-width)  | --seed  | ３ | pattern: --seed must be an integer in [0, 2147483647], got '３'.",
        "--seed ٣ (Arabic-Indic) | --seed  | ٣ | pattern: --seed must be an integer in [0, 2147483647], got '٣'.",
    })
    void aCommandLineNumberInAnotherScriptIsRefused(String what, String option, String value, String message) {
        Launch.Result r = Launch.inProcess(Map.of(), "pattern", option, value, "--out", dir.toString());
        assertRefused(r, message);
    }

    @ParameterizedTest(name = "-Doptimizer.lr={0}")
    @CsvSource({"0x1p-10", "1e-3f", "Infinity", "１"})
    void anOptimizerOptionThatIsNotPlainDecimalIsRefused(String value) {
        Launch.Result r = Launch.inProcess(Map.of("optimizer.lr", value), "pattern", "--out", dir.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("sgd: lr must be a number in [0, inf)"), r.err());
        assertTrue(r.err().strip().endsWith("got '" + value + "' (from -Doptimizer.lr)"), r.err());
    }

    @Test
    void raceOptionsForAnOptimizerNotInTheRaceOrWithABadValueAreRefused() {
        assertRefused(Launch.inProcess(Map.of("race", "sgd", "race.adam.lr", "0.05"), "race", "--steps", "2", "--out", dir.toString()),
                "race: -Drace.adam.lr is for 'adam', which is not in the race (sgd). Add it with -Drace=… or drop the option.");
        Launch.Result bad = Launch.inProcess(Map.of("race", "sgd", "race.sgd.lr", "fast"), "race", "--steps", "2", "--out", dir.toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().startsWith("sgd: lr must be a number in [0, inf), got 'fast'"), bad.err());
        assertRefused(Launch.inProcess(Map.of("race", "sgd", "race.sgd", "0.05"), "race", "--steps", "2", "--out", dir.toString()),
                "race: -Drace.sgd names no hyperparameter; write -Drace.NAME.KEY=VALUE, e.g. -Drace.adam.lr=0.05");
    }

    @Test
    void anEmptyOutputFolderIsRefused() {
        assertRefused(Launch.inProcess(Map.of(), "parabola", "--out", ""),
                "parabola: --out needs a file or folder name, got an empty one ('').");
        assertRefused(Launch.inProcess(Map.of("out", ""), "parabola"),
                "-Dout needs a folder name, got an empty one; leave it out for out/ or give -Dout=DIR.");
    }
}
