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

    static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no grad_fn; "
                    + "call requiresGrad(true) on the leaves you want gradients for before computing with them "
                    + "(and not inside Autograd.noGrad())");
        }
        LeafGradients leafGrads = new LeafGradients(createGraph);
        run(new Tensor[] {root}, new Tensor[] {gradient}, retainGraph, createGraph, leafGrads, null);
        // Phase 3: only now that every gradient is computed, add them into the leaves' grads, so that a
        // backward that fails on the way (a freed graph, a modified tensor) changes no grad, as in PyTorch.
        try (var mode = createGraph ? Autograd.enableGrad() : Autograd.noGrad()) {
            for (Map.Entry<Tensor, Tensor> e : leafGrads.byLeaf.entrySet()) {
                accumulate(e.getKey(), e.getValue(), createGraph);
            }
        }
    }

    /**
     * The gradients of {@code roots} (weighted by {@code gradients}) with respect to {@code inputs},
     * leaves or tensors inside the graph, as torch.autograd.grad: no grad() is touched, and only the
     * nodes on a path to an input are run. A null entry where an input was not reached.
     */
    static Tensor[] grad(Tensor[] roots, Tensor[] gradients, Tensor[] inputs, boolean retainGraph, boolean createGraph) {
        Wanted wanted = new Wanted(inputs);
        LeafGradients leafGrads = new LeafGradients(createGraph);
        run(roots, gradients, retainGraph, createGraph, leafGrads, wanted);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            result[i] = t.gradFn == null ? leafGrads.byLeaf.get(t) : wanted.captured.get(t.gradFn) == null ? null
                    : wanted.captured.get(t.gradFn)[t.outputIndex];
        }
        consumed(result);   // the caller's now
        return result;
    }

    /** Sweeps from the roots; leaf roots go straight into leafGrads. */
    private static void run(Tensor[] roots, Tensor[] gradients, boolean retainGraph, boolean createGraph,
                            LeafGradients leafGrads, Wanted wanted) {
        try (var mode = createGraph ? Autograd.enableGrad() : Autograd.noGrad()) {
            List<Tensor> inner = new ArrayList<>();
            List<Tensor> innerGrads = new ArrayList<>();
            for (int i = 0; i < roots.length; i++) {
                Tensor g = dense(gradients[i]);
                if (g != null) g.freshGradient = false;   // the caller's: no rule may overwrite it
                if (roots[i].gradFn == null) {
                    leafGrads.add(roots[i], g);
                } else {
                    inner.add(roots[i]);
                    innerGrads.add(g);
                }
            }
            if (!inner.isEmpty()) {
                sweep(inner, innerGrads, retainGraph, createGraph, leafGrads, wanted);
            }
        }
    }

    /**
     * The inputs of an {@link #grad} call: the leaves wanted, the nodes whose outputs are wanted (their
     * incoming gradients are kept in {@link #captured}), and after {@link #prune} the nodes to run.
     */
    private static final class Wanted {
        final Set<Tensor> leaves = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<Node> capturedNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        final Map<Node, Tensor[]> captured = new IdentityHashMap<>();
        final Set<Node> toRun = Collections.newSetFromMap(new IdentityHashMap<>());

        Wanted(Tensor[] inputs) {
            for (Tensor t : inputs) {
                if (t.gradFn == null) leaves.add(t); else capturedNodes.add(t.gradFn);
            }
        }

        /** Marks the nodes with a path to an input (the order lists users before inputs: walk it backwards). */
        void prune(List<Node> order) {
            for (int n = order.size() - 1; n >= 0; n--) {
                Node node = order.get(n);
                for (Node.Edge edge : node.edges) {
                    if (edge != null && (edge.node() == null ? leaves.contains(edge.leaf())
                            : toRun.contains(edge.node()) || capturedNodes.contains(edge.node()))) {
                        toRun.add(node);
                        break;
                    }
                }
            }
        }
    }

    /** Computes the gradient of every leaf reachable from the roots into leafGrads (the grads themselves are not touched). */
    private static void sweep(List<Tensor> roots, List<Tensor> gradients, boolean retainGraph, boolean createGraph,
                              LeafGradients leafGrads, Wanted wanted) {
        // book:start backward
        // Phase 1: every node reachable from the root, in topological order (inputs after their users).
        List<Node> order = topologicalOrder(roots);
        if (wanted != null) wanted.prune(order);
        // Phase 2: the reverse sweep, starting from d(root)/d(root) = gradient.
        Map<Node, Tensor[]> pending = new IdentityHashMap<>();
        for (int r = 0; r < roots.size(); r++) {
            receive(pending, roots.get(r).gradFn, roots.get(r).outputIndex, gradients.get(r), createGraph);
        }
        for (Node node : order) {
            Tensor[] outputGrads = pending.remove(node);
            if (wanted != null) {
                if (outputGrads != null && wanted.capturedNodes.contains(node)) {
                    consumed(outputGrads);   // returned to the caller: no rule may overwrite them
                    wanted.captured.put(node, outputGrads.clone());
                }
                if (!wanted.toRun.contains(node)) continue;
            }
            boolean[] fresh = outputGrads == null ? null : freshness(outputGrads);
            Tensor[] inputGrads = outputGrads == null ? null : node.apply(outputGrads, createGraph);
            if (!retainGraph) {
                node.release(createGraph);
            }
            if (inputGrads == null) {
                continue;
            }
            consumed(outputGrads);
            if (node.keepsNoGradient && !createGraph) giveBackFinished(outputGrads, fresh, inputGrads);
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
                    // a fresh gradient goes on to its node as the node's own, which its rule may overwrite
                    // (Tensor.overwritable), unless its storage went to another input too
                    if (gi.freshGradient && sharesStorage(inputGrads, i)) gi.freshGradient = false;
                    receive(pending, edge.node(), edge.output(), gi, createGraph);
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
        /** With createGraph the sums are recorded additions, out of place. */
        private final boolean createGraph;

        LeafGradients(boolean createGraph) {
            this.createGraph = createGraph;
        }

        void add(Tensor leaf, Tensor g) {
            Tensor sum = byLeaf.get(leaf);
            if (sum == null) {
                byLeaf.put(leaf, g);
            } else if (createGraph) {
                byLeaf.put(leaf, Broadcasting.add(sum, g));
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

    /** Adds a gradient arriving at output {@code output} of {@code node} (a recorded addition with createGraph). */
    private static void receive(Map<Node, Tensor[]> pending, Node node, int output, Tensor g, boolean createGraph) {
        Tensor[] grads = pending.computeIfAbsent(node, n -> new Tensor[n.outputs]);
        if (grads[output] == null) {
            grads[output] = g;
        } else if (createGraph) {
            grads[output] = Broadcasting.add(grads[output], g);
        } else {
            grads[output] = sum(grads[output], g);
            grads[output].freshGradient = true;   // made here, held by this node alone
        }
    }

    /**
     * After a rule ran: its incoming gradients are no longer fresh. A rule that overwrote one hands it
     * on as a new fresh tensor; one that hands it on unchanged (or was given it by the caller) does not
     * make it overwritable further down.
     */
    private static void consumed(Tensor[] grads) {
        for (Tensor g : grads) {
            if (g != null) g.freshGradient = false;
        }
    }

    /** Which of {@code grads} are fresh (held by the node they are handed to alone). */
    private static boolean[] freshness(Tensor[] grads) {
        boolean[] fresh = new boolean[grads.length];
        for (int i = 0; i < grads.length; i++) fresh[i] = grads[i] != null && grads[i].freshGradient;
        return fresh;
    }

    /**
     * After a built-in rule that keeps no gradient it is given: the storage of each gradient that was
     * fresh when handed to it (no one else held it) and that none of its results shares is read by
     * nothing any more, so it goes to {@link RecycledArrays} for the next op of its size.
     */
    private static void giveBackFinished(Tensor[] outputGrads, boolean[] fresh, Tensor[] inputGrads) {
        for (int o = 0; o < outputGrads.length; o++) {
            if (!fresh[o]) continue;
            float[] storage = outputGrads[o].data;
            boolean handedOn = false;
            for (Tensor gi : inputGrads) handedOn |= gi != null && gi.data == storage;
            if (!handedOn) RecycledArrays.giveBack(storage);
        }
    }

    /** Whether inputGrads[i]'s storage is also another of the rule's results (a rule that hands one buffer to two inputs). */
    private static boolean sharesStorage(Tensor[] inputGrads, int i) {
        for (int j = 0; j < inputGrads.length; j++) {
            if (j != i && inputGrads[j] != null && inputGrads[j].data != null && inputGrads[j].data == inputGrads[i].data) return true;
        }
        return false;
    }

    /**
     * Adds a gradient into a leaf's grad, creating it on first use: as a private copy, or the
     * gradient itself when a built-in rule has just allocated it for this input alone. With
     * createGraph (recording on), as PyTorch: a recorded copy first, then {@code grad = grad + g}
     * out of place, so the grad keeps its graph.
     */
    private static void accumulate(Tensor leaf, Tensor g, boolean createGraph) {
        synchronized (leaf) {
            if (createGraph) {
                leaf.grad = leaf.grad == null ? ShapeOps.contiguous(g) : Broadcasting.add(leaf.grad, g);
            } else if (leaf.grad == null) {
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

    /** Depth-first post-order over the nodes from each root, reversed: each node comes before the nodes of its inputs. */
    private static List<Node> topologicalOrder(List<Tensor> roots) {
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> postOrder = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (visited.add(root.gradFn)) {
                stack.push(root.gradFn);
                nextInput.push(0);
                depthFirst(stack, nextInput, visited, postOrder);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    private static void depthFirst(ArrayDeque<Node> stack, ArrayDeque<Integer> nextInput, Set<Node> visited, List<Node> postOrder) {
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
    }
}
