package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import dev.steepest.nn.init.Init;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer long short-term memory network, as {@code torch.nn.LSTM}: each layer runs
 * {@link LSTMCell}'s step over the sequence, and feeds its outputs to the next layer (through
 * dropout in training mode when {@code dropout > 0}).
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(10, 20, 2, new Generator(0));     // torch.manual_seed(0); nn.LSTM(10, 20, 2)
 * RecurrentOutput out = lstm.forward(x, h0, c0);         // output, (h_n, c_n) = lstm(x, (h0, c0))
 * }</pre>
 *
 * <p>Shapes: input [seq, batch, inputSize] ([batch, seq, inputSize] with {@code batchFirst}, or
 * unbatched [seq, inputSize]); h0 and c0 [numLayers, batch, hiddenSize] ([numLayers, hiddenSize]
 * unbatched), zeros when not given. See {@link RNNBase} for the parameters.
 */
public class LSTM extends RNNBase {

    /** One layer with bias, drawn from {@link Init#defaultGenerator()}. */
    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, Init.defaultGenerator());
    }

    /** With bias, sequence first, no dropout. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, Generator generator) {
        this(inputSize, hiddenSize, numLayers, true, false, 0f, generator);
    }

    /** PyTorch's arguments in PyTorch's order; the generator draws the weights, then the dropout masks. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, float dropout, Generator generator) {
        super("LSTM", inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, 4, generator);
    }

    /**
     * PyTorch's keyword arguments: {@code LSTM.builder(10, 20).numLayers(2).batchFirst(true).build()}
     * for {@code nn.LSTM(10, 20, num_layers=2, batch_first=True)}; see {@link RecurrentBuilder}.
     */
    public static RecurrentBuilder<LSTM> builder(int inputSize, int hiddenSize) {
        return new RecurrentBuilder<>("LSTM", inputSize, hiddenSize,
                b -> new LSTM(b.inputSize, b.hiddenSize, b.numLayers, b.bias, b.batchFirst, b.dropout, b.generatorOrDefault()));
    }

    /** The output only, from zero states. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).output();
    }

    /** (input) or (input, h0, c0) in, (output, h_n, c_n) out: PyTorch's {@code output, (h_n, c_n) = lstm(x, (h0, c0))} as {@link Tensors}. */
    @Override
    public Tensors forward(Tensors inputs) {
        inputs.requireSize("LSTM", "(input) or (input, h0, c0)", 1, 3);
        return (inputs.size() == 1 ? forward(inputs.get(0), null, null) : forward(inputs.get(0), inputs.get(1), inputs.get(2))).tensors();
    }

    /** Runs the sequence from (h0, c0), both given or both null (zeros); returns the output and the final (h_n, c_n). */
    public RecurrentOutput forward(Tensor input, Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM: pass both h0 and c0, or neither (zeros); got only " + (h0 == null ? "c0" : "h0"));
        }
        Tensor x = timeMajor(input);                                              // [seq, batch, input]
        List<Tensor> h0s = initialState("h0", h0, input, x.size(1)).unbind(0);
        List<Tensor> c0s = initialState("c0", c0, input, x.size(1)).unbind(0);
        Tensor[] hN = new Tensor[numLayers], cN = new Tensor[numLayers];
        for (int layer = 0; layer < numLayers; layer++) {
            List<Tensor> inputParts = x.linear(weightIh[layer], biasIh[layer]).unbind(0);   // W_ih x_t + b_ih for every t, one product
            Tensor h = h0s.get(layer), c = c0s.get(layer);
            List<Tensor> outputs = new ArrayList<>(inputParts.size());
            for (Tensor inputPart : inputParts) {                                 // the loop over time
                LSTMCell.State next = LSTMCell.step(inputPart, h, c, weightHh[layer], biasHh[layer]);
                h = next.h();
                c = next.c();
                outputs.add(h);
            }
            hN[layer] = h;
            cN[layer] = c;
            x = betweenLayers(Tensor.stack(outputs, 0), layer);                  // this layer's h at every step feeds the next
        }
        return new RecurrentOutput(callersLayout(x, input), finalState(hN, input), finalState(cN, input));
    }
}
