package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** max(0, x), elementwise, as {@code torch.nn.ReLU}. */
public class ReLU extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
