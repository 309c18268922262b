package dev.steepest.examples.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.examples.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The names example: each cell learns beyond the uniform guess in a short run; bad options and bad data get one line. */
class NamesLanguageModelTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void aShortRunOfEachCellBeatsTheUniformGuessByAWideMargin(String cell) {
        Launch.Result r = Launch.inProcess(Map.of(), "names", "--cell", cell, "--steps", "400", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        String summary = r.line("names: ");
        assertTrue(summary.startsWith("names: optimizer=adamw seed=0 cell=" + cell + " steps=400 bigram_loss="), summary);
        double test = Double.parseDouble(summary.replaceAll(".*test_loss=([0-9.]+) .*", "$1"));
        double bigram = Double.parseDouble(summary.replaceAll(".*bigram_loss=([0-9.]+) .*", "$1"));
        assertTrue(test < Math.log(27) - 0.6, cell + " test loss " + test + " against ln 27 = 3.296");
        assertTrue(bigram < 2.5, "bigram " + bigram);
        List<String> sampled = List.of(r.out().lines().dropWhile(l -> !l.startsWith("20 names sampled")).skip(1).findFirst()
                .orElseThrow().strip().split(" +"));
        assertTrue(sampled.size() >= 18 && sampled.stream().allMatch(n -> n.matches("[a-z]*")), sampled.toString());
        assertTrue(Files.isRegularFile(dir.resolve("names-loss.png")));
    }

    @Test
    void theGruBeatsTheBigramBaselineAfterAFewHundredSteps() {
        Launch.Result r = Launch.inProcess(Map.of(), "names", "--steps", "600", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        String summary = r.line("names: ");
        double test = Double.parseDouble(summary.replaceAll(".*test_loss=([0-9.]+) .*", "$1"));
        double bigram = Double.parseDouble(summary.replaceAll(".*bigram_loss=([0-9.]+) .*", "$1"));
        assertTrue(test < bigram - 0.05, "gru " + test + " against the bigram's " + bigram);
    }

    @Test
    void anUnknownCellOrABadTemperatureIsRefusedWithOneLine() {
        Launch.Result cell = Launch.inProcess(Map.of(), "names", "--cell", "xyz", "--out", dir.toString());
        assertEquals(2, cell.status());
        assertEquals("names: unknown --cell 'xyz'. Choose one of rnn, lstm, gru.", cell.err().strip());
        Launch.Result typo = Launch.inProcess(Map.of(), "names", "--cell", "lstn", "--out", dir.toString());
        assertEquals(2, typo.status());
        assertTrue(typo.err().strip().startsWith("names: unknown --cell 'lstn'. Did you mean 'lstm'?"), typo.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "1e-45", "0x1p-3", "1e-3f", "NaN", "1000"})
    void aTemperatureThatIsNotAPlainDecimalOrCannotSampleIsRefusedBeforeTraining(String value) {
        Launch.Result r = Launch.inProcess(Map.of(), "names", "--temperature", value, "--out", dir.toString());
        assertEquals(2, r.status());
        assertEquals("names: --temperature must be a number in [0.01, 100], got '" + value + "'.", r.err().strip());
        assertEquals("", r.out(), "nothing read or trained");
    }

    @Test
    void aDataFileOfOnesOwnEarlierOnTheClassPathThatHoldsNoNamesIsBadInput() throws Exception {
        Path folder = dir.resolve("own");
        Path file = folder.resolve(NamesData.RESOURCE.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        Launch.Result r = Launch.childProcess(List.of(folder), List.of(), Map.of(), "names", "--out", dir.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("names: " + file.toUri().toURL() + " holds 0 name(s); it needs more than 1000 (1000 are held out to measure the "
                + "test loss, the rest train), one name a line", r.failure().strip());
    }
}
