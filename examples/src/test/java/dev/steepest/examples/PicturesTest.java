package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures a learner reads alone: every animation of every chapter says on each frame what it
 * shows (its step, and a score where there is one) and has its last frame beside it as a PNG.
 */
class PicturesTest {
    @TempDir
    Path out;

    @Test
    void everyGifHasACaptionOnEachFrameAndItsLastFrameBesideItAsAPng() throws Exception {
        String dir = out.toString();
        for (String[] run : new String[][] {
            {"parabola", "--steps", "3"}, {"bumps", "--steps", "3", "--starts", "3"}, {"race", "--steps", "3"},
            {"gan", "--steps", "2"}, {"dqn", "--episodes", "2"}}) {
            String[] args = Stream.concat(Stream.of(run), Stream.of("--out", dir)).toArray(String[]::new);
            Launch.Result r = Launch.inProcess(Map.of(), args);
            assertEquals(0, r.status(), String.join(" ", run) + ": " + r.err());
        }
        List<Path> gifs;
        try (Stream<Path> files = Files.list(out)) {
            gifs = files.filter(f -> f.toString().endsWith(".gif")).sorted().toList();
        }
        assertEquals(List.of("bumps.gif", "dqn-agent.gif", "gan-samples.gif", "parabola.gif", "race-rastrigin.gif", "race-rosenbrock.gif"),
                gifs.stream().map(f -> f.getFileName().toString()).toList());
        for (Path gif : gifs) {
            Gifs.Info info = Gifs.read(gif);
            for (int f = 0; f < info.frames(); f++) {
                assertTrue(info.captions().get(f).contains("step "), gif.getFileName() + " frame " + f + " says its step: '"
                        + info.captions().get(f) + "'");
            }
            Path png = gif.resolveSibling(gif.getFileName().toString().replace(".gif", ".png"));
            BufferedImage last = ImageIO.read(png.toFile());
            assertEquals(List.of(info.width(), info.height()), List.of(last.getWidth(), last.getHeight()),
                    png.getFileName() + " is the GIF's last frame, at its size");
        }
        Gifs.Info gan = Gifs.read(out.resolve("gan-samples.gif"));
        assertTrue(gan.captions().get(gan.frames() - 1).matches("DCGAN \\(adam\\), step 2 of 2; these 64 score \\d+\\.\\d\\d, \\d+ classes"),
                gan.captions().toString());
        List<String> dqn = Gifs.read(out.resolve("dqn-agent.gif")).captions();
        assertTrue(dqn.get(0).startsWith("step 0 of ") && dqn.get(dqn.size() - 1).matches("step (\\d+) of \\1"), dqn.toString());
    }
}
