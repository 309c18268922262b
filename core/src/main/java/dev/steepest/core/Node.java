package dev.steepest.core;

/**
 * One recorded operation in the graph: its name (printed as {@code grad_fn=<MulBackward>}), the
 * tensors it read, the tensors its backward rule needs (with their versions at the time, so that an
 * in-place change made afterwards is caught) and the rule itself.
 */
final class Node {
    final String name;
    final Tensor[] inputs;
    private Backward backward;
    private Tensor[] saved;
    private int[] savedVersions;
    private boolean released;

    /** The gradient flowing into this node during one backward sweep. */
    Tensor pendingGrad;
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

    Tensor[] apply(Tensor gradOutput) {
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
        return backward.apply(gradOutput);
    }

    /**
     * Frees the saved tensors after a backward without retainGraph. A node that saved none keeps its
     * rule, so the graph can still be gone through there, as in PyTorch.
     */
    void release() {
        if (saved.length > 0) {
            released = true;
            backward = null;
            saved = null;
        }
    }
}
