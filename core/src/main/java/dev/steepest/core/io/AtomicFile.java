package dev.steepest.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: the body
 * goes to a temporary file in the same folder, which is flushed to disk and then renamed over the
 * target with an atomic move. If the body throws (or the machine stops) before the rename, the
 * target is untouched and the temporary file is deleted.
 */
public final class AtomicFile {

    /** Writes the content of the file; it may throw to abandon the write. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces (or creates) {@code target} with what {@code body} writes, atomically. */
    public static void write(Path target, Body body) throws IOException {
        if (target == null || body == null) {
            throw new IllegalArgumentException("AtomicFile.write: target and body must not be null, got " + target + " and " + body);
        }
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException(target + ": cannot write, the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": cannot write, it is a folder");
        }
        Path temp = createTemp(folder, absolute.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /**
     * A new, empty file beside the target. Made with createFile rather than createTempFile, so it
     * gets the usual permissions (the umask's) instead of owner-only ones.
     */
    private static Path createTemp(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e;
            }
        }
    }
}
