package dev.steepest.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reverse-mode differentiation: the backward sweep over the recorded graph. */
final class Engine {

    private static int sweep;

    private Engine() {
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no grad_fn; "
                    + "call requiresGrad(true) on the leaves you want gradients for before computing with them "
                    + "(and not inside Autograd.noGrad())");
        }
        if (root.gradFn == null) {
            accumulate(root, gradient);
            return;
        }
        // book:start backward
        try (var off = Autograd.noGrad()) {
            // Phase 1: every node reachable from the root, in topological order (inputs after their users).
            List<Node> order = topologicalOrder(root.gradFn);
            // Phase 2: the reverse sweep, starting from d(root)/d(root) = gradient.
            root.gradFn.receive(root.outputIndex, gradient);
            for (Node node : order) {
                Tensor[] inputGrads = node.applyPending();
                if (inputGrads == null) {
                    continue;
                }
                for (int i = 0; i < node.inputs.length; i++) {
                    Tensor input = node.inputs[i];
                    if (input == null || !input.requiresGrad || i >= inputGrads.length || inputGrads[i] == null) {
                        continue;
                    }
                    Tensor gi = inputGrads[i];
                    if (!Arrays.equals(gi.shape, input.shape)) {
                        throw new IllegalStateException("backward: " + node.name + " returned a gradient of shape "
                                + Shapes.toString(gi.shape) + " for its input " + i + " of shape " + Shapes.toString(input.shape));
                    }
                    if (input.gradFn != null) {
                        gi.freshGradient = false;   // now held by the node: a rule may hand it on unchanged
                        input.gradFn.receive(input.outputIndex, gi);
                    } else {
                        accumulate(input, gi);
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
            }
        }
        // book:end backward
    }

    /**
     * Adds a gradient into a leaf's grad, creating it on first use: as a private copy, or the
     * gradient itself when a built-in rule has just allocated it for this input alone.
     */
    private static void accumulate(Tensor leaf, Tensor g) {
        if (leaf.grad == null) {
            if (g.freshGradient) {
                g.freshGradient = false;
                leaf.grad = g;
            } else {
                leaf.grad = new Tensor(g.data.clone(), leaf.shape.clone());
            }
        } else {
            float[] acc = leaf.grad.data;
            float[] add = g.data;
            for (int i = 0; i < acc.length; i++) {
                acc[i] += add[i];
            }
            leaf.grad.version.value++;
        }
    }

    static Tensor sum(Tensor a, Tensor b) {
        float[] out = new float[a.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.data[i] + b.data[i];
        }
        return new Tensor(out, a.shape);
    }

    /** Depth-first post-order over the nodes, reversed: each node comes before the nodes of its inputs. */
    private static List<Node> topologicalOrder(Node root) {
        int mark = ++sweep;
        List<Node> postOrder = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        root.visitMark = mark;
        stack.push(root);
        nextInput.push(0);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            int i = nextInput.pop();
            if (i < node.inputs.length) {
                nextInput.push(i + 1);
                Tensor input = node.inputs[i];
                if (input != null && input.gradFn != null && input.gradFn.visitMark != mark) {
                    input.gradFn.visitMark = mark;
                    stack.push(input.gradFn);
                    nextInput.push(0);
                }
            } else {
                stack.pop();
                postOrder.add(node);
            }
        }
        java.util.Collections.reverse(postOrder);
        return postOrder;
    }
}
