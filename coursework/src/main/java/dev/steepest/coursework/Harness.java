package dev.steepest.coursework;

import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.coursework.exercise.DifferentiableSubject;
import dev.steepest.coursework.exercise.EnvironmentSubject;
import dev.steepest.coursework.exercise.ExerciseCheck;
import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.StateDict;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs in a submission's child JVM: the student's optimizer behind a narrow channel. The
 * grader sends parameters and gradients; the harness sets them, calls the plugin's
 * {@code step()} and answers with the parameters it left (and their gradients); a closure asks the
 * grader to evaluate the loss, and a Hessian-vector product through a gradient the grader sent with
 * its graph asks the grader for H·v ({@link RemoteCurvature}). The harness measures nothing and
 * judges nothing: every loss, accuracy, verdict and time is the grader's own. Whatever the plugin
 * prints goes to this JVM's standard output, which the grader shows as the student's output and
 * never reads as a report.
 *
 * <p>{@code Harness SOCKET (JAR | --built-in)}; the first line on standard input is the secret
 * that proves to the grader that this is the harness connecting, read before any plugin class is
 * loaded.
 */
public final class Harness {
    private final InputStream in;
    private final OutputStream out;
    private final Path jar;
    private final List<OptimizerProvider> providers = new ArrayList<>();
    private final Map<Integer, Optimizer> optimizers = new HashMap<>();
    private final Map<Integer, List<Tensor>> params = new HashMap<>();
    /** The student's exercises, each behind the checks' interface (null for one that could not be made). */
    private final List<Object> subjects = new ArrayList<>();
    /** The gradients the grader sent last; H·v is asked through them until the next ones or the step's end. */
    private RemoteCurvature.Gradients gradients;

    private Harness(InputStream in, OutputStream out, Path jar) {
        this.in = in;
        this.out = out;
        this.jar = jar;
    }

    /** Connects to the grader, proves itself with the secret, then answers until told to stop. */
    public static void main(String[] args) throws IOException {
        byte[] secret = new byte[64];
        int n = System.in.readNBytes(secret, 0, secret.length);
        String line = new String(secret, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(args[0]));
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        new Wire.Out(Wire.HELLO).text(line).send(out);
        Harness harness = new Harness(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), out,
                args[1].equals("--built-in") ? null : Path.of(args[1]).toAbsolutePath());
        harness.serve();
        System.exit(0);   // a plugin's stray non-daemon thread must not keep the child alive
    }

    private void serve() throws IOException {
        while (true) {
            Wire.In request = Wire.In.read(in);
            if (request.kind == Wire.BYE) return;
            Wire.Out answer;
            try {
                answer = answer(request);
            } catch (IllegalArgumentException e) {
                answer = new Wire.Out(Wire.REFUSED).text(describe(e));
            } catch (IOException e) {
                throw e;
            } catch (Throwable e) {
                answer = new Wire.Out(Wire.FAILED).text(describe(e));
            }
            if (gradients != null) gradients.close();   // the grader lets their graph go when it has its answer
            answer.send(out);
        }
    }

    private Wire.Out answer(Wire.In r) throws IOException {
        switch (r.kind) {
            case Wire.PROVIDERS:
                return providers(r.texts());
            case Wire.CREATE: {
                int id = r.integer();
                OptimizerProvider provider = providers.get(r.integer());
                Map<String, Object> given = r.options();
                List<Tensor> tensors = tensors(r);
                Optimizer o = provider.create(tensors, Options.of(given).resolve(provider));
                if (o == null) throw new IllegalStateException("create() returned null");
                optimizers.put(id, o);
                params.put(id, tensors);
                return new Wire.Out(Wire.OK).flag(o.supportsParamGroups()).flag(o.requiresClosure()).flag(o.needsGraph());
            }
            case Wire.ADD_GROUP: {
                int id = r.integer();
                List<Tensor> tensors = tensors(r);
                ParamGroup group = new ParamGroup(tensors);
                r.options().forEach(group::set);
                optimizers.get(id).addParamGroup(group);
                params.get(id).addAll(tensors);
                return new Wire.Out(Wire.OK);
            }
            case Wire.STEP: {
                int id = r.integer();
                setOptions(id, r);
                setGradients(id, r);
                optimizers.get(id).step();
                return stepped(id);
            }
            case Wire.STEP_CLOSURE: {
                int id = r.integer();
                setOptions(id, r);
                optimizers.get(id).step(() -> evaluate(id));
                return stepped(id);
            }
            case Wire.STATE: {
                StateDict state = optimizers.get(r.integer()).stateDict();
                return new Wire.Out(Wire.OK).blob(SafeTensors.toBytes(state.tensors(), state.metadata()));
            }
            case Wire.LOAD: {
                Optimizer o = optimizers.get(r.integer());
                SafeTensors.Contents read = SafeTensors.fromBytes(r.blob(), "the state the grader sent");
                o.loadStateDict(StateDict.fromFlat(read.tensors(), read.metadata()));
                return new Wire.Out(Wire.OK);
            }
            case Wire.TEXT:
                return new Wire.Out(Wire.OK).text(String.valueOf(optimizers.get(r.integer())));
            case Wire.EXERCISES:
                return exercises(Assignment.valueOf(r.text()), r.texts());
            case Wire.CREATE_MODULE:
                return exercise(() -> RemoteExercise.named(new Wire.Out(Wire.OK), ((DifferentiableSubject) subjects.get(r.integer())).create()));
            case Wire.RUN:
                return exercise(() -> RemoteExercise.answerRun((DifferentiableSubject) subjects.get(r.integer()), r));
            case Wire.ENVIRONMENT:
                return exercise(() -> RemoteExercise.answerEnvironment((EnvironmentSubject) subjects.get(r.integer()), r));
            default:
                throw new Wire.BrokenMessage("a request of unknown kind " + r.kind);
        }
    }

    private interface Answer {
        Wire.Out answer() throws IOException;
    }

    /** An exercise's answer; what its code throws is told as the checks name it locally (see ExerciseCheck.thrown). */
    private static Wire.Out exercise(Answer a) throws IOException {
        try {
            return a.answer();
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            return new Wire.Out(Wire.FAILED).text(ExerciseCheck.thrown(e));
        }
    }

    /** The class {@code name} when it is the student's jar's own; otherwise null, with the reason written to {@code o}. */
    private Class<?> own(String name, Wire.Out o) throws Exception {
        Class<?> c = Class.forName(name, false, Harness.class.getClassLoader());
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (jar != null && (source == null || !Path.of(source.getLocation().toURI()).equals(jar))) {
            o.flag(false).text("is not the submission's own class: the grader already has a class of that name (from "
                    + (source == null ? "the JDK" : source.getLocation()) + "); a provider must be a class of the student's "
                    + "jar, in a package of the student's own");
            return null;
        }
        return c;
    }

    /** Creates each exercise named (a class of the student's jar), puts it behind the checks' interface and says its name. */
    private Wire.Out exercises(Assignment kind, List<String> classes) throws IOException {
        Wire.Out o = new Wire.Out(Wire.OK).integer(classes.size());
        for (String name : classes) {
            subjects.add(null);
            try {
                Class<?> c = own(name, o);
                if (c == null) continue;
                if (!kind.api.isAssignableFrom(c)) {
                    o.flag(false).text("does not implement " + kind.api.getName() + "; the " + kind.word() + " assignment takes a class "
                            + "implementing it, as templates/" + kind.template + " does");
                    continue;
                }
                Object made = c.getConstructor().newInstance();
                RemoteExercise.Served served = RemoteExercise.serve(made, c);
                subjects.set(subjects.size() - 1, served.subject());
                o.flag(true).text(served.name());
            } catch (Throwable e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
                o.flag(false).text("could not be created: " + describe(cause) + " (it needs a public no-argument constructor, and a name "
                        + "method that does not throw)");
            }
        }
        return o;
    }

    /** Creates each provider named (a class of the student's jar, checked here too) and describes it. */
    private Wire.Out providers(List<String> classes) throws IOException {
        Wire.Out o = new Wire.Out(Wire.OK).integer(classes.size());
        for (String name : classes) {
            try {
                Class<?> c = own(name, o);
                if (c == null) {
                    providers.add(null);
                    continue;
                }
                OptimizerProvider p = (OptimizerProvider) c.getConstructor().newInstance();
                String pname = p.name();
                String description = p.description();
                List<Hyperparameter> hps = p.hyperparameters();
                Wire.Out d = new Wire.Out(Wire.OK).text(pname).text(description).integer(hps == null ? -1 : hps.size());
                for (Hyperparameter h : hps == null ? List.<Hyperparameter>of() : hps) describe(h, d);
                providers.add(p);
                o.flag(true).include(d);   // described in full before any of it is written
            } catch (Throwable e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
                providers.add(null);
                o.flag(false).text("could not be created: " + describe(cause) + " (it needs a public no-argument constructor, and "
                        + "name(), description() and hyperparameters() that do not throw)");
            }
        }
        return o;
    }

    private static void describe(Hyperparameter h, Wire.Out o) throws IOException {
        o.text(h.name()).integer(h.kind().ordinal()).value(h.defaultValue()).text(h.doc()).texts(h.choices());
        o.flag(h.range() != null);
        if (h.range() != null) {
            var r = h.range();
            o.number(r.min()).flag(r.contains(r.min())).number(r.max()).flag(r.contains(r.max()));
        }
    }

    private List<Tensor> tensors(Wire.In r) throws IOException {
        int n = r.count("parameters");
        List<Tensor> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] shape = r.ints();
            list.add(Tensor.of(r.floats(), shape).requiresGrad(true));
        }
        return list;
    }

    private void setOptions(int id, Wire.In r) throws IOException {
        List<ParamGroup> groups = optimizers.get(id).paramGroups();
        int n = r.count("groups");
        for (int g = 0; g < n; g++) {
            Map<String, Object> options = r.options();
            if (g < groups.size()) options.forEach(groups.get(g)::set);
        }
    }

    /**
     * Sets the gradients the grader sent on the parameters of optimizer {@code id}; one that has a
     * graph in the grader is set as a recorded node through which H·v is asked of the grader (see
     * {@link RemoteCurvature}). The gradients set before are let go.
     */
    private RemoteCurvature.Gradients setGradients(int id, Wire.In r) throws IOException {
        if (gradients != null) gradients.close();
        List<Tensor> ps = params.get(id);
        gradients = RemoteCurvature.read(r, ps, RemoteCurvature.over(in, out));
        for (int i = 0; i < ps.size(); i++) ps.get(i).setGrad(gradients.get(i));
        return gradients;
    }

    /** The closure a plugin calls: the grader evaluates the loss at the parameters as they are now. */
    private Tensor evaluate(int id) {
        synchronized (out) {   // not interleaved with an H·v asked from another of the plugin's threads
            return evaluateNow(id);
        }
    }

    private Tensor evaluateNow(int id) {
        try {
            Wire.Out ask = new Wire.Out(Wire.EVAL);
            List<Tensor> ps = params.get(id);
            ask.integer(ps.size());
            for (Tensor p : ps) ask.floats(p.toArray());
            ask.send(out);
            Wire.In answer = Wire.In.read(in);
            if (answer.kind != Wire.EVALUATED) throw new IllegalStateException("the grader did not evaluate the loss");
            float loss = (float) answer.number();
            return setGradients(id, answer).loss(loss, ps);
        } catch (IOException e) {
            throw new IllegalStateException("the grading channel failed: " + e.getMessage(), e);
        }
    }

    private Wire.Out stepped(int id) throws IOException {
        Wire.Out o = new Wire.Out(Wire.OK);
        List<Tensor> ps = params.get(id);
        o.integer(ps.size());
        for (Tensor p : ps) {
            o.floats(p.toArray());
            o.floats(p.grad() == null ? null : p.grad().toArray());
        }
        return o;
    }

    /** The exception and the first frame of the student's code (or of anything not the JDK's or the harness's). */
    static String describe(Throwable e) {
        String where = Arrays.stream(e.getStackTrace())
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith(Harness.class.getPackageName()))
                .findFirst().map(f -> " at " + f).orElse("");
        String what = e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage() : String.valueOf(e);
        return what + where;
    }
}
