package dev.steepest.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode differentiation: the backward sweep over the recorded graph.
 *
 * <p>Every sweep keeps its state (the order, the gradients on their way) in its own local maps,
 * so that two threads may run backward on two graphs at once; the leaves' grads are added into
 * under the leaf's lock, as PyTorch's AccumulateGrad does. Two threads going through the same graph
 * at once are not supported (nor are they in PyTorch without retain_graph).
 */
final class Engine {

    private Engine() {
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no grad_fn; "
                    + "call requiresGrad(true) on the leaves you want gradients for before computing with them "
                    + "(and not inside Autograd.noGrad())");
        }
        gradient = dense(gradient);
        LeafGradients leafGrads = new LeafGradients();
        if (root.gradFn == null) {
            leafGrads.add(root, gradient);
        } else {
            try (var off = Autograd.noGrad()) {
                sweep(root, gradient, retainGraph, leafGrads);
            }
        }
        // Phase 3: only now that every gradient is computed, add them into the leaves' grads, so that a
        // backward that fails on the way (a freed graph, a modified tensor) changes no grad, as in PyTorch.
        for (Map.Entry<Tensor, Tensor> e : leafGrads.byLeaf.entrySet()) {
            accumulate(e.getKey(), e.getValue());
        }
    }

    /** Computes the gradient of every leaf reachable from root into leafGrads (the grads themselves are not touched). */
    private static void sweep(Tensor root, Tensor gradient, boolean retainGraph, LeafGradients leafGrads) {
        // book:start backward
        // Phase 1: every node reachable from the root, in topological order (inputs after their users).
        List<Node> order = topologicalOrder(root.gradFn);
        // Phase 2: the reverse sweep, starting from d(root)/d(root) = gradient.
        Map<Node, Tensor[]> pending = new IdentityHashMap<>();
        receive(pending, root.gradFn, root.outputIndex, gradient);
        for (Node node : order) {
            Tensor[] outputGrads = pending.remove(node);
            Tensor[] inputGrads = outputGrads == null ? null : node.apply(outputGrads);
            if (!retainGraph) {
                node.release();
            }
            if (inputGrads == null) {
                continue;
            }
            for (int i = 0; i < node.edges.length && i < inputGrads.length; i++) {
                Node.Edge edge = node.edges[i];
                Tensor gi = dense(inputGrads[i]);
                if (edge == null || gi == null) {
                    continue;
                }
                if (!Arrays.equals(gi.shape, edge.shape())) {
                    throw new IllegalStateException("backward: " + node.name + " returned a gradient of shape "
                            + Shapes.toString(gi.shape) + " for its input " + i + " of shape " + Shapes.toString(edge.shape()));
                }
                if (edge.node() != null) {
                    gi.freshGradient = false;   // now held by the node: a rule may hand it on unchanged
                    receive(pending, edge.node(), edge.output(), gi);
                } else {
                    leafGrads.add(edge.leaf(), gi);
                }
            }
        }
        // book:end backward
    }

    /**
     * The gradients of the leaves, collected during a sweep and added into their grads only after it:
     * a leaf's first gradient is kept as it is; a second makes a private sum, which later ones are
     * added into.
     */
    private static final class LeafGradients {
        final Map<Tensor, Tensor> byLeaf = new IdentityHashMap<>();
        private final Set<Tensor> sums = Collections.newSetFromMap(new IdentityHashMap<>());

        void add(Tensor leaf, Tensor g) {
            Tensor sum = byLeaf.get(leaf);
            if (sum == null) {
                byLeaf.put(leaf, g);
            } else if (sums.contains(sum)) {
                for (int i = 0; i < sum.data.length; i++) sum.data[i] += g.data[i];
            } else {
                Tensor total = Engine.sum(sum, g);
                total.freshGradient = true;   // made here, held by nobody else: the leaf may take it as its grad
                sums.add(total);
                byLeaf.put(leaf, total);
            }
        }
    }

    /**
     * The gradient itself, or a dense copy of it when a rule returned a view (a permute's gradient
     * is a transposed view): the rules and the sums here read gradients as plain row-major arrays.
     */
    private static Tensor dense(Tensor g) {
        return g == null || g.dense ? g : g.contiguous();
    }

    /** Adds a gradient arriving at output {@code output} of {@code node}. */
    private static void receive(Map<Node, Tensor[]> pending, Node node, int output, Tensor g) {
        Tensor[] grads = pending.computeIfAbsent(node, n -> new Tensor[n.outputs]);
        grads[output] = grads[output] == null ? g : sum(grads[output], g);
    }

    /**
     * Adds a gradient into a leaf's grad, creating it on first use: as a private copy, or the
     * gradient itself when a built-in rule has just allocated it for this input alone.
     */
    private static void accumulate(Tensor leaf, Tensor g) {
        synchronized (leaf) {
            if (leaf.grad == null) {
                if (g.freshGradient) {
                    g.freshGradient = false;
                    leaf.grad = g;
                } else {
                    leaf.grad = new Tensor(g.data.clone(), leaf.shape.clone());
                }
            } else if (!leaf.grad.dense) {   // a grad the user set to a view: added through its strides
                leaf.grad.add_(g);
            } else {
                float[] acc = leaf.grad.data;
                float[] add = g.data;
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += add[i];
                }
                leaf.grad.version.value++;
            }
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
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> postOrder = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        visited.add(root);
        stack.push(root);
        nextInput.push(0);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            int i = nextInput.pop();
            if (i < node.edges.length) {
                nextInput.push(i + 1);
                Node.Edge edge = node.edges[i];
                if (edge != null && edge.node() != null && visited.add(edge.node())) {
                    stack.push(edge.node());
                    nextInput.push(0);
                }
            } else {
                stack.pop();
                postOrder.add(node);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
