package dev.steepest.coursework;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a student's exercise jar inside a test, without Maven: compiles sources (the reference solutions under
 * {@code src/test/resources/exercises}, or a changed copy of them) with the JDK's compiler against the test
 * classpath, and writes a services file for each {@code @AutoService(X.class)} class, as the AutoService processor would.
 */
public final class ExerciseJars {
    /** The test resources' solutions: {@code exercises/ops}, {@code exercises/modules}, {@code exercises/environments}. */
    public static final Path SOLUTIONS = Path.of("src", "test", "resources", "exercises");

    private ExerciseJars() {
    }

    /** @return the source of a reference solution, e.g. {@code source("ops", "Softplus")} */
    public static String source(String kind, String className) {
        try {
            return Files.readString(SOLUTIONS.resolve(kind).resolve("solution").resolve(className + ".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds a jar from sources given as class name (with package) → the whole file.
     *
     * @return the jar, in {@code work}
     */
    public static Path build(Path work, String jarName, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(work.resolve(jarName + "-src"));
        List<String> args = new ArrayList<>();
        Path classes = Files.createDirectories(work.resolve(jarName + "-classes"));
        args.addAll(List.of("-proc:none", "--release", "17", "-d", classes.toString(), "-cp",
                String.join(java.io.File.pathSeparator, Sandbox.effectiveClassPath(System.getProperty("java.class.path")))));
        Map<String, TreeSet<String>> services = new TreeMap<>();
        Pattern annotated = Pattern.compile("@AutoService\\(\\s*(\\w+)\\.class\\s*\\)[\\s\\S]*?class\\s+(\\w+)");
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
            String pkg = e.getKey().contains(".") ? e.getKey().substring(0, e.getKey().lastIndexOf('.') + 1) : "";
            Matcher m = annotated.matcher(e.getValue());
            while (m.find()) {
                String api = m.group(1).equals("OptimizerProvider") ? "dev.steepest.optim.OptimizerProvider"
                        : "dev.steepest.coursework.exercise." + m.group(1);
                services.computeIfAbsent(api, k -> new TreeSet<>()).add(pkg + m.group(2));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        if (javac.run(null, messages, messages, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed:\n" + messages.toString(StandardCharsets.UTF_8));
        }
        Path jar = work.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
                out.closeEntry();
            }
            for (Map.Entry<String, TreeSet<String>> s : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
                out.write((String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** @return a new instance of {@code className} loaded from {@code jar} (beside the test's own classes) */
    public static Object load(Path jar, String className) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ExerciseJars.class.getClassLoader());
        return loader.loadClass(className).getConstructor().newInstance();
    }
}
