package dev.steepest.nn;

import dev.steepest.core.Tensor;

/** 1 / (1 + exp(-x)), elementwise, as {@code torch.nn.Sigmoid}. */
public class Sigmoid extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
