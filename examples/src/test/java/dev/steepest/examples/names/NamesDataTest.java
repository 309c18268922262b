package dev.steepest.examples.names;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.train.command.BadInput;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names data: the seeded split, the batch layout the recurrent model reads, and the bigram baseline. */
class NamesDataTest {

    @Test
    void theSplitHoldsOutOneThousandNamesAndKeepsEveryName() {
        NamesData data = NamesData.load(1000, 0);
        assertEquals(1000, data.test().size());
        assertEquals(31_033, data.train().size());
        List<String> all = NamesData.read();
        assertEquals(32_033, all.size());
        List<String> both = new java.util.ArrayList<>(data.train());
        both.addAll(data.test());
        both.sort(null);
        List<String> sorted = new java.util.ArrayList<>(all);
        sorted.sort(null);
        assertEquals(sorted, both);
        assertEquals(data.test(), NamesData.load(1000, 0).test(), "the same seed holds out the same names");
        assertNotEquals(data.test(), NamesData.load(1000, 1).test());
    }

    @Test
    void aDataFileOfOnesOwnThatIsEmptyHoldsBadLinesOrAHugeLineIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("names.txt");
        URL source = file.toUri().toURL();
        Files.writeString(file, "");
        assertEquals("names: " + source + " holds 0 name(s); it needs more than 1000 (1000 are held out to measure the test loss, the "
                + "rest train), one name a line", assertThrows(BadInput.class, () -> NamesData.load(source, 1000, 0)).getMessage());
        Files.writeString(file, "emma\nBob1\n");
        assertEquals("names: line 2 of " + source + " is 'Bob1', not a name; a name has 1 to 15 letters a-z, one name a line",
                assertThrows(BadInput.class, () -> NamesData.read(source)).getMessage());
        Files.writeString(file, "emma\n\nava\n");
        assertEquals("names: line 2 of " + source + " is '', not a name; a name has 1 to 15 letters a-z, one name a line",
                assertThrows(BadInput.class, () -> NamesData.read(source)).getMessage());
        Files.writeString(file, "emma\n" + "a".repeat(2_000_000) + "\n");
        assertEquals("names: line 2 of " + source + " has 2000000 characters; a name has 1 to 15 letters a-z (the model reads at "
                + "most 16 steps: the start mark and the letters)", assertThrows(BadInput.class, () -> NamesData.read(source)).getMessage());
        Files.writeString(file, "  emma \r\nava\r\nabcdefghijklmno");
        assertEquals(List.of("emma", "ava", "abcdefghijklmno"), NamesData.read(source),
                "blanks and CRLF around a name are ignored; the last line needs no newline; 15 letters are a name");
    }

    @Test
    void aBatchStartsWithTheMarkerAndItsTargetsEndWithItThenPadding() {
        Tensor[] batch = NamesData.batch(List.of("ab", "c"));
        assertArrayEquals(new int[] {2, 3}, batch[0].shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 3, 0}, batch[0].toArray());
        assertArrayEquals(new float[] {1, 2, 0, 3, 0, NamesData.IGNORE}, batch[1].toArray());
        assertEquals('z', NamesData.letter(NamesData.token('z')));
        assertEquals('.', NamesData.letter(0));
    }

    @Test
    void theBigramBaselineBeatsGuessingUniformlyByAWideMargin() {
        NamesData data = NamesData.load(1000, 0);
        double loss = new Bigram(data.train()).loss(data.test());
        assertTrue(loss < Math.log(27) - 0.7, "bigram test loss " + loss + " against ln 27 = " + Math.log(27));
    }

    @Test
    void theBigramCountsPairsWithLaplaceSmoothing() {
        Bigram bigram = new Bigram(List.of("ab", "ab", "b"));
        // after '.', 'a' was seen twice and 'b' once among 27 tokens: (2 + 1) / (3 + 27); then 'b' after 'a':
        // (2 + 1) / (2 + 27); then '.' after 'b': (3 + 1) / (3 + 27)
        double expected = -(Math.log(3.0 / 30) + Math.log(3.0 / 29) + Math.log(4.0 / 30)) / 3;
        assertEquals(expected, bigram.loss(List.of("ab")), 1e-12);
        Set<String> unseen = new HashSet<>(List.of("zz"));
        assertTrue(Double.isFinite(bigram.loss(List.copyOf(unseen))), "an unseen pair still has a probability");
    }
}
