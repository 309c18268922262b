package dev.steepest.coursework;

import dev.steepest.core.Autograd;
import dev.steepest.core.Curvature;
import dev.steepest.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hessian-vector products across the grading channel, for an optimizer that
 * {@linkplain dev.steepest.optim.Optimizer#needsGraph() needs the loss's graph} (newton, newton-cg,
 * adahessian, sophia, or a student's). The graph is the grader's: its closure computed the loss and
 * called {@code optimizer.backward(loss)}, which keeps the gradients' graph. The child is sent the
 * gradients as numbers, with a flag for each that has a graph, and the harness sets those as one
 * recorded node ({@value #NODE}) whose inputs are the child's parameters. A plugin then takes H·v
 * exactly as in its own JVM ({@code Curvature.hvp}, or {@code Autograd.grad} of ⟨g, v⟩): the node's
 * backward rule sends v to the grader ({@link Wire#HVP}) and takes back H·v ({@link Wire#PRODUCT}),
 * which the grader computes from its own graph with {@link Curvature#hvp}, as {@link Wire#EVAL}
 * asks it for a loss. The closure's loss is recorded too ({@value #LOSS}), so that
 * {@code Autograd.grad(loss, params, true, true)} in the child gives those gradients with that graph.
 *
 * <p>The grader trusts nothing in a request: one vector per parameter, of the parameter's size, and
 * only where the gradient it sent has a graph; anything else breaks the channel and ends the child.
 * The child's node holds the grader's graph for one set of gradients only: once the harness sets the
 * next ones, or the step that sent them has ended, taking H·v through it fails with a message.
 */
final class RemoteCurvature {
    static final String NODE = "RemoteGradientBackward";
    static final String LOSS = "RemoteLossBackward";

    private RemoteCurvature() {
    }

    // ---------------------------------------------------------------- the child's side

    /** How the child asks the grader: one vector per parameter (null where none), H·v back per parameter. */
    interface Channel {
        float[][] product(float[][] v) throws IOException;
    }

    /**
     * One set of gradients the grader sent, set on the child's parameters: those with a graph in the
     * grader recorded here. It answers H·v until {@link #close()}.
     */
    static final class Gradients {
        private final Channel channel;
        private final Tensor[] grads;
        private final float[][] values;
        private boolean live = true;

        private Gradients(Channel channel, Tensor[] grads, float[][] values) {
            this.channel = channel;
            this.grads = grads;
            this.values = values;
        }

        /** @return the gradient of parameter {@code i}, with its graph when the grader's had one; null for none */
        Tensor get(int i) {
            return grads[i];
        }

        /** Ends these gradients' graph: the grader has let it go (new gradients, or the step ended). */
        void close() {
            live = false;
        }

        /**
         * The closure's loss: a recorded node whose rule gives these gradients (with their graph when
         * the gradient is asked with createGraph), or a plain number when none has a graph.
         */
        Tensor loss(float value, List<Tensor> params) {
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> gradients = new ArrayList<>();
            boolean graph = false;
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] == null) continue;
                inputs.add(params.get(i));
                gradients.add(grads[i]);
                graph |= grads[i].gradFn() != null;
            }
            if (!graph) return Tensor.scalar(value);
            Tensor[] in = inputs.toArray(Tensor[]::new);
            try (var on = Autograd.enableGrad()) {
                return Tensor.record(LOSS, Tensor.scalar(value), in, in, u -> {   // dL/dp = g: recorded when createGraph asks
                    Tensor[] out = new Tensor[gradients.size()];
                    for (int i = 0; i < out.length; i++) out[i] = gradients.get(i).mul(u);
                    return out;
                });
            }
        }

        /** H·u, u the upstream gradient of the recorded node: asked of the grader. */
        private Tensor[] product(Tensor u, Tensor[] inputs, int[] which) {
            if (!live) {
                throw new IllegalStateException("a Hessian-vector product through a gradient the grader no longer holds: grade "
                        + "keeps the graph of the latest gradients it sent, for the step that sent them; take H·v in the same step, "
                        + "through the gradients now in grad() (not kept from an earlier step or closure call)");
            }
            float[] all = u.toArray();
            float[][] v = new float[values.length][];
            for (int k = 0, at = 0; k < which.length; k++) {
                v[which[k]] = Arrays.copyOfRange(all, at, at + values[which[k]].length);
                at += values[which[k]].length;
            }
            float[][] hv;
            try {
                hv = channel.product(v);
            } catch (IOException e) {
                throw new IllegalStateException("the grading channel failed: " + e.getMessage(), e);
            }
            if (hv.length != values.length) {
                throw new IllegalStateException("the grader's H·v has " + hv.length + " parts for " + values.length + " parameters");
            }
            Tensor[] out = new Tensor[which.length];
            for (int k = 0; k < which.length; k++) {
                float[] h = hv[which[k]];
                if (h == null || h.length != values[which[k]].length) {
                    throw new IllegalStateException("the grader's H·v for parameter " + which[k] + " has "
                            + (h == null ? "no" : h.length) + " values for " + values[which[k]].length);
                }
                out[k] = Tensor.of(h, inputs[k].shape());
            }
            return out;
        }
    }

    /** Reads the gradients the grader sent (as {@link #write} wrote them) and makes them for the child's {@code params}. */
    static Gradients read(Wire.In r, List<Tensor> params, Channel channel) throws IOException {
        float[][] values = new float[params.size()][];
        boolean[] graph = new boolean[params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.floats();
            if (values[i] == null) continue;
            graph[i] = r.flag();
            if (values[i].length != params.get(i).numel()) {
                throw new Wire.BrokenMessage(values[i].length + " gradient values for a parameter of " + params.get(i).numel());
            }
        }
        return gradients(params, values, graph, channel);
    }

    /**
     * Makes the gradients the grader sent, for the child's {@code params} (nothing is set on them).
     *
     * @param values each parameter's gradient (null for none), of its size (checked by the caller)
     * @param graph whether the grader's gradient of each parameter has a graph
     */
    static Gradients gradients(List<Tensor> params, float[][] values, boolean[] graph, Channel channel) {
        Tensor[] grads = new Tensor[params.size()];
        List<Integer> with = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            if (values[i] == null) continue;
            if (graph[i]) with.add(i);
            else grads[i] = Tensor.of(values[i], params.get(i).shape());
        }
        Gradients made = new Gradients(channel, grads, values);
        if (with.isEmpty()) return made;
        int[] which = with.stream().mapToInt(Integer::intValue).toArray();
        Tensor[] inputs = new Tensor[which.length];
        int[] sizes = new int[which.length];
        int total = 0;
        for (int k = 0; k < which.length; k++) {
            inputs[k] = params.get(which[k]);
            sizes[k] = values[which[k]].length;
            total += sizes[k];
        }
        float[] flat = new float[total];
        for (int k = 0, at = 0; k < which.length; at += sizes[k], k++) System.arraycopy(values[which[k]], 0, flat, at, sizes[k]);
        try (var on = Autograd.enableGrad()) {
            // g = ∇f(p), one node for all: its vector-Jacobian product with u is H·u (H symmetric), asked of the grader.
            // Saving the parameters makes an in-place change to one before H·v an error, as through a graph of one's own.
            Tensor node = Tensor.record(NODE, Tensor.of(flat, total), inputs, inputs, u -> made.product(u, inputs, which), null);
            List<Tensor> pieces = which.length == 1 ? List.of(node) : node.split(sizes, 0);
            for (int k = 0; k < which.length; k++) grads[which[k]] = pieces.get(k).reshape(inputs[k].shape());
        }
        return made;
    }

    /** The child's channel: H·v asked with {@link Wire#HVP} on {@code out}, answered with {@link Wire#PRODUCT} on {@code in}. */
    static Channel over(InputStream in, OutputStream out) {
        return v -> {
            synchronized (out) {   // a plugin's threads must not interleave their frames
                return ask(v, in, out);
            }
        };
    }

    private static float[][] ask(float[][] v, InputStream in, OutputStream out) throws IOException {
        request(v).send(out);
        return products(Wire.In.read(in));
    }

    /** @return the {@link Wire#HVP} request for {@code v}, one vector per parameter (null where none) */
    static Wire.Out request(float[][] v) throws IOException {
        Wire.Out ask = new Wire.Out(Wire.HVP).integer(v.length);
        for (float[] x : v) ask.floats(x);
        return ask;
    }

    /** @return H·v per parameter from the grader's {@link Wire#PRODUCT} answer; throws with the grader's reason when it has none */
    static float[][] products(Wire.In answer) throws IOException {
        if (answer.kind != Wire.PRODUCT) throw new IllegalStateException("the grader did not answer the Hessian-vector product");
        if (!answer.flag()) throw new IllegalStateException(answer.text());
        int n = answer.count("products");
        float[][] hv = new float[n][];
        for (int i = 0; i < n; i++) hv[i] = answer.floats();
        return hv;
    }

    // ---------------------------------------------------------------- the grader's side

    /**
     * Answers one {@link Wire#HVP} request with H·v from the grader's own graph.
     *
     * @param asked the request: a count, then one vector per parameter (null where none)
     * @param params the grader's parameters, in the order the child knows them
     * @param sent the gradients the grader last sent for them (null before any was sent; an entry null
     *     where a parameter had none); those with a graph are the ones H·v is taken through
     * @return the {@link Wire#PRODUCT} answer: H·v per parameter, or why it could not be computed
     * @throws Wire.BrokenMessage for a request no honest harness sends (the child is then ended)
     */
    static Wire.Out answer(Wire.In asked, List<Tensor> params, List<Tensor> sent) throws IOException {
        if (sent == null) {
            throw new Wire.BrokenMessage("a Hessian-vector product asked before the grader sent any gradient in this step");
        }
        int n = asked.integer();
        if (n != params.size()) {
            throw new Wire.BrokenMessage(n + " vectors for a Hessian-vector product about " + params.size() + " parameters");
        }
        List<Integer> which = new ArrayList<>();
        List<Tensor> g = new ArrayList<>(), p = new ArrayList<>(), v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] vi = asked.floats();
            if (vi == null) continue;
            Tensor gi = sent.get(i);
            if (gi == null || gi.gradFn() == null) {
                throw new Wire.BrokenMessage("a vector for parameter " + i + ", whose gradient the grader sent without a graph "
                        + "(H·v is taken only through a gradient sent with its graph)");
            }
            if (vi.length != params.get(i).numel()) {
                throw new Wire.BrokenMessage("a vector of " + vi.length + " values for parameter " + i + " of " + params.get(i).numel()
                        + " elements in a Hessian-vector product (one value per element)");
            }
            which.add(i);
            g.add(gi);
            p.add(params.get(i));
            v.add(Tensor.of(vi, params.get(i).shape()));
        }
        List<Tensor> hv;
        try {
            hv = which.isEmpty() ? List.of() : Curvature.hvp(g, p, v);
        } catch (RuntimeException e) {
            return new Wire.Out(Wire.PRODUCT).flag(false).text("the grader could not compute H·v: " + RemoteProvider.bounded(String.valueOf(e.getMessage())));
        }
        Wire.Out out = new Wire.Out(Wire.PRODUCT).flag(true).integer(n);
        for (int i = 0, k = 0; i < n; i++) {
            boolean here = k < which.size() && which.get(k) == i;
            out.floats(here ? hv.get(k++).toArray() : null);
        }
        return out;
    }

    /** Writes the gradients the grader sends: each one's values (null for none), then whether it has a graph. */
    static void write(Wire.Out o, List<Tensor> gradients) throws IOException {
        for (Tensor g : gradients) {
            o.floats(g == null ? null : g.toArray());
            if (g != null) o.flag(g.gradFn() != null);
        }
    }
}
