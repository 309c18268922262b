package dev.steepest.coursework;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.optim.Closure;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.StateDict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A student's optimizer seen from the grader: the parameters live here, and each step sends their
 * gradients (and each group's options, which a scheduler or a check may have changed) to the
 * child, where the plugin's {@code step()} runs, then takes back the parameters it left. A closure
 * step is answered here: the child asks for the loss at its current parameters and the grader
 * evaluates it. A gradient with a graph (an optimizer that needs the loss's graph) goes with a flag
 * saying so, and the child's Hessian-vector products through it are answered here too, from the
 * grader's own graph ({@link RemoteCurvature}). The state dict travels as safetensors bytes, read with the hardened reader.
 */
final class RemoteOptimizer extends Optimizer {
    private final RemoteProvider provider;
    private final int id;
    private final boolean groups;
    private final boolean closure;
    private final boolean graph;
    private boolean created;

    RemoteOptimizer(List<Tensor> params, Options options, RemoteProvider provider, int id, boolean groups, boolean closure,
                    boolean graph) {
        super(params, options);
        this.provider = provider;
        this.id = id;
        this.groups = groups;
        this.closure = closure;
        this.graph = graph;
        this.created = true;
    }

    private Child child() {
        return provider.child;
    }

    @Override
    public boolean supportsParamGroups() {
        return groups;
    }

    @Override
    public boolean requiresClosure() {
        return closure;
    }

    /**
     * What the plugin declares: then every task's closure keeps the gradients' graph here
     * ({@code optimizer.backward(loss)}), and the child's Hessian-vector products are taken through it
     * ({@link RemoteCurvature}).
     */
    @Override
    public boolean needsGraph() {
        return graph;
    }

    @Override
    public void addParamGroup(ParamGroup group) {
        super.addParamGroup(group);   // the checks every optimizer makes, and the defaults filled in
        if (!created) return;         // the first group, sent with create()
        Wire.In answer = child().call(RemoteProvider.request(Wire.ADD_GROUP, o -> {
            o.integer(id);
            RemoteProvider.writeTensors(o, group.params());
            o.options(group.options());
        }));
        RemoteProvider.read(child(), () -> RemoteProvider.check(answer));
    }

    private List<Tensor> params() {
        List<Tensor> all = new ArrayList<>();
        for (ParamGroup g : paramGroups()) all.addAll(g.params());
        return all;
    }

    private void writeOptions(Wire.Out o) throws IOException {
        o.integer(paramGroups().size());
        for (ParamGroup g : paramGroups()) o.options(g.options());
    }

    @Override
    public void step() {
        List<Tensor> all = params();
        List<Tensor> sent = gradients(all);
        Wire.In answer = child().call(RemoteProvider.request(Wire.STEP, o -> {
            o.integer(id);
            writeOptions(o);
            RemoteCurvature.write(o, sent);
        }));
        while (answer.kind == Wire.HVP) answer = product(answer, all, sent);
        take(answer, all);
    }

    /** @return each parameter's gradient now (null for none), with its graph if it has one */
    private static List<Tensor> gradients(List<Tensor> all) {
        List<Tensor> g = new ArrayList<>(all.size());
        for (Tensor p : all) g.add(p.grad());
        return g;
    }

    /** Answers the child's H·v request from the graph of the gradients {@code sent}; returns the child's next answer. */
    private Wire.In product(Wire.In asked, List<Tensor> all, List<Tensor> sent) {
        Wire.Out[] hv = new Wire.Out[1];
        RemoteProvider.read(child(), () -> hv[0] = RemoteCurvature.answer(asked, all, sent));
        return child().call(hv[0]);
    }

    @Override
    public float step(Closure closure) {
        if (closure == null) {
            throw new IllegalArgumentException(name() + ".step(closure): the closure is null; call step() to update "
                    + "with the gradients already computed");
        }
        List<Tensor> all = params();
        Wire.In answer = child().call(RemoteProvider.request(Wire.STEP_CLOSURE, o -> {
            o.integer(id);
            writeOptions(o);
        }));
        float first = Float.NaN;
        boolean evaluated = false;
        List<Tensor> sent = null;   // no gradient sent yet: an H·v asked now breaks the channel
        while (answer.kind == Wire.EVAL || answer.kind == Wire.HVP) {
            if (answer.kind == Wire.HVP) {
                answer = product(answer, all, sent);
                continue;
            }
            Wire.In asked = answer;
            RemoteProvider.read(child(), () -> set(asked, all, false));
            float loss = evaluate(closure);   // the grader's own evaluation, at the child's parameters
            if (!evaluated) first = loss;
            evaluated = true;
            List<Tensor> gradients = gradients(all);
            sent = gradients;
            answer = child().call(RemoteProvider.request(Wire.EVALUATED, o -> {
                o.number(loss);
                RemoteCurvature.write(o, gradients);
            }));
        }
        take(answer, all);
        return first;
    }

    /** Takes the parameters (and gradients) the child's step left, checking every length. */
    private void take(Wire.In answer, List<Tensor> all) {
        RemoteProvider.read(child(), () -> {
            RemoteProvider.check(answer);
            set(answer, all, true);
        });
    }

    private void set(Wire.In in, List<Tensor> all, boolean withGrads) throws IOException {
        int n = in.integer();
        if (n != all.size()) throw new Wire.BrokenMessage(n + " parameters in an answer about " + all.size());
        try (var off = Autograd.noGrad()) {
            for (Tensor p : all) {
                float[] values = in.floats();
                if (values == null || values.length != p.numel()) {
                    throw new Wire.BrokenMessage((values == null ? "no" : values.length) + " values for a parameter of " + p.numel());
                }
                p.copy_(Tensor.of(values, p.shape()));
                if (withGrads) {
                    float[] g = in.floats();
                    if (g != null && g.length != p.numel()) {
                        throw new Wire.BrokenMessage(g.length + " gradient values for a parameter of " + p.numel());
                    }
                    p.setGrad(g == null ? null : Tensor.of(g, p.shape()));
                }
            }
        }
    }

    @Override
    public StateDict stateDict() {
        Wire.In answer = child().call(RemoteProvider.request(Wire.STATE, o -> o.integer(id)));
        byte[][] bytes = new byte[1][];
        RemoteProvider.read(child(), () -> {
            RemoteProvider.check(answer);
            bytes[0] = answer.blob();
        });
        SafeTensors.Contents read;
        try {
            read = SafeTensors.fromBytes(bytes[0], "the state dict of '" + name() + "'");
            return StateDict.fromFlat(read.tensors(), read.metadata());
        } catch (IOException | RuntimeException e) {
            throw new RemoteProvider.PluginFailed("its state dict cannot be read back: " + RemoteProvider.bounded(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public void loadStateDict(StateDict saved) {
        byte[] bytes = SafeTensors.toBytes(saved.tensors(), saved.metadata());
        Wire.In answer = child().call(RemoteProvider.request(Wire.LOAD, o -> o.integer(id).blob(bytes)));
        RemoteProvider.read(child(), () -> RemoteProvider.check(answer));
        for (int g = 0; g < Math.min(saved.groupCount(), paramGroups().size()); g++) {
            for (Map.Entry<String, Object> e : saved.groupOptions(g).entrySet()) {
                paramGroups().get(g).set(e.getKey(), e.getValue());   // the next step sends these back
            }
        }
    }

    @Override
    public String toString() {
        Wire.In answer = child().call(RemoteProvider.request(Wire.TEXT, o -> o.integer(id)));
        String[] text = new String[1];
        RemoteProvider.read(child(), () -> {
            RemoteProvider.check(answer);
            text[0] = RemoteProvider.bounded(answer.text());
        });
        return text[0];
    }
}
