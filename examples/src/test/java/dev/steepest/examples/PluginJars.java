package dev.steepest.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds an optimizer plugin jar inside a test, without Maven or a network: compiles the sources
 * with the JDK's compiler against the test classpath, and writes the classes plus a
 * {@code META-INF/services/dev.steepest.optim.OptimizerProvider} file listing every class
 * annotated {@code @AutoService(OptimizerProvider.class)} (what the AutoService processor would write).
 */
final class PluginJars {
    static final String SERVICE = "META-INF/services/dev.steepest.optim.OptimizerProvider";

    private PluginJars() {
    }

    /**
     * @param sources a folder of .java files (searched recursively)
     * @param work a scratch folder
     * @param jarName the jar's file name
     * @return the jar
     */
    static Path build(Path sources, Path work, String jarName) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no .java files under " + sources);
        }
        Path classes = Files.createDirectories(work.resolve(jarName + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "--release", "17", "-d", classes.toString(),
                "-cp", Launch.testClassPath()));
        for (Path f : files) {
            args.add(f.toString());
        }
        java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + sources + ":\n" + messages.toString(StandardCharsets.UTF_8));
        }
        TreeSet<String> providers = new TreeSet<>();
        java.util.regex.Pattern annotated = java.util.regex.Pattern.compile(
                "@AutoService\\(\\s*OptimizerProvider\\.class\\s*\\)[\\s\\S]*?class\\s+(\\w+)");
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = annotated.matcher(text);
            Matcher pkg = java.util.regex.Pattern.compile("package\\s+([\\w.]+)\\s*;").matcher(text);
            String prefix = pkg.find() ? pkg.group(1) + "." : "";
            while (m.find()) {
                providers.add(prefix + m.group(1));
            }
        }
        Path jar = work.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(SERVICE));
            out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
