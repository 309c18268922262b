package dev.steepest.optim.plugins;

import dev.steepest.core.Curvature;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.ParamGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * What the second-order plugins share: the parameters whose gradients were made with their graph
 * ({@code loss.backward(true)}, see {@link Optimizer#needsGraph()}), the Hessian-vector products
 * taken through that graph, and the seeded random vectors of Hutchinson's estimator.
 */
final class SecondOrder {
    private SecondOrder() {
    }

    /** The parameters that have a gradient, each with its group, in group order. */
    record Slot(Tensor p, ParamGroup group) {
    }

    /**
     * @return every parameter with a gradient; throws, naming the parameter, when a gradient has no
     *     graph (made by {@code backward()} instead of {@code backward(true)})
     */
    static List<Slot> withGradients(Optimizer optimizer) {
        List<Slot> slots = new ArrayList<>();
        int index = 0;
        for (ParamGroup group : optimizer.paramGroups()) {
            for (Tensor p : group.params()) {
                if (p.grad() != null) {
                    if (p.grad().gradFn() == null) {
                        throw new IllegalStateException(optimizer.name() + ": the gradient of parameter " + index + " (shape "
                                + java.util.Arrays.toString(p.shape()) + ") has no graph, so its curvature cannot be read; "
                                + "make it with loss.backward(true) (PyTorch's create_graph=True), or let the optimizer do it: "
                                + "optimizer.backward(loss) in the closure");
                    }
                    slots.add(new Slot(p, group));
                }
                index++;
            }
        }
        return slots;
    }

    /** @return the gradients of {@code slots} (with their graph) */
    static List<Tensor> gradients(List<Slot> slots) {
        return slots.stream().map(s -> s.p().grad()).toList();
    }

    /** @return the parameters of {@code slots} */
    static List<Tensor> params(List<Slot> slots) {
        return slots.stream().map(Slot::p).toList();
    }

    /**
     * H·v, one Hessian-vector product: the gradient of ⟨∇f, v⟩ with respect to the parameters,
     * taken through the gradients' graph, which is kept for the next product (core's {@link Curvature#hvp}).
     *
     * @param v one vector per parameter, shaped like it (not modified)
     * @return one tensor per parameter, without a graph
     */
    static List<Tensor> hessianTimes(List<Slot> slots, List<Tensor> v) {
        return Curvature.hvp(gradients(slots), params(slots), v);
    }

    /**
     * The generator of step {@code t}'s random vectors: {@code new Generator(seed + t)}, drawn in
     * parameter order, as the fixture script draws with {@code torch.Generator().manual_seed(seed + t)}.
     * A step's draws depend only on the seed and the step's number, so a resumed run draws what an
     * uninterrupted one does.
     */
    static Generator draws(long seed, long t) {
        return new Generator(seed + t);
    }

    /** @return sign(x) elementwise (0 at 0), torch.sign */
    static Tensor sign(Tensor x) {
        float[] s = x.toArray();
        for (int i = 0; i < s.length; i++) s[i] = Math.signum(s[i]);
        return Tensor.of(s, x.shape());
    }
}
