package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic saves: what a killed save leaves behind, a full disk, symbolic links, permissions, a target checked before a run. */
class AtomicFileTest {

    @TempDir
    Path dir;

    private static AtomicFile.Body text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A stream onto a disk that fills up after {@code room} bytes, as the kernel reports it (ENOSPC). */
    static final class FullDisk extends FilterOutputStream {
        private long room;

        FullDisk(OutputStream out, long room) {
            super(out);
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                throw new IOException("No space left on device");
            }
            room -= len;
            out.write(b, off, len);
        }
    }

    @Test
    void temporariesLeftByAKilledSaveAreRemovedAtTheNextSaveOfTheSameTarget() throws IOException {
        Path target = dir.resolve("run.safetensors");
        Files.writeString(dir.resolve(".run.safetensors.3fa9c2e01b7d4c55.tmp"), "half a save");
        Files.writeString(dir.resolve(".run.safetensors.7.tmp"), "another");
        Files.writeString(dir.resolve(".other.safetensors.3fa9c2e01b7d4c55.tmp"), "another target's");
        Files.writeString(dir.resolve(".run.safetensors.notes.tmp"), "not a name a save makes");
        AtomicFile.write(target, text("new"));
        assertEquals(List.of(".other.safetensors.3fa9c2e01b7d4c55.tmp", ".run.safetensors.notes.tmp", "run.safetensors"), names());
        assertEquals("new", Files.readString(target));
        assertTrue(AtomicFile.isTemporary(dir.resolve(".run.safetensors.3fa9c2e01b7d4c55.tmp")));
        assertFalse(AtomicFile.isTemporary(target));
    }

    @Test
    void aDiskThatFillsUpDuringTheSaveKeepsThePreviousFileAndSaysSo() throws IOException {
        Path target = dir.resolve("run.safetensors");
        AtomicFile.write(target, text("the previous checkpoint"));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            for (int i = 0; i < 100; i++) out.write(new byte[1000]);
        }, out -> new FullDisk(out, 10_000)));
        assertEquals("no space left on device while writing " + target + "; the previous file (if any) is kept", e.getMessage());
        assertEquals("the previous checkpoint", Files.readString(target));
        assertEquals(List.of("run.safetensors"), names(), "no temporary left behind");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.createDirectory(dir.resolve("store")).resolve("real.safetensors");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("latest.safetensors"), Path.of("store", "real.safetensors"));
        AtomicFile.write(link, text("new"));
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real), "the file it points to has the new content");
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path target = dir.resolve("private.safetensors");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.write(target, text("new"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFile.write(target, text("newer"));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void anUnwritableTargetIsFoundBeforeAnythingIsWritten() throws IOException {
        Path missing = dir.resolve("no-such-folder").resolve("run.safetensors");
        assertEquals(missing + ": cannot write, the folder " + missing.getParent() + " does not exist",
                assertThrows(IOException.class, () -> AtomicFile.checkWritable(missing, 0)).getMessage());
        assertEquals(dir + ": cannot write, it is a folder",
                assertThrows(IOException.class, () -> AtomicFile.checkWritable(dir, 0)).getMessage());
        Path tooBig = dir.resolve("huge.safetensors");
        assertTrue(assertThrows(IOException.class, () -> AtomicFile.checkWritable(tooBig, Long.MAX_VALUE)).getMessage()
                .startsWith(tooBig + ": cannot write, its disk has "), "a disk without room for the file");
        Path device = Path.of("/dev/null");
        assertEquals("/dev/null: cannot write, it is not a regular file",
                assertThrows(IOException.class, () -> AtomicFile.checkWritable(device, 0)).getMessage());
        Path fine = dir.resolve("fine.safetensors");
        AtomicFile.checkWritable(fine, 1000);
        assertEquals(List.of(), names(), "the probe leaves nothing behind");
        assertArrayEquals(new byte[0], Files.exists(fine) ? Files.readAllBytes(fine) : new byte[0]);
    }

    @Test
    void aReadOnlyPlaceIsRefusedByName() {
        Path readOnly = Path.of("/sys", "steepest-checkpoint.safetensors");   // sysfs: no file can be created there, not even by root
        IOException e = assertThrows(IOException.class, () -> AtomicFile.checkWritable(readOnly, 0));
        assertTrue(e.getMessage().startsWith(readOnly + ": cannot write, permission denied in /sys"), e.getMessage());
    }
}
