package dev.steepest.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.train.plot.Plot;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    @Test
    void rowsReadBackAsWrittenAndAResumedLogKeepsAppending() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsLog log = new MetricsLog(file, "step", "loss");
        log.append(1, 2.302585092994046);
        log.append(2, 1.0e-7);
        new MetricsLog(file, "step", "loss").append(3, Double.NaN);
        List<Map<String, Double>> rows = MetricsLog.read(file);
        assertEquals(3, rows.size());
        assertEquals(Map.of("step", 1.0, "loss", 2.302585092994046), rows.get(0));
        assertEquals(1.0e-7, rows.get(1).get("loss"));
        assertEquals(Double.NaN, rows.get(2).get("loss"));
        assertEquals("step,loss\n1,2.302585092994046\n2,1.0E-7\n3,NaN\n", Files.readString(file));
    }

    @Test
    void wrongCountsAndOtherColumnsAreRefusedWithWhatToDo() throws Exception {
        Path file = dir.resolve("m.csv");
        MetricsLog log = new MetricsLog(file, "step", "loss");
        var e = assertThrows(IllegalArgumentException.class, () -> log.append(1));
        assertEquals("MetricsLog.append: 1 values for 2 columns [step, loss]; give one value per column", e.getMessage());
        var other = assertThrows(IllegalArgumentException.class, () -> new MetricsLog(file, "epoch"));
        assertEquals("MetricsLog: " + file + " has the columns step,loss, not epoch; append with the same columns or choose another file",
                other.getMessage());
    }

    @Test
    void aPlotWritesAPngOfTheRequestedSize() throws Exception {
        Path png = dir.resolve("loss.png");
        try (OutputStream out = Files.newOutputStream(png)) {
            new Plot("loss", "step", "loss").line("train", new double[] {1, 2, 3}, new double[] {3, 2, 1}).png(out, 321, 123);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(321, image.getWidth());
        assertEquals(123, image.getHeight());
    }
}
