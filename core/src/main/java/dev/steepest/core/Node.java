package dev.steepest.core;

/**
 * One recorded operation in the graph: its name (printed as {@code grad_fn=<MulBackward>}), the
 * tensors it read, the tensors its backward rule needs (with their versions at the time, so that an
 * in-place change made afterwards is caught) and the rule itself.
 *
 * <p>Most ops have one output. An op with several ({@code unbind}: one tensor per time step) has one
 * node for all of them, as in PyTorch: the gradients of its outputs are collected first and its rule
 * runs once, so that the pieces of a split go back in one copy instead of one full-size gradient
 * each.
 */
final class Node {
    final String name;
    final Tensor[] inputs;
    private Backward backward;
    private MultiBackward multiBackward;
    private Tensor[] saved;
    private int[] savedVersions;
    private boolean released;

    /** The gradient flowing into this node's one output during one backward sweep. */
    private Tensor pendingGrad;
    /** For a node with several outputs: the gradient flowing into each (null where none came). */
    private Tensor[] pendingGrads;
    /** Marks used by the topological sort of one backward sweep. */
    int visitMark;

    Node(String name, Tensor[] inputs, Tensor[] saved, Backward backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
        this.saved = saved;
        if (saved.length > 0) {
            savedVersions = new int[saved.length];
            for (int i = 0; i < saved.length; i++) {
                savedVersions[i] = saved[i].version();
            }
        }
    }

    /** A node with several outputs; its rule receives one gradient per output (null where none flowed). */
    Node(String name, Tensor[] inputs, Tensor[] saved, int outputs, MultiBackward backward) {
        this(name, inputs, saved, null);
        this.multiBackward = backward;
        this.pendingGrads = new Tensor[outputs];
    }

    /** Adds a gradient arriving at output {@code output} during a backward sweep. */
    void receive(int output, Tensor g) {
        if (pendingGrads == null) {
            pendingGrad = pendingGrad == null ? g : Engine.sum(pendingGrad, g);
        } else {
            pendingGrads[output] = pendingGrads[output] == null ? g : Engine.sum(pendingGrads[output], g);
        }
    }

    /** Runs the rule on the gradients received so far and forgets them; null if none arrived. */
    Tensor[] applyPending() {
        if (pendingGrads == null) {
            Tensor g = pendingGrad;
            pendingGrad = null;
            return g == null ? null : apply(g);
        }
        Tensor[] gs = pendingGrads.clone();
        java.util.Arrays.fill(pendingGrads, null);
        for (Tensor g : gs) {
            if (g != null) {
                checkSaved();
                return multiBackward.apply(gs);
            }
        }
        return null;
    }

    Tensor[] apply(Tensor gradOutput) {
        checkSaved();
        return backward.apply(gradOutput);
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

    /**
     * Frees the saved tensors after a backward without retainGraph. A node that saved none keeps its
     * rule, so the graph can still be gone through there, as in PyTorch.
     */
    void release() {
        if (saved.length > 0) {
            released = true;
            backward = null;
            multiBackward = null;
            saved = null;
        }
    }
}
