package dev.steepest.coursework;

import dev.steepest.coursework.exercise.GradingStopped;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The grader's side of one submission's child JVM: starts it (see {@link Sandbox}), waits for the
 * harness to connect to a socket of its own with the secret only the harness was given, and then
 * asks and reads answers. Everything else the child writes is {@link StudentOutput}. At its time
 * limit, and when grading ends, the child's whole process tree is ended. When the child ends early
 * or breaks the channel, every later call throws {@link Ended} with the reason in words, naming
 * the stage the grader was running (the grader's own knowledge, not the child's).
 */
final class Child implements AutoCloseable {
    /** The child is gone or broke the channel; the message says how, for the scoreboard. */
    static final class Ended extends GradingStopped {
        Ended(String message) {
            super(message);
        }
    }

    private final Process process;
    private final StudentOutput output = new StudentOutput();
    private final int seconds;
    private final int heapMegabytes;
    private final long deadline;
    private volatile boolean timedOut;
    private volatile String stage = "starting the JVM";
    private SocketChannel channel;
    private InputStream in;
    private OutputStream out;
    private String ended;
    private long waitingNanos;

    private final boolean ownGroup;

    private Child(Process process, boolean ownGroup, int seconds, int heapMegabytes) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.seconds = seconds;
        this.heapMegabytes = heapMegabytes;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    /**
     * Starts the harness in a child JVM and waits until it has connected.
     *
     * @param folder a fresh private folder for this child (its working folder and socket go there)
     * @param jar the private copy of the student's jar, or null for a built-in optimizer
     */
    static Child start(Sandbox sandbox, Path folder, Path jar, int seconds, int heapMegabytes) throws IOException {
        Path work = Files.createDirectories(folder.resolve("work"));
        Path socket = folder.resolve("channel.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        List<String> java = new ArrayList<>(List.of("-Xmx" + heapMegabytes + "m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", Harness.class.getName(), socket.toString(), jar == null ? "--built-in" : jar.toString()));
        // the main class and its arguments go last: Sandbox.command puts the classpath before them
        List<String> command = sandbox.command(java.subList(0, java.size() - 2), work, jar, socket);
        command.addAll(java.subList(java.size() - 2, java.size()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Sandbox.minimal(builder.environment(), work);
        Child child = new Child(builder.start(), sandbox.ownProcessGroup(), seconds, heapMegabytes);
        StudentOutput.drain(child.process.getInputStream(), child.output);
        try (OutputStream stdin = child.process.getOutputStream()) {
            stdin.write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the child ended at once: said when the first call fails
        }
        child.watch();
        try (server) {
            child.accept(server, secret);
        } finally {
            Files.deleteIfExists(socket);
        }
        return child;
    }

    /** Ends the whole process tree at the time limit. */
    private void watch() {
        Thread t = new Thread(() -> {
            try {
                if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    timedOut = true;
                    endTree();
                }
            } catch (InterruptedException ignored) {
                // grading ended first
            }
        }, "grade-time-limit");
        t.setDaemon(true);
        t.start();
    }

    private void accept(ServerSocketChannel server, String secret) throws IOException {
        server.configureBlocking(false);
        for (int tries = 0; tries < 8 && process.isAlive() && channel == null; ) {
            SocketChannel c = server.accept();
            if (c == null) {
                sleep();
                continue;
            }
            tries++;
            c.configureBlocking(true);
            InputStream i = new BufferedInputStream(Channels.newInputStream(c), 1 << 16);
            try {
                Wire.In hello = Wire.In.read(i);
                if (hello.kind == Wire.HELLO && hello.text().equals(secret)) {
                    channel = c;
                    in = i;
                    out = new BufferedOutputStream(Channels.newOutputStream(c), 1 << 16);
                    return;
                }
            } catch (IOException e) {
                // not the harness: refused, as is anyone without the secret
            }
            c.close();
        }
        if (channel == null) {
            ended = reason(null);
        }
    }

    private void sleep() {
        try {
            process.waitFor(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ended("grading was interrupted");
        }
    }

    /** Says what the grader is running now; a failure is reported in it. */
    void stage(String what) {
        stage = what;
    }

    /** Sends a request and returns the answer (OK, REFUSED, FAILED or EVAL). */
    Wire.In call(Wire.Out request) {
        if (ended != null) throw new Ended(ended);
        long start = System.nanoTime();
        try {
            request.send(out);
            return Wire.In.read(in);
        } catch (Wire.BrokenMessage e) {
            throw broken(e.getMessage());
        } catch (IOException e) {
            ended = reason(e);
            throw new Ended(ended);
        } finally {
            waitingNanos += System.nanoTime() - start;
        }
    }

    /** Ends the child whose answer broke the channel's rules; the exception to throw says so. */
    Ended broken(String what) {
        if (ended == null) {
            ended = "broke the grading channel while running " + stage + " (" + what + "); the plugin's code must not "
                    + "write to the grader's channel";
            endTree();
        }
        return new Ended(ended);
    }

    /** Why the child is gone, in words: after a short wait for its exit status. */
    private String reason(IOException e) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
        endTree();
        if (timedOut) {
            return "did not finish within the time limit of " + seconds + " s; it was stopped while running " + stage
                    + ". Is there an endless loop (a loop whose condition never changes) in the code it was running: step() for an optimizer, "
                    + "forward, backward or step for an exercise?";
        }
        if (process.isAlive()) {
            return "closed the grading channel while running " + stage + (e == null ? "" : " (" + e.getMessage() + ")");
        }
        int status = process.exitValue();
        if (status == 3) {
            return "ran out of memory (heap limit " + heapMegabytes + " MB) while running " + stage + ": the JVM ended with status 3, "
                    + "as it does on OutOfMemoryError. Does step() keep every tensor it makes (a list or map that grows at every step)?";
        }
        return "ended the grading JVM with exit status " + status + " while running " + stage
                + ". A plugin must never call System.exit or halt the JVM; throw an exception instead";
    }

    /** @return the reason the child ended early, or null while it is well */
    String ended() {
        return ended;
    }

    /** @return seconds the grader spent waiting for the child's answers */
    double secondsWaiting() {
        return waitingNanos / 1e9;
    }

    /** @return what the submission printed, bounded */
    List<String> output() {
        return output.lines();
    }

    /** Ends the whole process tree: its process group (or sandbox) and every descendant. */
    private void endTree() {
        List<ProcessHandle> all = process.descendants().toList();
        try {
            if (ownGroup) new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // no kill command: the descendants below are still ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Tells the harness to stop, then ends the process tree whatever it does. */
    @Override
    public void close() {
        List<ProcessHandle> started = process.descendants().toList();   // before they can outlive their parent
        if (ended == null && channel != null) {
            try {
                new Wire.Out(Wire.BYE).send(out);
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException ignored) {
                // gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        endTree();
        started.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
