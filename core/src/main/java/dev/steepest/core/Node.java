package dev.steepest.core;

/**
 * One recorded operation in the graph: its name (printed as {@code grad_fn=<MulBackward>}), where
 * the gradient of each input goes (an {@link Edge}), the tensors its backward rule reads (with their
 * versions at the time, so that an in-place change made afterwards is caught) and the rule itself.
 *
 * <p>A node holds no input tensor, only edges: to the node that made an input, or to a leaf. After
 * a backward without {@code retainGraph} ({@link #release}), a node that saved tensors drops them
 * and its rule (which may hold buffers derived from them, such as max pooling's arg-max positions),
 * and keeps only its name and edges: what {@code grad_fn} printing and the "go through the graph a
 * second time" error need. A kept loss then holds its graph's small nodes, not its activations, as
 * in PyTorch. A node that saved nothing keeps its rule, which captures sizes and numbers only, so the
 * graph can be gone through there again, as in PyTorch.
 *
 * <p>Most ops have one output. An op with several ({@code unbind}: one tensor per time step) has one
 * node for all of them, as in PyTorch: the gradients of its outputs are collected first and its rule
 * runs once, so that the pieces of a split go back in one copy instead of one full-size gradient
 * each.
 */
final class Node {

    /**
     * Where the gradient of one input goes: output {@code output} of {@code node} for a tensor an op
     * made, or the grad of {@code leaf}. Holds the input's shape, not its values.
     */
    record Edge(Node node, int output, Tensor leaf, int[] shape) {

        /** The edge to {@code input}, or null for an input that takes no gradient. */
        static Edge to(Tensor input) {
            if (input == null || !input.requiresGrad) return null;
            return input.gradFn != null
                    ? new Edge(input.gradFn, input.outputIndex, null, input.shapeRef())
                    : new Edge(null, 0, input, input.shapeRef());
        }
    }

    final String name;
    /** One per input, in the rule's order; null where the input takes no gradient. */
    final Edge[] edges;
    final int outputs;
    private Backward backward;
    private MultiBackward multiBackward;
    /**
     * The same rule written in Tensor ops, which record themselves when recording is on, so that the
     * gradients it returns can be differentiated again (used by a backward with {@code createGraph});
     * null for an op whose backward cannot be differentiated yet.
     */
    private Backward differentiable;
    private MultiBackward multiDifferentiable;
    private Tensor[] saved;
    private int[] savedVersions;
    private boolean released;
    /**
     * Set for a built-in rule that keeps no reference to the gradients it is given (nor to their
     * arrays) once it has returned: the engine may then give a fresh one of them, whose storage none
     * of the rule's results shares, to {@link RecycledArrays}.
     */
    boolean keepsNoGradient;

    /** A node with one output: the fast rule, and its differentiable twin (null: refuses createGraph). */
    Node(String name, Tensor[] inputs, Tensor[] saved, Backward backward, Backward differentiable) {
        this(name, inputs, saved, 1, backward, null, differentiable, null);
    }

    /** A node with several outputs; its rule receives one gradient per output (null where none flowed). */
    Node(String name, Tensor[] inputs, Tensor[] saved, int outputs, MultiBackward backward, MultiBackward differentiable) {
        this(name, inputs, saved, outputs, null, backward, null, differentiable);
    }

    private Node(String name, Tensor[] inputs, Tensor[] saved, int outputs, Backward backward, MultiBackward multiBackward,
                 Backward differentiable, MultiBackward multiDifferentiable) {
        this.name = name;
        this.edges = new Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) edges[i] = Edge.to(inputs[i]);
        this.outputs = outputs;
        this.backward = backward;
        this.multiBackward = multiBackward;
        this.differentiable = differentiable;
        this.multiDifferentiable = multiDifferentiable;
        this.saved = saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].version();
            saved[i].savedBy++;
        }
    }

    /**
     * Runs the rule on the gradients of the outputs (null where none flowed) and returns the inputs'
     * gradients: the fast rule, or with {@code createGraph} the rule written in Tensor ops (the caller
     * has turned recording on), so that its results can be differentiated again.
     */
    Tensor[] apply(Tensor[] gradOutputs, boolean createGraph) {
        checkSaved();
        if (!createGraph) {
            return multiBackward != null ? multiBackward.apply(gradOutputs) : backward.apply(gradOutputs[0]);
        }
        if (differentiable == null && multiDifferentiable == null) {
            throw new UnsupportedOperationException("backward with createGraph: " + name + " cannot be differentiated twice yet: "
                    + "its backward rule computes numbers, not recorded Tensor ops, so the gradient it gives would have no graph "
                    + "and a second derivative through it would be silently wrong. Use createGraph=false here, or an op whose "
                    + "gradient can be differentiated (see Autograd.grad).");
        }
        return multiDifferentiable != null ? multiDifferentiable.apply(gradOutputs) : differentiable.apply(gradOutputs[0]);
    }

    private void checkSaved() {
        if (released) {
            throw new IllegalStateException("backward: trying to go through the graph a second time (at " + name
                    + "), but its saved tensors were freed after the first backward(). "
                    + "Pass retainGraph=true to the first backward(gradient, true) if you need to go through it twice.");
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException("backward: a tensor of shape " + Shapes.toString(saved[i].shapeRef())
                        + " needed by " + name + " was modified by an in-place operation after it was used: it is at version "
                        + saved[i].version() + "; expected version " + savedVersions[i]
                        + ". Do the in-place update after backward(), or use the out-of-place op (add instead of add_).");
            }
        }
    }

    /** Marks {@code result}'s node, when it has one, as a rule that keeps no gradient it is given ({@link #keepsNoGradient}). */
    static Tensor keepsNoGradient(Tensor result) {
        if (result.gradFn != null) result.gradFn.keepsNoGradient = true;
        return result;
    }

    /**
     * Frees the saved tensors and the rule that reads them after a backward without retainGraph. A
     * {@linkplain Tensor#graphOnly graph-only} tensor that no other node holds now goes to
     * {@link RecycledArrays}; after a backward with createGraph never (the new graph may hold views
     * of it), and it stops being graph-only.
     */
    void release(boolean createGraph) {
        if (saved.length > 0) {
            for (Tensor t : saved) {
                t.savedBy--;
                if (createGraph) t.graphOnly = false;
                if (t.graphOnly && t.savedBy == 0) RecycledArrays.giveBack(t.data);
            }
            released = true;
            backward = null;
            multiBackward = null;
            differentiable = null;
            multiDifferentiable = null;
            saved = Tensor.NONE;
        }
    }
}
