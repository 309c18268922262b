package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer Elman RNN, as {@code torch.nn.RNN}: each layer runs {@link RNNCell}'s step
 * {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)} (or relu) over the sequence, and feeds its outputs
 * to the next layer (through dropout in training mode when {@code dropout > 0}).
 *
 * <p>Shapes: input [seq, batch, inputSize] ([batch, seq, inputSize] with {@code batchFirst}, or
 * unbatched [seq, inputSize]); h0 [numLayers, batch, hiddenSize] ([numLayers, hiddenSize]
 * unbatched), zeros when not given. See {@link RNNBase} for the parameters.
 */
public class RNN extends RNNBase {

    private final String nonlinearity;

    /** One layer, tanh, with bias, drawn from {@link Init#defaultGenerator()}. */
    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, Init.defaultGenerator());
    }

    /** Tanh, with bias, sequence first, no dropout. */
    public RNN(int inputSize, int hiddenSize, int numLayers, Generator generator) {
        this(inputSize, hiddenSize, numLayers, "tanh", true, false, 0f, generator);
    }

    /**
     * PyTorch's arguments in PyTorch's order; the generator draws the weights, then the dropout masks.
     *
     * @param nonlinearity "tanh" or "relu"
     */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst, float dropout,
               Generator generator) {
        super("RNN", inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, 1, generator);
        this.nonlinearity = RNNCell.checkNonlinearity("RNN", nonlinearity);
    }

    /**
     * PyTorch's keyword arguments: {@code RNN.builder(10, 20).nonlinearity("relu").batchFirst(true).build()}
     * for {@code nn.RNN(10, 20, nonlinearity='relu', batch_first=True)}; see {@link RecurrentBuilder}.
     */
    public static RecurrentBuilder<RNN> builder(int inputSize, int hiddenSize) {
        return new RecurrentBuilder<>("RNN", inputSize, hiddenSize, b -> new RNN(b.inputSize, b.hiddenSize, b.numLayers,
                b.nonlinearity == null ? "tanh" : b.nonlinearity, b.bias, b.batchFirst, b.dropout, b.generatorOrDefault()));
    }

    /** The output only, from a zero state. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /** (input) or (input, h0) in, (output, h_n) out: PyTorch's {@code output, h_n = rnn(x, h0)} as {@link Tensors}. */
    @Override
    public Tensors forward(Tensors inputs) {
        return withHiddenState(inputs, this::forward);
    }

    /** Runs the sequence from h0 (null: zeros); returns the output and the final h_n (cN is null). */
    public RecurrentOutput forward(Tensor input, Tensor h0) {
        Tensor x = timeMajor(input);                                              // [seq, batch, input]
        List<Tensor> h0s = initialState("h0", h0, input, x.size(1)).unbind(0);
        Tensor[] hN = new Tensor[numLayers];
        for (int layer = 0; layer < numLayers; layer++) {
            List<Tensor> inputParts = x.linear(weightIh[layer], biasIh[layer]).unbind(0);   // W_ih x_t + b_ih for every t, one product
            Tensor h = h0s.get(layer);
            List<Tensor> outputs = new ArrayList<>(inputParts.size());
            for (Tensor inputPart : inputParts) {                                 // the loop over time
                h = RNNCell.step(inputPart, h, weightHh[layer], biasHh[layer], nonlinearity);
                outputs.add(h);
            }
            hN[layer] = h;
            x = betweenLayers(Tensor.stack(outputs, 0), layer);                  // this layer's h at every step feeds the next
        }
        return new RecurrentOutput(callersLayout(x, input), finalState(hN, input), null);
    }
}
