package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmittedJarTest {
    @TempDir
    Path work;

    /** A jar with the given entries; an entry's text of "#x N" is N bytes of '#' (a deflate bomb). */
    private Path jar(String name, String... entries) throws Exception {
        Path jar = work.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            for (int i = 0; i < entries.length; i += 2) {
                z.putNextEntry(new ZipEntry(entries[i]));
                if (entries[i + 1].startsWith("#x ")) {
                    byte[] chunk = new byte[1 << 20];
                    Arrays.fill(chunk, (byte) '#');
                    for (int n = Integer.parseInt(entries[i + 1].substring(3)) >> 20; n > 0; n--) z.write(chunk);
                } else {
                    z.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                }
                z.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void theProvidersOfAJarAreItsOwnClassesNamedInItsServicesFile() throws Exception {
        SubmittedJar.Read read = SubmittedJar.read(jar("ok.jar", "mine/Provider.class", "", "mine/Other.class", "",
                SubmittedJar.SERVICES, "# the providers\nmine.Provider\n\nmine.Other # and another\nmine.Provider\n"));
        assertNull(read.refused());
        assertEquals(List.of("mine.Provider", "mine.Other"), read.providers());
    }

    @Test
    void aServicesFileThatInflatesBeyondItsBoundIsRefusedWithoutReadingIt() throws Exception {
        Path bomb = jar("bomb.jar", SubmittedJar.SERVICES, "#x " + (16 << 20));
        assertTrue(Files.size(bomb) < 1 << 20, "the bomb is small on disk: " + Files.size(bomb));
        assertEquals("has a META-INF/services/dev.steepest.optim.OptimizerProvider of more than 65536 bytes; it lists provider "
                + "classes, one a line", SubmittedJar.read(bomb).refused());
    }

    @Test
    void aProviderThatIsNotAClassOfTheJarIsRefused() throws Exception {
        assertEquals("names dev.steepest.optim.plugins.AdamProvider in its META-INF/services/dev.steepest.optim.OptimizerProvider, "
                + "which is not a class of this jar; a provider must be the student's own class, built into the jar handed in",
                SubmittedJar.read(jar("adam.jar", SubmittedJar.SERVICES, "dev.steepest.optim.plugins.AdamProvider\n")).refused());
        assertEquals("names 'not a class' in its META-INF/services/dev.steepest.optim.OptimizerProvider, which is not a Java class name",
                SubmittedJar.read(jar("bad.jar", SubmittedJar.SERVICES, "not a class\n")).refused());
    }

    @Test
    void tooManyEntriesNoServicesOrNoJarAtAllAreRefusedSayingWhy() throws Exception {
        String[] many = new String[2 * (SubmittedJar.ENTRIES + 1)];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "e" + i;
            many[i + 1] = "";
        }
        assertEquals("has 10001 entries, more than the 10000 a submission may have", SubmittedJar.read(jar("many.jar", many)).refused());
        assertTrue(SubmittedJar.read(jar("none.jar", "a/B.class", "")).refused().startsWith("has no optimizer provider: the jar has no "
                + "META-INF/services/dev.steepest.optim.OptimizerProvider listing one."));
        Path text = Files.writeString(work.resolve("text.jar"), "my optimizer is in the attachment\n");
        assertTrue(SubmittedJar.read(text).refused().startsWith("is not a jar file ("), SubmittedJar.read(text).refused());
    }
}
