package dev.steepest.examples.book;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM for one program of the book, run in a folder of its own as a learner would run it. */
final class Child {
    /** What it printed: stdout, stderr without the library's DEBUG lines, its exit status and its time. */
    record Result(String out, String err, int status, long seconds) {
        /** @return stdout, then stderr: what a learner's terminal shows */
        String console() {
            return out + err;
        }
    }

    private Child() {
    }

    /** @return the classpath the tests run with: every module's classes and every dependency */
    static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    /**
     * @return the library a reader's own program compiles against: the test classpath without the
     *         examples' own classes and without a logging backend (steepest logs through System.Logger)
     */
    static String libraryClassPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : testClassPath().split(File.pathSeparator)) {
            String normal = entry.replace('\\', '/');
            boolean examples = normal.matches(".*/examples/target/(test-)?classes/?");
            boolean logging = normal.matches(".*/(logback-[^/]*|slf4j-[^/]*)\\.jar");
            if (!examples && !logging) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /**
     * Runs {@code java OPTIONS -cp CLASSPATH MAIN ARGS} in {@code folder}.
     *
     * @param minutes how long it may take before it is ended and the test fails
     */
    static Result run(Path folder, List<String> options, String classPath, String main, List<String> args, int minutes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.awt.headless=true");
        command.addAll(options);
        command.addAll(Arrays.asList("-cp", classPath, main));
        command.addAll(args);
        long start = System.nanoTime();
        try {
            Path errFile = Files.createTempFile("book-stderr", ".txt");   // a file, so neither stream can block the other
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectError(errFile.toFile()).start();
            process.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            process.getInputStream().transferTo(out);
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + minutes + " minutes: " + String.join(" ", args));
            }
            String errors = Files.readString(errFile).lines().filter(l -> !l.startsWith("[DEBUG] "))
                    .map(l -> l + "\n").reduce("", String::concat);
            Files.delete(errFile);
            return new Result(out.toString(StandardCharsets.UTF_8), errors, process.exitValue(),
                    Math.round((System.nanoTime() - start) / 1e9));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
