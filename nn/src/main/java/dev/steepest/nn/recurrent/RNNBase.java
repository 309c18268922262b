package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Module;
import dev.steepest.nn.Repr;
import dev.steepest.nn.Tensors;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * What the multi-layer {@link RNN}, {@link LSTM} and {@link GRU} share, as PyTorch's
 * {@code RNNBase}: for each layer k the parameters {@code weight_ih_lk} [gates·hidden, input of
 * layer k], {@code weight_hh_lk} [gates·hidden, hidden], {@code bias_ih_lk} and {@code bias_hh_lk}
 * [gates·hidden], in PyTorch's order, all initialised uniform in ±1/sqrt(hiddenSize), so that
 * {@code new LSTM(…, new Generator(s))} starts from {@code torch.manual_seed(s); nn.LSTM(…)}'s
 * weights; the layouts of the input ([seq, batch, input], or [batch, seq, input] with
 * {@code batchFirst}, or unbatched [seq, input]) and of the states ([numLayers, batch, hidden], or
 * [numLayers, hidden] unbatched); and dropout on the outputs of every layer but the last, in training
 * mode.
 *
 * <p>Each subclass's {@code forward} holds the loop over layers and, inside it, the loop over time
 * that calls its cell's step.
 */
public abstract class RNNBase extends Module {

    final int inputSize;
    final int hiddenSize;
    final int numLayers;
    final boolean bias;
    final boolean batchFirst;
    final float dropout;
    private final Generator generator;
    final Tensor[] weightIh;
    final Tensor[] weightHh;
    final Tensor[] biasIh;
    final Tensor[] biasHh;

    RNNBase(String name, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, float dropout, int gates,
            Generator generator) {
        RNNCellBase.checkSizes(name, inputSize, hiddenSize, generator);
        if (numLayers < 1) {
            throw new IllegalArgumentException(name + ": numLayers must be at least 1, got " + numLayers);
        }
        if (!(dropout >= 0f && dropout <= 1f)) {
            throw new IllegalArgumentException(name + ": dropout must be a probability in [0, 1], got " + dropout);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.generator = generator;
        weightIh = new Tensor[numLayers];
        weightHh = new Tensor[numLayers];
        biasIh = new Tensor[numLayers];
        biasHh = new Tensor[numLayers];
        for (int k = 0; k < numLayers; k++) {
            int in = k == 0 ? inputSize : hiddenSize;
            weightIh[k] = registerParameter("weight_ih_l" + k, Tensor.zeros(gates * hiddenSize, in));
            weightHh[k] = registerParameter("weight_hh_l" + k, Tensor.zeros(gates * hiddenSize, hiddenSize));
            if (bias) {
                biasIh[k] = registerParameter("bias_ih_l" + k, Tensor.zeros(gates * hiddenSize));
                biasHh[k] = registerParameter("bias_hh_l" + k, Tensor.zeros(gates * hiddenSize));
            }
        }
        RNNCellBase.resetParameters(this, hiddenSize, generator);
    }

    /** @return the number of input features */
    public int inputSize() {
        return inputSize;
    }

    /** @return the size of the hidden state */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** @return the number of stacked layers */
    public int numLayers() {
        return numLayers;
    }

    /** @return whether inputs are [batch, time, features] rather than [time, batch, features] */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** Runs the layers from zero states and returns the output only (the last layer's h at every step). */
    @Override
    public abstract Tensor forward(Tensor input);

    /**
     * The general form for {@link RNN} and {@link GRU}: (input) or (input, h0) in, (output, h_n) out,
     * as PyTorch's {@code output, h_n = rnn(x, h0)}; {@code run} is the layer's forward(input, h0).
     */
    final Tensors withHiddenState(Tensors inputs, BiFunction<Tensor, Tensor, RecurrentOutput> run) {
        inputs.requireSize(name(), "(input) or (input, h0)", 1, 2);
        return run.apply(inputs.get(0), inputs.size() == 2 ? inputs.get(1) : null).tensors();
    }

    /** The input as [seq, batch, inputSize], whatever layout the caller used; checked. */
    Tensor timeMajor(Tensor input) {
        String layout = batchFirst ? "[batch, seq, " + inputSize + "]" : "[seq, batch, " + inputSize + "]";
        if (input == null || input.dim() < 2 || input.dim() > 3) {
            throw new IllegalArgumentException(name() + ": expects a 3-D input " + layout + " or an unbatched 2-D input [seq, "
                    + inputSize + "], got " + (input == null ? "null" : input.dim() + "-D shape " + Arrays.toString(input.shape())));
        }
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException(name() + ": the input's last dimension must be inputSize = " + inputSize + ", got "
                    + input.size(-1) + " (input shape " + Arrays.toString(input.shape()) + ", expected " + layout + ")");
        }
        Tensor x = input.dim() == 2 ? input.unsqueeze(1) : batchFirst ? input.transpose(0, 1) : input;
        if (x.size(0) == 0 || x.size(1) == 0) {
            throw new IllegalArgumentException(name() + ": the input needs at least one time step and one sample, got shape "
                    + Arrays.toString(input.shape()));
        }
        return x;
    }

    /** An initial state (h0 or c0) as [numLayers, batch, hiddenSize]: zeros when absent, else checked. */
    Tensor initialState(String what, Tensor given, Tensor input, int batch) {
        if (given == null) {
            return Tensor.zeros(numLayers, batch, hiddenSize);
        }
        boolean unbatched = input.dim() == 2;
        int[] expected = unbatched ? new int[] {numLayers, hiddenSize} : new int[] {numLayers, batch, hiddenSize};
        if (!Arrays.equals(given.shape(), expected)) {
            throw new IllegalArgumentException(name() + ": " + what + " must have shape " + Arrays.toString(expected)
                    + (unbatched ? " (numLayers, hiddenSize) for the unbatched input" : " (numLayers, batch, hiddenSize) for the input")
                    + " of shape " + Arrays.toString(input.shape()) + ", got " + Arrays.toString(given.shape()));
        }
        return unbatched ? given.unsqueeze(1) : given;
    }

    /** Dropout on the output of every layer but the last, in training mode (as PyTorch). */
    Tensor betweenLayers(Tensor layerOutput, int layer) {
        if (layer == numLayers - 1 || dropout == 0f) {
            return layerOutput;
        }
        return layerOutput.dropout(dropout, isTraining(), generator);
    }

    /** The last layer's outputs [seq, batch, hidden] in the caller's layout. */
    Tensor callersLayout(Tensor output, Tensor input) {
        return input.dim() == 2 ? output.squeeze(1) : batchFirst ? output.transpose(0, 1) : output;
    }

    /** The final states of the layers as [numLayers, batch, hidden] ([numLayers, hidden] unbatched). */
    static Tensor finalState(Tensor[] perLayer, Tensor input) {
        Tensor state = Tensor.stack(Arrays.asList(perLayer), 0);
        return input.dim() == 2 ? state.squeeze(1) : state;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize
                + (numLayers != 1 ? ", num_layers=" + numLayers : "")
                + (bias ? "" : ", bias=" + Repr.py(false))
                + (batchFirst ? ", batch_first=" + Repr.py(true) : "")
                + (dropout != 0f ? ", dropout=" + Repr.py(Double.parseDouble(Float.toString(dropout))) : "");
    }
}
