package dev.steepest.nn;

import dev.steepest.core.Tensor;

/**
 * max(0, x), elementwise, as {@code torch.nn.ReLU}. With {@code inplace} (PyTorch's
 * {@code ReLU(inplace=True)}) it writes into its input instead of a new tensor ({@link Tensor#relu_()}):
 * after a layer whose backward does not read its own output, such as BatchNorm, that saves one
 * activation-sized array per forward.
 */
public class ReLU extends Module {

    private final boolean inplace;

    /** Out of place: the input is left as it is. */
    public ReLU() {
        this(false);
    }

    /** @param inplace whether to overwrite the input (PyTorch's {@code inplace}) */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return inplace ? input.relu_() : input.relu();
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
