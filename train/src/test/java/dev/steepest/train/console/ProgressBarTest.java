package dev.steepest.train.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void withoutATerminalItPrintsOnePlainLinePerTenthOfTheWay() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "epoch 1/3", 45, false);
        for (int i = 0; i < 45; i++) {
            bar.advance(1, "loss 0.5");
        }
        bar.finish("loss 0.4");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(10, out.lines().count(), out);
        assertTrue(!out.contains("\r"), "no carriage returns in a log file");
        assertEquals("epoch 1/3 [##############################] 100%  loss 0.5", out.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void onATerminalItRedrawsOneLineInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "run", 4, true);
        bar.advance(2, "");
        bar.finish("done");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rrun [###############...............]  50%"), out);
        assertTrue(out.endsWith("\rrun [##############################] 100%  done" + System.lineSeparator()), out);
    }

    @Test
    void itRejectsAnEmptyTotalAndNegativeProgress() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals("ProgressBar: total must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ProgressBar(out, "x", 0, false)).getMessage());
        assertEquals("ProgressBar.advance: units must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new ProgressBar(out, "x", 3, false).advance(-1, "")).getMessage());
    }
}
