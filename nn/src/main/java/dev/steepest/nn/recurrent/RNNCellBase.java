package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Module;
import dev.steepest.nn.Repr;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share, as PyTorch's
 * {@code RNNCellBase}: the parameters {@code weight_ih} [gates·hidden, input], {@code weight_hh}
 * [gates·hidden, hidden], {@code bias_ih} and {@code bias_hh} [gates·hidden] (in that order, the
 * gates stacked along the first dimension), their initialisation uniform in ±1/sqrt(hiddenSize), and
 * the checks of the input and state shapes.
 *
 * <p>A cell computes one time step; the layers {@link RNN}, {@link LSTM} and {@link GRU} run the
 * loop over time.
 */
public abstract class RNNCellBase extends Module {

    final int inputSize;
    final int hiddenSize;
    final boolean bias;
    final Tensor weightIh;
    final Tensor weightHh;
    final Tensor biasIh;
    final Tensor biasHh;

    RNNCellBase(String name, int inputSize, int hiddenSize, boolean bias, int gates, Generator generator) {
        checkSizes(name, inputSize, hiddenSize, generator);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        this.weightIh = registerParameter("weight_ih", Tensor.zeros(gates * hiddenSize, inputSize));
        this.weightHh = registerParameter("weight_hh", Tensor.zeros(gates * hiddenSize, hiddenSize));
        this.biasIh = bias ? registerParameter("bias_ih", Tensor.zeros(gates * hiddenSize)) : null;
        this.biasHh = bias ? registerParameter("bias_hh", Tensor.zeros(gates * hiddenSize)) : null;
        resetParameters(this, hiddenSize, generator);
    }

    static void checkSizes(String name, int inputSize, int hiddenSize, Generator generator) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(name + ": inputSize and hiddenSize must be at least 1, got " + inputSize + " and " + hiddenSize);
        }
        if (generator == null) {
            throw new IllegalArgumentException(name + ": generator is null; pass new Generator(seed) or use a constructor without one");
        }
    }

    /** PyTorch's reset_parameters for every recurrent cell and layer: each parameter, in order, uniform in ±1/sqrt(hiddenSize). */
    static void resetParameters(Module module, int hiddenSize, Generator generator) {
        double stdv = 1.0 / Math.sqrt(hiddenSize);
        for (Tensor p : module.parameters()) Init.uniform_(p, -stdv, stdv, generator);
    }

    /** @return the number of input features */
    public int inputSize() {
        return inputSize;
    }

    /** @return the size of the hidden state */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** The general form for {@link RNNCell} and {@link GRUCell}: (input) or (input, h) in, (h') out; {@code step} is the cell's forward(input, h). */
    final Tensors withHiddenState(Tensors inputs, BinaryOperator<Tensor> step) {
        inputs.requireSize(name(), "(input) or (input, h)", 1, 2);
        return Tensors.of(step.apply(inputs.get(0), inputs.size() == 2 ? inputs.get(1) : null));
    }

    /** The input as a batch [batch, inputSize]: an unbatched [inputSize] gets a batch dimension of 1. */
    Tensor batched(Tensor input) {
        if (input == null || input.dim() < 1 || input.dim() > 2 || input.size(-1) != inputSize) {
            throw new IllegalArgumentException(name() + ": expects an input of shape [batch, " + inputSize + "] or, unbatched, ["
                    + inputSize + "], got " + (input == null ? "null" : Arrays.toString(input.shape()))
                    + (input != null && input.dim() >= 1 && input.dim() <= 2 ? ": its last dimension must be inputSize = " + inputSize : ""));
        }
        return input.dim() == 1 ? input.unsqueeze(0) : input;
    }

    /** A state (h or c) for the batched input x: zeros when absent, else checked against [batch, hiddenSize] and batched. */
    Tensor state(String what, Tensor given, Tensor input, Tensor x) {
        int batch = x.size(0);
        if (given == null) {
            return Tensor.zeros(batch, hiddenSize);
        }
        int[] expected = input.dim() == 1 ? new int[] {hiddenSize} : new int[] {batch, hiddenSize};
        if (!Arrays.equals(given.shape(), expected)) {
            throw new IllegalArgumentException(name() + ": " + what + " must have shape " + Arrays.toString(expected)
                    + (input.dim() == 1 ? " (hiddenSize) for an unbatched input" : " (batch, hiddenSize) for an input of shape "
                    + Arrays.toString(input.shape())) + ", got " + Arrays.toString(given.shape()));
        }
        return input.dim() == 1 ? given.unsqueeze(0) : given;
    }

    /** The result for the caller's input: the batch dimension dropped again for an unbatched input. */
    static Tensor unbatched(Tensor result, Tensor input) {
        return input.dim() == 1 ? result.squeeze(0) : result;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=" + Repr.py(false));
    }
}
