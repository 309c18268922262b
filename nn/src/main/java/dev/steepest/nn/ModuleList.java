package dev.steepest.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Modules held in a list, as {@code torch.nn.ModuleList}: registered under {@code "0"}, {@code "1"},
 * … so that their parameters are named {@code layers.0.weight}, {@code layers.1.bias} as in PyTorch,
 * and a state dict loads into PyTorch's {@code nn.ModuleList} with the same keys. It has no forward of
 * its own: the module that holds it loops over it.
 *
 * <pre>{@code
 * final ModuleList<Linear> layers;
 * Net() {
 *     layers = registerModule("layers", new ModuleList<>(new Linear(3, 4), new Linear(4, 4)));
 * }
 * public Tensor forward(Tensor x) {
 *     for (Linear layer : layers) x = layer.forward(x).tanh();
 *     return x;
 * }
 * }</pre>
 *
 * @param <M> the type of the modules held ({@link Module} for a mixed list)
 */
public class ModuleList<M extends Module> extends Holder implements Iterable<M> {

    private final List<M> modules = new ArrayList<>();

    /** An empty list; {@link #add} appends. */
    public ModuleList() {
    }

    /** The given modules, in order, as {@code nn.ModuleList([...])}. */
    @SafeVarargs
    public ModuleList(M... modules) {
        if (modules == null) {
            throw new IllegalArgumentException("ModuleList: modules is null");
        }
        for (M m : modules) add(m);
    }

    /** The modules of {@code modules}, in iteration order. */
    public ModuleList(Collection<? extends M> modules) {
        if (modules == null) {
            throw new IllegalArgumentException("ModuleList: modules is null");
        }
        for (M m : modules) add(m);
    }

    /** Appends {@code module}, registered under the next index, as PyTorch's {@code append}. Returns this. */
    public final ModuleList<M> add(M module) {
        if (module == null) {
            throw new IllegalArgumentException("ModuleList.add: module " + modules.size() + " is null");
        }
        registerModule(Integer.toString(modules.size()), module);
        modules.add(module);
        return this;
    }

    /** The module at {@code index}; a negative index counts from the end, as Python's {@code layers[-1]}. */
    public final M get(int index) {
        int i = index < 0 ? index + modules.size() : index;
        if (i < 0 || i >= modules.size()) {
            throw new IndexOutOfBoundsException("ModuleList.get: index " + index + " is out of range for " + modules.size()
                    + (modules.size() == 1 ? " module" : " modules") + (modules.isEmpty() ? "" : "; use 0 to " + (modules.size() - 1)
                    + ", or -1 to -" + modules.size() + " from the end"));
        }
        return modules.get(i);
    }

    /** @return how many modules the list holds */
    public final int size() {
        return modules.size();
    }

    /** @return whether the list holds no module */
    public final boolean isEmpty() {
        return modules.isEmpty();
    }

    /** The modules in order (read-only). */
    @Override
    public final Iterator<M> iterator() {
        return java.util.Collections.unmodifiableList(modules).iterator();
    }

    @Override
    String howToUse() {
        return "loop over it in the forward of the module that holds it (for (var layer : layers) x = layer.forward(x)), or chain them with"
                + " a Sequential";
    }
}
