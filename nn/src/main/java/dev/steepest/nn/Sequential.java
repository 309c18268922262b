package dev.steepest.nn;

import dev.steepest.core.Tensor;

/**
 * A chain of modules applied one after another, as {@code torch.nn.Sequential}. The modules are
 * named {@code "0"}, {@code "1"}, … so that their parameters are {@code "0.weight"}, {@code "2.bias"}.
 */
public class Sequential extends Module {

    private int size;

    /** Runs {@code modules} one after the other, as {@code nn.Sequential(...)}. */
    public Sequential(Module... modules) {
        if (modules == null) {
            throw new IllegalArgumentException("Sequential: modules is null");
        }
        for (Module m : modules) add(m);
    }

    /** Appends a module; returns this. */
    public final Sequential add(Module module) {
        if (module == null) {
            throw new IllegalArgumentException("Sequential.add: module " + size + " is null");
        }
        registerModule(Integer.toString(size), module);
        size++;
        return this;
    }

    /** The module at {@code index} (0-based). */
    public final Module get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + index + " is out of range for " + size + " modules");
        }
        return namedChildren().get(Integer.toString(index));
    }

    /** @return the number of modules */
    public final int size() {
        return size;
    }

    /**
     * Runs the modules in order. An IllegalArgumentException inside one (a shape that does not fit) is
     * raised again naming the layer's index, its print and the shape it was given, with the original
     * as its cause.
     */
    @Override
    public Tensor forward(Tensor input) {
        boolean recycle = keepsNoInput();
        return chain(input, (m, x) -> {
            Tensor y = m.forward(x);
            // what passed from one layer to the next is held by the nodes that saved it alone now: its
            // storage can be reused once backward has released them (never the caller's input, nor
            // what goes on: a relu in place returns its input)
            if (recycle && x != input) Tensor.graphOnly(x, input, y);
            return y;
        }, x -> x == null ? "null" : java.util.Arrays.toString(x.shape()));
    }

    /**
     * Whether every module is one of nn's own layers whose forward keeps nothing of its input beyond
     * what the graph saves (Conv1d, BatchNorm1d, ReLU; exactly those classes, not a subclass).
     */
    private boolean keepsNoInput() {
        for (Module m : children()) {
            Class<?> c = m.getClass();
            if (c != Conv1d.class && c != BatchNorm1d.class && c != ReLU.class) return false;
        }
        return true;
    }

    /** Runs the modules in order, each taking all that the one before gave (a recurrent layer first, say). */
    @Override
    public Tensors forward(Tensors inputs) {
        return chain(inputs, (m, x) -> m.forward(x), x -> x == null ? "null" : x.shapes().replaceFirst("^ of shapes? ", ""));
    }

    private <T> T chain(T input, java.util.function.BiFunction<Module, T, T> step, java.util.function.Function<T, String> shape) {
        T x = input;
        int index = 0;
        for (Module m : children()) {
            try {
                x = step.apply(m, x);
            } catch (IllegalArgumentException e) {
                String print = m.children().isEmpty() ? m.toString() : m.name() + "(…)";
                throw new IllegalArgumentException(name() + ": layer (" + index + ") " + print + ", given " + shape.apply(x) + ", failed: "
                        + e.getMessage(), e);
            }
            index++;
        }
        return x;
    }
}
