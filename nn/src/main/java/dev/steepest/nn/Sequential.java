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

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children()) x = m.forward(x);
        return x;
    }
}
