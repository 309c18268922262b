package dev.steepest.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: the body
 * goes to a temporary file in the same folder ({@code .NAME.HEX.tmp}), which is flushed to disk and
 * then renamed over the target with an atomic move. If the body throws (or the disk fills up)
 * before the rename, the target is untouched and the temporary file is deleted; temporaries left
 * by a process killed mid-save are deleted at the next save of the same target.
 *
 * <p>A target that is a symbolic link is written through: the file the link points to is
 * replaced and the link stays. A replaced file keeps its permissions. {@link #checkWritable} proves
 * a target can be written before a long run starts.
 */
public final class AtomicFile {

    /** Writes the content of the file; it may throw to abandon the write. */
    @FunctionalInterface
    public interface Body {
        /** Writes the file's bytes to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

    private AtomicFile() {
    }

    /** Replaces (or creates) {@code target} with what {@code body} writes, atomically. */
    public static void write(Path target, Body body) throws IOException {
        write(target, body, UnaryOperator.identity());
    }

    /**
     * The same, with the stream to the temporary file passed through {@code sink} first: the seam a
     * test uses to simulate a disk that fills up.
     */
    static void write(Path target, Body body, UnaryOperator<OutputStream> sink) throws IOException {
        if (target == null || body == null) {
            throw new IllegalArgumentException("AtomicFile.write: target and body must not be null, got " + target + " and " + body);
        }
        Path file = throughLinks(target);
        checkPlace(target, file);
        removeStaleTemporaries(file);
        Path temp = createTemp(file);
        boolean moved = false;
        try {
            keepMode(file, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = sink.apply(Channels.newOutputStream(channel));
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException e) {
            if (isNoSpace(e)) {
                throw new IOException("no space left on device while writing " + target + "; the previous file (if any) is kept", e);
            }
            throw e;
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /**
     * Proves that {@code target} can be written, before a run that would write it at its end: its
     * folder exists, it is not a folder, a file can be created beside it (not a read-only file
     * system, permission granted) and its disk has {@code bytes} to spare.
     *
     * @param target the file to be written later (need not exist)
     * @param bytes about how large it will be
     * @throws IOException naming the target and what is wrong
     */
    public static void checkWritable(Path target, long bytes) throws IOException {
        if (target == null) {
            throw new IllegalArgumentException("AtomicFile.checkWritable: target is null");
        }
        Path file = throughLinks(target);
        checkPlace(target, file);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(target + ": cannot write, it is not a regular file");
        }
        try {
            Files.delete(createTemp(file));
        } catch (AccessDeniedException e) {
            throw new IOException(target + ": cannot write, permission denied in " + file.getParent(), e);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.toString() : e.getReason();
            throw new IOException(target + ": cannot write, " + reason.toLowerCase(java.util.Locale.ROOT) + " (" + file.getParent() + ")", e);
        }
        long free = Files.getFileStore(file.getParent()).getUsableSpace();
        if (free < bytes) {
            throw new IOException(target + ": cannot write, its disk has " + free + " bytes free but the file needs about " + bytes);
        }
    }

    /** @return whether {@code file}'s name is that of a temporary file of a save ({@code .NAME.HEX.tmp}), which is never a finished file */
    public static boolean isTemporary(Path file) {
        Path name = file == null ? null : file.getFileName();
        return name != null && TEMPORARY.matcher(name.toString()).matches();
    }

    /** The file a chain of symbolic links ends at (the target itself if it is no link). */
    private static Path throughLinks(Path target) throws IOException {
        Path path = target.toAbsolutePath();
        for (int i = 0; Files.isSymbolicLink(path); i++) {
            if (i == 40) {
                throw new IOException(target + ": cannot write, too many levels of symbolic links");
            }
            path = path.getParent().resolve(Files.readSymbolicLink(path));
        }
        return path;
    }

    private static void checkPlace(Path target, Path file) throws IOException {
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException(target + ": cannot write, the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(target + ": cannot write, it is a folder");
        }
    }

    /** Deletes the temporaries of earlier saves of {@code file} that never finished (a process killed mid-save). */
    private static void removeStaleTemporaries(Path file) throws IOException {
        Pattern mine = Pattern.compile("\\." + Pattern.quote(file.getFileName().toString()) + "\\.[0-9a-f]{1,16}\\.tmp");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent(),
                p -> mine.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))) {
            for (Path stale : entries) {
                Files.deleteIfExists(stale);
            }
        }
    }

    /** A replaced file keeps its permissions (where the file system has POSIX ones). */
    private static void keepMode(Path file, Path temp) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (old != null && Files.exists(file)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        }
    }

    private static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new, empty file beside the target. Made with createFile rather than createTempFile, so it
     * gets the usual permissions (the umask's) instead of owner-only ones.
     */
    private static Path createTemp(Path file) throws IOException {
        Path folder = file.getParent();
        String name = file.getFileName().toString();
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
