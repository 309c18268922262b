package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** What {@link ModuleList} and {@link ModuleDict} share: they hold modules and, as in PyTorch, have no forward. */
abstract class Holder extends Module {

    /** How the module that holds this one uses it, for the message of a refused forward. */
    abstract String howToUse();

    /** Refused: this only holds modules, as PyTorch's containers have no forward. */
    @Override
    public final Tensor forward(Tensor input) {
        throw noForward();
    }

    /** Refused: this only holds modules, as PyTorch's containers have no forward. */
    @Override
    public final Tensors forward(Tensors inputs) {
        throw noForward();
    }

    private UnsupportedOperationException noForward() {
        return new UnsupportedOperationException(name() + " has no forward: it only holds modules; " + howToUse());
    }
}
