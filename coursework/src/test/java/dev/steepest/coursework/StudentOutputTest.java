package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentOutputTest {

    /** {@code n} bytes of 'x' without a newline, then the given text, never held in memory at once. */
    private static InputStream flood(long n, String then) {
        byte[] tail = then.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long at;

            @Override
            public int read() {
                long i = at++;
                return i < n ? 'x' : i - n < tail.length ? tail[(int) (i - n)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int count = 0;
                for (; count < len; count++) {
                    int c = read();
                    if (c < 0) return count == 0 ? -1 : count;
                    b[off + count] = (byte) c;
                }
                return count;
            }
        };
    }

    private static List<String> read(InputStream in) throws InterruptedException {
        StudentOutput output = new StudentOutput();
        StudentOutput.drain(in, output).join();
        return output.lines();
    }

    @Test
    void aLineWithoutEndIsCutAtTheBoundAndTheRestStillRead() throws Exception {
        List<String> lines = read(flood(32L << 20, "\nafter\n"));
        assertEquals(2, lines.size(), lines.toString().substring(0, 100));
        assertEquals("x".repeat(StudentOutput.LINE) + "…", lines.get(0));
        assertEquals("after", lines.get(1));
    }

    @Test
    void aFloodOfLinesKeepsTheFirstAndCountsTheRest() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) text.append("line ").append(i).append('\n');
        List<String> lines = read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(StudentOutput.LINES + 1, lines.size());
        assertEquals("line 0", lines.get(0));
        assertTrue(lines.get(StudentOutput.LINES).startsWith("(960 more lines, "), lines.get(StudentOutput.LINES));
    }

    @Test
    void textIsDecodedAsUtf8LineByLine() throws Exception {
        assertEquals(List.of("grüße ✓", "last without newline"),
                read(new ByteArrayInputStream("grüße ✓\nlast without newline".getBytes(StandardCharsets.UTF_8))));
    }
}
