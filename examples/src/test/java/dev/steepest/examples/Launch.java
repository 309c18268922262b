package dev.steepest.examples;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the launcher for a test: in this JVM with system properties set for the call and the
 * console captured, or in a child JVM with an extra jar on the classpath.
 */
public final class Launch {
    /** The built-in plugins' names, as optim-plugins provides them. */
    public static final List<String> BUILT_IN = List.of("adagrad", "adahessian", "adam", "adamw", "lbfgs", "momentum", "nesterov", "newton",
            "newton-cg", "rmsprop", "sgd", "simplegd", "sophia");

    /** What a run printed and returned. */
    public record Result(int status, String out, String err) {
        /** @return the one line that starts with {@code prefix}, e.g. the summary line */
        public String line(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out + "\nstderr:\n" + err));
        }

        /** @return stderr without the library's log lines ("[DEBUG] …", "[INFO] …", which go to stderr too): the program's own message */
        public String failure() {
            return err.lines().filter(l -> !l.startsWith("[DEBUG] ") && !l.startsWith("[INFO] ")).map(l -> l + "\n").reduce("", String::concat);
        }

        /** @return every line that starts with {@code prefix} */
        public List<String> lines(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private Launch() {
    }

    /**
     * Runs {@code Main.run} in this JVM.
     *
     * @param properties system properties to set during the run (removed afterwards), e.g. optimizer=sgd
     * @param args the command line
     */
    public static Result inProcess(Map<String, String> properties, String... args) {
        Map<String, String> before = new HashMap<>();
        for (String key : properties.keySet()) {
            before.put(key, System.getProperty(key));
            System.setProperty(key, properties.get(key));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                status = Main.run(args, o, e, false);
            }
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            for (Map.Entry<String, String> e : before.entrySet()) {
                if (e.getValue() == null) {
                    System.clearProperty(e.getKey());
                } else {
                    System.setProperty(e.getKey(), e.getValue());
                }
            }
        }
    }

    /** @return the classpath the tests run with: the examples' classes and every dependency, plugins and logback included */
    public static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    /**
     * Runs {@code java -cp <test classpath>:<extra> dev.steepest.examples.Main args} in a child JVM.
     *
     * @param extra jars to append to the classpath (a plugin)
     * @param properties -D options
     * @param args the command line
     */
    public static Result childProcess(List<Path> extra, Map<String, String> properties, String... args) throws IOException, InterruptedException {
        return childProcess(List.of(), extra, properties, args);
    }

    /**
     * Runs {@code java -cp <first>:<test classpath>:<extra> dev.steepest.examples.Main args} in a child JVM.
     *
     * @param first folders or jars put before the classpath, whose files win (a data file of one's own)
     * @param extra jars to append to the classpath (a plugin)
     * @param properties -D options
     * @param args the command line
     */
    public static Result childProcess(List<Path> first, List<Path> extra, Map<String, String> properties, String... args)
            throws IOException, InterruptedException {
        StringBuilder classPath = new StringBuilder();
        for (Path path : first) {
            classPath.append(path.toAbsolutePath()).append(File.pathSeparator);
        }
        classPath.append(testClassPath());
        for (Path jar : extra) {
            classPath.append(File.pathSeparator).append(jar.toAbsolutePath());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.awt.headless=true");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classPath.toString());
        command.add("dev.steepest.examples.Main");
        command.addAll(List.of(args));
        return process(command);
    }

    /**
     * Runs a command (a JVM, usually) and waits at most 3 minutes for it.
     *
     * @param command the program and its arguments
     * @return its exit status and what it printed on stdout and stderr
     */
    public static Result process(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errReader.start();
        process.getInputStream().transferTo(out);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child process did not finish in 3 minutes: " + command);
        }
        errReader.join();
        return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
