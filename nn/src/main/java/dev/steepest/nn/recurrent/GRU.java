package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer gated recurrent unit network, as {@code torch.nn.GRU}: each layer runs
 * {@link GRUCell}'s step over the sequence, and feeds its outputs to the next layer (through dropout
 * in training mode when {@code dropout > 0}).
 *
 * <p>Shapes: input [seq, batch, inputSize] ([batch, seq, inputSize] with {@code batchFirst}, or
 * unbatched [seq, inputSize]); h0 [numLayers, batch, hiddenSize] ([numLayers, hiddenSize]
 * unbatched), zeros when not given. See {@link RNNBase} for the parameters.
 */
public class GRU extends RNNBase {

    /** One layer with bias, drawn from {@link Init#defaultGenerator()}. */
    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, Init.defaultGenerator());
    }

    /** With bias, sequence first, no dropout. */
    public GRU(int inputSize, int hiddenSize, int numLayers, Generator generator) {
        this(inputSize, hiddenSize, numLayers, true, false, 0f, generator);
    }

    /** PyTorch's arguments in PyTorch's order; the generator draws the weights, then the dropout masks. */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, float dropout, Generator generator) {
        super("GRU", inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, 3, generator);
    }

    /**
     * PyTorch's keyword arguments: {@code GRU.builder(10, 20).numLayers(2).batchFirst(true).build()}
     * for {@code nn.GRU(10, 20, num_layers=2, batch_first=True)}; see {@link RecurrentBuilder}.
     */
    public static RecurrentBuilder<GRU> builder(int inputSize, int hiddenSize) {
        return new RecurrentBuilder<>("GRU", inputSize, hiddenSize,
                b -> new GRU(b.inputSize, b.hiddenSize, b.numLayers, b.bias, b.batchFirst, b.dropout, b.generatorOrDefault()));
    }

    /** The output only, from a zero state. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /** (input) or (input, h0) in, (output, h_n) out: PyTorch's {@code output, h_n = gru(x, h0)} as {@link Tensors}. */
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
                h = GRUCell.step(inputPart, h, weightHh[layer], biasHh[layer]);
                outputs.add(h);
            }
            hN[layer] = h;
            x = betweenLayers(Tensor.stack(outputs, 0), layer);                  // this layer's h at every step feeds the next
        }
        return new RecurrentOutput(callersLayout(x, input), finalState(hN, input), null);
    }
}
