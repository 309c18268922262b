package dev.steepest.train.command;

import dev.steepest.train.plot.AnimatedGif;
import dev.steepest.train.plot.Pictures;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The folder the examples write their pictures into: {@code out/} unless {@code --out DIR} or
 * {@code -Dout=DIR} says otherwise. Every file is written to a temporary file first and then
 * renamed, so a failed run leaves nothing half-written, and each is named on the console.
 */
public final class Output {

    /** Writes a file's bytes; may throw, in which case nothing is left behind. */
    @FunctionalInterface
    public interface Writer {
        /** @param stream where the bytes go (not to be closed by the writer) */
        void write(OutputStream stream) throws IOException;
    }

    private final Path folder;
    private final PrintStream console;
    private boolean checked;

    /**
     * @param folder the output folder (need not exist yet)
     * @param console where "wrote FILE" lines go
     */
    public Output(Path folder, PrintStream console) {
        this.folder = folder;
        this.console = console;
    }

    /** @return the output folder */
    public Path folder() {
        return folder;
    }

    /**
     * Creates the folder if needed and proves it is writable, so that a long run does not fail at
     * its end.
     *
     * @return this
     * @throws BadInput when the folder cannot be created or written to
     */
    public Output check() {
        if (checked) {
            return this;
        }
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".steepest-probe", ".tmp");
            Files.delete(probe);
        } catch (FileAlreadyExistsException e) {
            throw new BadInput("cannot write to output folder '" + folder + "': a file of that name is in the way. "
                    + "Choose another folder with --out DIR or -Dout=DIR.", e);
        } catch (AccessDeniedException e) {
            throw new BadInput("cannot write to output folder '" + folder + "': permission denied"
                    + " (" + e.getFile() + "). Choose another folder with --out DIR or -Dout=DIR.", e);
        } catch (IOException | SecurityException e) {
            throw new BadInput("cannot write to output folder '" + folder + "': " + e
                    + ". Choose another folder with --out DIR or -Dout=DIR.", e);
        }
        checked = true;
        return this;
    }

    /**
     * Writes one file atomically (temporary file, then rename) and names it on the console.
     *
     * @param fileName a plain file name inside the output folder
     * @param writer produces the bytes
     * @return the written file
     * @throws IOException when writing fails; the temporary file is removed
     */
    public Path write(String fileName, Writer writer) throws IOException {
        check();
        Path target = folder.resolve(fileName);
        Path temp = folder.resolve("." + fileName + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(stream);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        console.println("wrote " + target);
        return target;
    }

    /** Adds the frames of an animation, each with its caption. */
    @FunctionalInterface
    public interface Frames {
        /** @param gif the animation to add frames to */
        void addTo(AnimatedGif gif) throws IOException;
    }

    /**
     * Writes an animated GIF and, beside it, its last frame as a PNG of the same name
     * ({@code parabola.gif} and {@code parabola.png}), for a page, a print or a viewer that does not
     * play animations.
     *
     * @param fileName a plain file name ending in {@code .gif}
     * @param delayMillis how long each frame shows
     * @param colors colours that must be exact in the palette
     * @param frames adds the frames
     * @return the GIF
     * @throws IOException when writing fails
     */
    public Path gif(String fileName, int delayMillis, List<Color> colors, Frames frames) throws IOException {
        if (!fileName.endsWith(".gif")) {
            throw new IllegalArgumentException("Output.gif: the file name must end in .gif, got '" + fileName + "'");
        }
        BufferedImage[] last = new BufferedImage[1];
        Path gif = write(fileName, stream -> {
            try (AnimatedGif animation = new AnimatedGif(stream, delayMillis, colors)) {
                frames.addTo(animation);
                last[0] = animation.lastFrame();
            }
        });
        if (last[0] != null) {
            write(fileName.substring(0, fileName.length() - 4) + ".png", stream -> Pictures.png(last[0], stream));
        }
        return gif;
    }
}
