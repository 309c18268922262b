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
public final class PluginJars {
    public static final String SERVICE = "META-INF/services/dev.steepest.optim.OptimizerProvider";

    private PluginJars() {
    }

    /**
     * @param sources a folder of .java files (searched recursively)
     * @param work a scratch folder
     * @param jarName the jar's file name
     * @return the jar
     */
    public static Path build(Path sources, Path work, String jarName) throws IOException {
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

    /**
     * A plugin jar from one source file written in the test.
     *
     * @param work a scratch folder
     * @param jarName the jar's file name, e.g. {@code "student-a.jar"}
     * @param className the top-level class, with its package, e.g. {@code "boom.BoomProvider"}
     * @param source the whole file
     * @return the jar
     */
    public static Path fromSource(Path work, String jarName, String className, String source) throws IOException {
        Path sources = work.resolve(jarName + "-src");
        Path file = sources.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return build(sources, work, jarName);
    }

    /**
     * The source of a one-file plugin: a provider named {@code name} in package {@code pkg} whose
     * optimizer runs {@code step} (Java statements; {@code lr}, {@code p} and {@code g} are the
     * learning rate, the parameter and its gradient) for every parameter with a gradient, and
     * {@code constructor} after {@code super(...)}.
     *
     * @param registered whether the provider carries {@code @AutoService(OptimizerProvider.class)}
     */
    public static String plugin(String pkg, String name, boolean registered, String constructor, String step) {
        return """
                package %1$s;

                import com.google.auto.service.AutoService;
                import dev.steepest.core.Autograd;
                import dev.steepest.core.Tensor;
                import dev.steepest.optim.Hyperparameter;
                import dev.steepest.optim.Optimizer;
                import dev.steepest.optim.OptimizerProvider;
                import dev.steepest.optim.Options;
                import dev.steepest.optim.ParamGroup;
                import java.util.List;

                %3$s
                public final class Provider implements OptimizerProvider {
                    public String name() { return "%2$s"; }
                    public String description() { return "a crafted plugin"; }
                    public List<Hyperparameter> hyperparameters() {
                        return List.of(Hyperparameter.number("lr", 0.01, Hyperparameter.Range.atLeast(0), "learning rate"));
                    }
                    public Optimizer create(List<Tensor> params, Options options) { return new Crafted(params, options); }

                    static final class Crafted extends Optimizer {
                        Crafted(List<Tensor> params, Options options) {
                            super(params, options.resolve(new Provider()));
                            %4$s
                        }

                        @Override public void step() {
                            try (var off = Autograd.noGrad()) {
                                for (ParamGroup group : paramGroups()) {
                                    float lr = (float) group.lr();
                                    for (Tensor p : group.params()) {
                                        if (p.grad() == null) continue;
                                        Tensor g = p.grad();
                                        %5$s
                                    }
                                }
                            }
                        }
                    }
                }
                """.formatted(pkg, name, registered ? "@AutoService(OptimizerProvider.class)" : "", constructor, step);
    }
}
