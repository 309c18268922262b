package dev.steepest.coursework;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A student's jar as the grader reads it, before any of its code runs, with a bound on everything:
 * the file's size, the number of entries and each entry's size, and the services file (read at most
 * {@link #SERVICES_BYTES} bytes, whatever it inflates to). Each provider (or exercise) it names must be
 * a class of this jar: a services file naming a built-in optimizer, or any class the jar does not
 * hold, is refused. Which services file is read depends on the {@link Assignment}.
 */
final class SubmittedJar {
    static final long FILE_BYTES = 64L << 20;
    static final int ENTRIES = 10_000;
    static final long ENTRY_BYTES = 64L << 20;
    static final String SERVICES = Assignment.OPTIMIZER.services();
    static final int SERVICES_BYTES = 64 << 10;
    static final int PROVIDERS = 16;

    private SubmittedJar() {
    }

    /** The provider classes a jar names, or why it cannot be graded. */
    record Read(List<String> providers, String refused) {
    }

    /** Reads {@code jar} (the grader's private copy) within the bounds above, as an optimizer plugin. */
    static Read read(Path jar) {
        return read(jar, Assignment.OPTIMIZER);
    }

    /** Reads {@code jar} within the bounds above, for an assignment of {@code kind}. */
    static Read read(Path jar, Assignment kind) {
        String servicesFile = kind.services();
        try {
            if (!Files.isRegularFile(jar)) {
                return refused("is not a file; hand in the jar that 'mvn package' builds");
            }
            long size = Files.size(jar);
            if (size > FILE_BYTES) {
                return refused("is " + size + " bytes, more than the " + FILE_BYTES + " a submission may have; an optimizer's jar "
                        + "is a few kilobytes: leave the data and the dependencies out of it");
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.size() > ENTRIES) {
                    return refused("has " + zip.size() + " entries, more than the " + ENTRIES + " a submission may have");
                }
                java.util.Set<String> classes = new java.util.HashSet<>();
                ZipEntry services = null;
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    if (entry.getSize() > ENTRY_BYTES) {
                        return refused("has an entry of " + entry.getSize() + " bytes (" + entry.getName() + "), more than the "
                                + ENTRY_BYTES + " an entry may have");
                    }
                    if (entry.getName().equals(servicesFile)) services = entry;
                    if (entry.getName().endsWith(".class")) classes.add(entry.getName());
                }
                if (services == null) {
                    return refused(noProvider(kind));
                }
                byte[] text;
                try (InputStream in = zip.getInputStream(services)) {
                    text = in.readNBytes(SERVICES_BYTES + 1);   // whatever the entry claims or inflates to
                }
                if (text.length > SERVICES_BYTES) {
                    return refused("has a " + servicesFile + " of more than " + SERVICES_BYTES + " bytes; it lists provider classes, "
                            + "one a line");
                }
                List<String> providers = new ArrayList<>();
                for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
                    String cls = line.replaceAll("#.*", "").trim();
                    if (cls.isEmpty()) continue;
                    if (!cls.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
                        return refused("names '" + shorten(cls) + "' in its " + servicesFile + ", which is not a Java class name");
                    }
                    if (!classes.contains(cls.replace('.', '/') + ".class")) {
                        return refused("names " + cls + " in its " + servicesFile + ", which is not a class of this jar; a provider "
                                + "must be the student's own class, built into the jar handed in");
                    }
                    if (!providers.contains(cls)) providers.add(cls);
                }
                if (providers.isEmpty()) {
                    return refused(noProvider(kind));
                }
                if (providers.size() > PROVIDERS) {
                    return refused("lists " + providers.size() + " providers; a submission may have at most " + PROVIDERS);
                }
                return new Read(providers, null);
            }
        } catch (IOException | RuntimeException e) {
            return refused("is not a jar file (" + e.getMessage() + "); hand in the jar that 'mvn package' builds, e.g. "
                    + "target/my-optimizer.jar");
        }
    }

    private static String noProvider(Assignment kind) {
        String api = kind.api.getSimpleName();
        return kind == Assignment.OPTIMIZER
                ? "has no optimizer provider: the jar has no " + kind.services() + " listing one. Annotate your provider class with "
                + "@AutoService(OptimizerProvider.class) (keep the auto-service processor in your pom), then build the jar again"
                : "has no " + kind.word() + " exercise: the jar has no " + kind.services() + " listing one. Annotate your class with "
                + "@AutoService(" + api + ".class), as templates/" + kind.template + " does, then build the jar again";
    }

    private static Read refused(String why) {
        return new Read(List.of(), why);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
