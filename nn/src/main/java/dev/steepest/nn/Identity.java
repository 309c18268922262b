package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** Returns its input unchanged, as {@code torch.nn.Identity}: a placeholder where a layer is optional. */
public class Identity extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
