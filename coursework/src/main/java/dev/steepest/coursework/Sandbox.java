package dev.steepest.coursework;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * How a submission's child JVM is started, and which protections that gives. Always: a private
 * copy of its jar, its own empty working folder, a minimal environment (no variable of the
 * teacher's), and its whole process tree ended when it finishes or reaches its time limit. Where
 * bubblewrap ({@code bwrap}) works, the child also runs in it: the system read-only, the teacher's
 * files and the other submissions not there at all, a private {@code /tmp}, no network, its own
 * PID namespace (every process it started dies with it) and no capabilities.
 */
final class Sandbox {
    /** {@code --sandbox}: bubblewrap when it works, bubblewrap or fail, or none. */
    enum Mode { AUTO, BWRAP, NONE }

    private final boolean bwrap;
    private final boolean setsid;
    private final List<String> classPath;

    private Sandbox(boolean bwrap, boolean setsid, List<String> classPath) {
        this.bwrap = bwrap;
        this.setsid = setsid;
        this.classPath = classPath;
    }

    /** Chooses how children run on this machine; {@code BWRAP} fails with what to install when bubblewrap does not work. */
    static Sandbox choose(Mode mode) {
        List<String> classPath = effectiveClassPath(System.getProperty("java.class.path"));
        boolean works = mode != Mode.NONE && works("bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true");
        if (mode == Mode.BWRAP && !works) {
            throw new IllegalArgumentException("grade: --sandbox bwrap, but bubblewrap does not run here; install it (Debian and "
                    + "Ubuntu: apt-get install bubblewrap) and allow unprivileged user namespaces, or use --sandbox auto");
        }
        return new Sandbox(works, works("setsid", "true"), classPath);
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the protections every child gets on this machine, in words for the scoreboard */
    List<String> protections() {
        List<String> p = new ArrayList<>(List.of("a private copy of each jar", "an empty working folder", "a minimal environment",
                setsid || bwrap ? "its process group ended at its end and time limit" : "its processes ended at its end and time limit"));
        if (bwrap) {
            p.add("bubblewrap: read-only system, the teacher's files and other submissions absent, private /tmp, no network, "
                    + "own PID namespace, no capabilities");
        } else {
            p.add("no sandbox (bubblewrap not available): a submission could read and write the teacher's files");
        }
        return p;
    }

    boolean bubblewrap() {
        return bwrap;
    }

    /** @return whether the child leads a process group of its own (started through setsid), ended as one */
    boolean ownProcessGroup() {
        return setsid && !bwrap;
    }

    /**
     * The command that starts the harness for one submission.
     *
     * @param java the JVM's options and main class, after {@code java}
     * @param work the child's own empty working folder (its only writable place)
     * @param jar the private copy of the student's jar, or null for a built-in optimizer
     * @param socket the channel's socket file
     */
    List<String> command(List<String> java, Path work, Path jar, Path socket) {
        String javaHome = System.getProperty("java.home");
        List<String> cp = new ArrayList<>(classPath);
        if (jar != null) cp.add(jar.toString());
        List<String> c = new ArrayList<>();
        if (bwrap) {
            c.addAll(List.of("bwrap", "--die-with-parent", "--new-session", "--unshare-all", "--uid", "65534", "--gid", "65534",
                    "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
            for (String link : List.of("bin", "lib", "lib64", "sbin")) {
                Path top = Path.of("/", link);
                if (Files.isSymbolicLink(top)) {
                    c.addAll(List.of("--symlink", readLink(top), top.toString()));
                } else if (Files.isDirectory(top)) {
                    c.addAll(List.of("--ro-bind", top.toString(), top.toString()));
                }
            }
            for (String secret : List.of("/etc/shadow", "/etc/gshadow")) {
                if (Files.exists(Path.of(secret))) c.addAll(List.of("--ro-bind", "/dev/null", secret));
            }
            c.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
            Set<String> readable = new LinkedHashSet<>();
            readable.add(javaHome);
            readable.addAll(cp);
            for (String r : readable) {
                if (Files.exists(Path.of(r))) c.addAll(List.of("--ro-bind", r, r));
            }
            c.addAll(List.of("--bind", work.toString(), work.toString(), "--bind", socket.toString(), socket.toString(),
                    "--chdir", work.toString()));
        } else if (setsid) {
            c.add("setsid");   // a process group of its own, ended as one
        }
        c.add(Path.of(javaHome, "bin", "java").toString());
        c.addAll(java.subList(0, java.size() - 1));
        c.addAll(List.of("-Djava.io.tmpdir=" + work, "-cp", String.join(File.pathSeparator, cp), java.get(java.size() - 1)));
        return c;
    }

    /** The environment a child gets: nothing of the teacher's, only what a JVM needs. */
    static void minimal(Map<String, String> environment, Path work) {
        environment.clear();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        environment.put("HOME", work.toString());
        environment.put("TMPDIR", work.toString());
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return link.toString();
        }
    }

    /** The classpath with each jar's manifest {@code Class-Path} spelled out (as a test runner's launcher jar has one). */
    static List<String> effectiveClassPath(String classPath) {
        Set<String> out = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            out.add(Path.of(entry).toAbsolutePath().toString());
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) continue;
            try (JarFile jar = new JarFile(entry)) {
                var manifest = jar.getManifest();
                String more = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (more == null) continue;
                for (String url : more.trim().split("\\s+")) {
                    if (url.isEmpty()) continue;
                    Path p = url.startsWith("file:") ? Path.of(java.net.URI.create(url))
                            : Path.of(entry).toAbsolutePath().getParent().resolve(java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8));
                    out.add(p.normalize().toString());
                }
            } catch (IOException | RuntimeException e) {
                // not a readable jar: keep it as it is
            }
        }
        return new ArrayList<>(out);
    }
}
