package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;

/**
 * An Elman RNN cell, as {@code torch.nn.RNNCell}: one time step
 *
 * <pre>
 *     h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
 * </pre>
 *
 * (or relu instead of tanh, with {@code nonlinearity = "relu"}). Input [batch, inputSize] or
 * unbatched [inputSize]; h of the same batch and hiddenSize, zeros when not given.
 */
public class RNNCell extends RNNCellBase {

    private final String nonlinearity;

    /** With bias and tanh, drawn from {@link Init#defaultGenerator()}. */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh", Init.defaultGenerator());
    }

    /** With bias and tanh. */
    public RNNCell(int inputSize, int hiddenSize, Generator generator) {
        this(inputSize, hiddenSize, true, "tanh", generator);
    }

    /** @param nonlinearity "tanh" or "relu", as PyTorch's */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Generator generator) {
        super("RNNCell", inputSize, hiddenSize, bias, 1, generator);
        this.nonlinearity = checkNonlinearity("RNNCell", nonlinearity);
    }

    static String checkNonlinearity(String name, String nonlinearity) {
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException(name + ": unknown nonlinearity '" + nonlinearity + "'; use \"tanh\" or \"relu\"");
        }
        return nonlinearity;
    }

    /** One step from a zero state. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /** (input) or (input, h) in, (h') out, as {@link Tensors}. */
    @Override
    public Tensors forward(Tensors inputs) {
        return withHiddenState(inputs, this::forward);
    }

    /** One step: the new hidden state h' (h null means zeros). */
    public Tensor forward(Tensor input, Tensor h) {
        Tensor x = batched(input);
        Tensor hx = state("h", h, input, x);
        return unbatched(step(x.linear(weightIh, biasIh), hx, weightHh, biasHh, nonlinearity), input);
    }

    /**
     * One step given the input's part {@code W_ih x + b_ih} already computed (the layer {@link RNN}
     * computes it for all time steps in one product).
     */
    static Tensor step(Tensor inputPart, Tensor h, Tensor weightHh, Tensor biasHh, String nonlinearity) {
        Tensor preActivation = inputPart.add(h.linear(weightHh, biasHh));    // W_ih x + b_ih + W_hh h + b_hh
        return nonlinearity.equals("tanh") ? preActivation.tanh() : preActivation.relu();   // h' = tanh(…) or relu(…)
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
