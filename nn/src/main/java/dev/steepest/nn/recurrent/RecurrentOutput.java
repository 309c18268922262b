package dev.steepest.nn.recurrent;

import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;

/**
 * What a recurrent layer returns, as PyTorch's {@code output, h_n} (and {@code c_n} for an LSTM):
 *
 * @param output the last layer's hidden state at every time step: [seq, batch, hidden] ([batch, seq,
 *               hidden] with {@code batchFirst}, [seq, hidden] for an unbatched input)
 * @param hN     every layer's hidden state after the last step: [numLayers, batch, hidden]
 *               ([numLayers, hidden] unbatched)
 * @param cN     for an {@link LSTM}, every layer's cell state after the last step, shaped as hN;
 *               null for {@link RNN} and {@link GRU}
 */
public record RecurrentOutput(Tensor output, Tensor hN, Tensor cN) {

    /** As {@link Tensors}: (output, h_n), or (output, h_n, c_n) for an LSTM. */
    public Tensors tensors() {
        return cN == null ? Tensors.of(output, hN) : Tensors.of(output, hN, cN);
    }
}
