package dev.steepest.core;

import java.util.List;

/**
 * Switches the recording of operations on and off, per thread, as {@code torch.no_grad()} and
 * {@code torch.enable_grad()} do in PyTorch.
 *
 * <pre>{@code
 * try (var off = Autograd.noGrad()) {
 *     p.add_(p.grad().mul(-lr));   // an optimizer's update: not recorded
 * }
 * Tensor prediction = Autograd.noGrad(() -> model.forward(x));   // the same, as a lambda
 * Autograd.noGrad(() -> { p.add_(p.grad().mul(-lr)); });         // a block with no result
 * }</pre>
 *
 * <p>It also computes gradients as values, as {@code torch.autograd.grad}: {@link #grad} returns
 * d(outputs)/d(inputs) without touching any {@code grad()}, and with {@code createGraph} the backward
 * pass records differentiable operations, so that the gradients can be differentiated again
 * (second derivatives, Hessian-vector products: see {@link Curvature}):
 *
 * <pre>{@code
 * Tensor y = x.pow(3).sum();
 * Tensor dy = Autograd.grad(y, List.of(x), true, true).get(0);    // 3x², with a graph
 * Tensor d2y = Autograd.grad(dy.sum(), List.of(x)).get(0);         // 6x
 * }</pre>
 *
 * Every op of core has a gradient that can be differentiated again: the elementwise ops (pow, exp,
 * log, sqrt, abs, clamp, relu, leaky relu, sigmoid, tanh, GELU), the reductions (sum, mean, max, min,
 * norm, var, std), matmul, bmm and linear, the views and cat/stack, softmax and logSoftmax,
 * layerNorm, where and maskedFill, gather, indexSelect, scatter, scatterAdd and embedding, tril and
 * triu, the convolutions, max and average pooling, nearest upsampling and dropout; nn's layers and
 * losses are made of these or have such a rule of their own (BatchNorm, the regression losses, BCE,
 * BCE with logits, NLL, KL divergence). An op recorded without a differentiable rule
 * ({@code Tensor.record(…, null)}) says otherwise: a backward with createGraph through it fails with
 * a message naming it, never with a silently wrong second derivative.
 */
public final class Autograd {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {
    }

    /** Whether operations on tensors that require grad are being recorded on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off until the returned scope is closed (torch.no_grad). */
    public static Scope noGrad() {
        return set(false);
    }

    /**
     * Runs {@code body} with recording off and returns what it returns, as a function decorated with
     * {@code @torch.no_grad()}; the mode in force before is restored afterwards, also when it throws.
     */
    @SuppressWarnings("try")   // the scope is used for its effect
    public static <T> T noGrad(java.util.function.Supplier<T> body) {
        if (body == null) {
            throw new IllegalArgumentException("noGrad: body is null; pass a lambda such as () -> model.forward(x)");
        }
        try (Scope off = noGrad()) {
            return body.get();
        }
    }

    /** Runs {@code body} with recording off (a block with no result, such as an update in place); restores the mode afterwards. */
    public static void noGrad(Runnable body) {
        if (body == null) {
            throw new IllegalArgumentException("noGrad: body is null; pass a lambda such as () -> { p.add_(p.grad().mul(-lr)); }");
        }
        noGrad(() -> {
            body.run();
            return null;
        });
    }

    /**
     * d(output)/d(inputs) for a one-element output (a loss), as {@code torch.autograd.grad(output, inputs)}:
     * the graph is freed afterwards and the gradients have no graph of their own. An input the output
     * does not depend on is an error, as with PyTorch's default {@code allow_unused=False}.
     *
     * @return one gradient per input, in the inputs' order and shapes; no {@code grad()} is changed
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs) {
        return grad(output, inputs, false, false);
    }

    /**
     * d(output)/d(inputs) for a one-element output; with {@code retainGraph} the graph can be gone
     * through again, and with {@code createGraph} the gradients carry a graph, so that they can be
     * differentiated again (pass retainGraph true as well if the first graph is needed again; PyTorch
     * defaults it to create_graph).
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean retainGraph, boolean createGraph) {
        return grad(output == null ? null : List.of(output), inputs, null, retainGraph, createGraph, false);
    }

    /**
     * Σ_k gradOutputs[k]·d(outputs[k])/d(inputs), as {@code torch.autograd.grad(outputs, inputs,
     * grad_outputs, retain_graph, create_graph)}; gradOutputs may be null when every output has one
     * element (then 1 each), else has one tensor per output of its shape. Only the part of the graph
     * that leads to an input is gone through. An input not reached is an error (PyTorch's default).
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        return grad(outputs, inputs, gradOutputs, retainGraph, createGraph, false);
    }

    /**
     * As {@link #grad(List, List, List, boolean, boolean)}; with {@code allowUnused} an input the
     * outputs do not depend on gets null instead of an error, as PyTorch's {@code allow_unused=True}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Tensor[] roots = checkedOutputs(outputs);
        Tensor[] seeds = checkedGradOutputs(roots, gradOutputs);
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("grad: inputs is " + (inputs == null ? "null" : "empty")
                    + "; pass the tensors to differentiate with respect to, e.g. List.of(x) or model.parameters()");
        }
        Tensor[] wrt = new Tensor[inputs.size()];
        for (int i = 0; i < wrt.length; i++) {
            wrt[i] = inputs.get(i);
            if (wrt[i] == null) {
                throw new IllegalArgumentException("grad: input " + i + " is null");
            }
            if (!wrt[i].requiresGrad) {
                throw new IllegalArgumentException("grad: input " + i + " (shape " + Shapes.toString(wrt[i].shape)
                        + ") does not require grad, so no gradient can be computed for it; call requiresGrad(true) on it"
                        + " before computing the outputs");
            }
        }
        Tensor[] grads = Engine.grad(roots, seeds, wrt, retainGraph, createGraph);
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null && !allowUnused) {
                throw new IllegalArgumentException("grad: input " + i + " (shape " + Shapes.toString(wrt[i].shape)
                        + ") appears not to have been used in computing the outputs, so it has no gradient; pass allowUnused=true"
                        + " to get null for it instead (PyTorch: allow_unused=True)");
            }
        }
        return java.util.Arrays.asList(grads);
    }

    private static Tensor[] checkedOutputs(List<Tensor> outputs) {
        if (outputs == null || outputs.isEmpty() || outputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("grad: outputs must be one or more tensors (the loss), got "
                    + (outputs == null ? "null" : outputs.isEmpty() ? "none" : "a null output"));
        }
        Tensor[] roots = outputs.toArray(new Tensor[0]);
        for (int k = 0; k < roots.length; k++) {
            if (!roots[k].requiresGrad) {
                throw new IllegalArgumentException("grad: output " + k + " does not require grad and has no grad_fn: it was computed"
                        + " from tensors that do not require grad, or under Autograd.noGrad()");
            }
        }
        return roots;
    }

    private static Tensor[] checkedGradOutputs(Tensor[] roots, List<Tensor> gradOutputs) {
        if (gradOutputs != null && gradOutputs.size() != roots.length) {
            throw new IllegalArgumentException("grad: " + gradOutputs.size() + " gradOutputs for " + roots.length
                    + " outputs; pass one per output (or null for one-element outputs)");
        }
        Tensor[] seeds = new Tensor[roots.length];
        for (int k = 0; k < roots.length; k++) {
            Tensor g = gradOutputs == null ? null : gradOutputs.get(k);
            if (g == null) {
                if (roots[k].numel != 1) {
                    throw new IllegalArgumentException("grad: output " + k + " has shape " + Shapes.toString(roots[k].shape)
                            + "; a gradient can be implied only for a one-element output: pass gradOutputs of the outputs' shapes");
                }
                g = Tensor.onesLike(roots[k]);
            } else if (!java.util.Arrays.equals(g.shape, roots[k].shape)) {
                throw new IllegalArgumentException("grad: gradOutputs " + k + " has shape " + Shapes.toString(g.shape)
                        + " but output " + k + " has shape " + Shapes.toString(roots[k].shape));
            }
            seeds[k] = g;
        }
        return seeds;
    }

    /** Turns recording on until the returned scope is closed (torch.enable_grad), e.g. inside an optimizer's closure. */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        Scope scope = new Scope(flag, flag[0]);
        flag[0] = enabled;
        return scope;
    }

    /** A try-with-resources scope; closing it restores the mode that was in force when it opened. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                flag[0] = previous;
                closed = true;
            }
        }
    }
}
