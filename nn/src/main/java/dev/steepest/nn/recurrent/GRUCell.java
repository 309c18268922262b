package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.List;

/**
 * A gated recurrent unit cell, as {@code torch.nn.GRUCell}: one time step, with PyTorch's equations
 * and gate order (r, z, n stacked in that order in the weights):
 *
 * <pre>
 *     r  = σ(W_ir x + b_ir + W_hr h + b_hr)
 *     z  = σ(W_iz x + b_iz + W_hz h + b_hz)
 *     n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *     h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * Note: the reset gate r multiplies {@code W_hn h + b_hn}, bias included, as in PyTorch (the
 * original paper applies it to h before the product). Input [batch, inputSize] or unbatched
 * [inputSize]; h [batch, hiddenSize] (or [hiddenSize]), zeros when not given.
 */
public class GRUCell extends RNNCellBase {

    /** With bias, drawn from {@link Init#defaultGenerator()}. */
    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Init.defaultGenerator());
    }

    /** With bias. */
    public GRUCell(int inputSize, int hiddenSize, Generator generator) {
        this(inputSize, hiddenSize, true, generator);
    }

    /** As {@code nn.GRUCell(input_size, hidden_size, bias)}, initial weights drawn from {@code generator}. */
    public GRUCell(int inputSize, int hiddenSize, boolean bias, Generator generator) {
        super("GRUCell", inputSize, hiddenSize, bias, 3, generator);
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
        return unbatched(step(x.linear(weightIh, biasIh), state("h", h, input, x), weightHh, biasHh), input);
    }

    /**
     * One step given the input's part {@code W_ih x + b_ih} of all three gates already computed (the
     * layer {@link GRU} computes it for every time step in one product).
     */
    static Tensor step(Tensor inputPart, Tensor h, Tensor weightHh, Tensor biasHh) {
        List<Tensor> in = inputPart.chunk(3, 1);                              // W_i· x + b_i·, for r, z, n
        List<Tensor> hid = h.linear(weightHh, biasHh).chunk(3, 1);          // W_h· h + b_h·, for r, z, n
        Tensor r = in.get(0).add(hid.get(0)).sigmoid();                      // r  = σ(W_ir x + b_ir + W_hr h + b_hr)
        Tensor z = in.get(1).add(hid.get(1)).sigmoid();                      // z  = σ(W_iz x + b_iz + W_hz h + b_hz)
        Tensor n = in.get(2).add(hid.get(2).mul(r)).tanh();                  // n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
        return h.sub(n).mul(z).add(n);                                       // h' = (1 − z) ⊙ n + z ⊙ h, as n + z ⊙ (h − n) like PyTorch
    }
}
