package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.List;

/**
 * A long short-term memory cell, as {@code torch.nn.LSTMCell}: one time step, with PyTorch's
 * equations and gate order (i, f, g, o stacked in that order in the weights):
 *
 * <pre>
 *     i  = σ(W_ii x + b_ii + W_hi h + b_hi)
 *     f  = σ(W_if x + b_if + W_hf h + b_hf)
 *     g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
 *     o  = σ(W_io x + b_io + W_ho h + b_ho)
 *     c' = f ⊙ c + i ⊙ g
 *     h' = o ⊙ tanh(c')
 * </pre>
 *
 * Input [batch, inputSize] or unbatched [inputSize]; h and c [batch, hiddenSize] (or [hiddenSize]),
 * zeros when not given.
 */
public class LSTMCell extends RNNCellBase {

    /** The two states an LSTM carries from step to step: the hidden state h and the cell state c. */
    public record State(Tensor h, Tensor c) {
    }

    /** With bias, drawn from {@link Init#defaultGenerator()}. */
    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Init.defaultGenerator());
    }

    /** With bias. */
    public LSTMCell(int inputSize, int hiddenSize, Generator generator) {
        this(inputSize, hiddenSize, true, generator);
    }

    /** As {@code nn.LSTMCell(input_size, hidden_size, bias)}, initial weights drawn from {@code generator}. */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Generator generator) {
        super("LSTMCell", inputSize, hiddenSize, bias, 4, generator);
    }

    /** One step from zero states; returns h' only (use {@link #forward(Tensor, Tensor, Tensor)} for c' too). */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).h();
    }

    /** (input) or (input, h, c) in, (h', c') out, as PyTorch's {@code h1, c1 = cell(x, (h, c))}. */
    @Override
    public Tensors forward(Tensors inputs) {
        inputs.requireSize("LSTMCell", "(input) or (input, h, c)", 1, 3);
        State next = inputs.size() == 1 ? forward(inputs.get(0), null, null) : forward(inputs.get(0), inputs.get(1), inputs.get(2));
        return Tensors.of(next.h(), next.c());
    }

    /** One step: the new states (h', c'). h and c are both given or both null (zeros). */
    public State forward(Tensor input, Tensor h, Tensor c) {
        if ((h == null) != (c == null)) {
            throw new IllegalArgumentException("LSTMCell: pass both h and c, or neither (zeros); got only " + (h == null ? "c" : "h"));
        }
        Tensor x = batched(input);
        State next = step(x.linear(weightIh, biasIh), state("h", h, input, x), state("c", c, input, x), weightHh, biasHh);
        return new State(unbatched(next.h(), input), unbatched(next.c(), input));
    }

    /**
     * One step given the input's part {@code W_ih x + b_ih} of all four gates already computed (the
     * layer {@link LSTM} computes it for every time step in one product).
     */
    static State step(Tensor inputPart, Tensor h, Tensor c, Tensor weightHh, Tensor biasHh) {
        List<Tensor> gates = inputPart.add(h.linear(weightHh, biasHh)).chunk(4, 1);   // W_i· x + b_i· + W_h· h + b_h·, for i, f, g, o
        Tensor i = gates.get(0).sigmoid();              // i  = σ(W_ii x + b_ii + W_hi h + b_hi)
        Tensor f = gates.get(1).sigmoid();              // f  = σ(W_if x + b_if + W_hf h + b_hf)
        Tensor g = gates.get(2).tanh();                 // g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
        Tensor o = gates.get(3).sigmoid();              // o  = σ(W_io x + b_io + W_ho h + b_ho)
        Tensor cNext = f.mul(c).add(i.mul(g));          // c' = f ⊙ c + i ⊙ g
        Tensor hNext = o.mul(cNext.tanh());             // h' = o ⊙ tanh(c')
        return new State(hNext, cNext);
    }
}
