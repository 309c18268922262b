package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** tanh(x), elementwise, as {@code torch.nn.Tanh}. */
public class Tanh extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
