package dev.steepest.nn.recurrent;

import dev.steepest.core.Generator;
import dev.steepest.nn.init.Init;
import java.util.function.Function;

/**
 * PyTorch's keyword arguments for {@link RNN}, {@link LSTM} and {@link GRU}, so that an option is
 * named where it is set and the others keep PyTorch's defaults (one layer, bias, sequence first, no
 * dropout, tanh, the default generator):
 *
 * <pre>{@code
 * LSTM lstm = LSTM.builder(10, 20).numLayers(2).batchFirst(true).dropout(0.1f).build();
 * // nn.LSTM(10, 20, num_layers=2, batch_first=True, dropout=0.1)
 * }</pre>
 *
 * Each value is checked when the layer is built, with the layer's own messages.
 *
 * @param <L> the layer it builds
 */
public final class RecurrentBuilder<L extends RNNBase> {

    private final String layer;
    private final Function<RecurrentBuilder<L>, L> create;
    final int inputSize;
    final int hiddenSize;
    int numLayers = 1;
    boolean bias = true;
    boolean batchFirst;
    float dropout;
    String nonlinearity;
    Generator generator;

    RecurrentBuilder(String layer, int inputSize, int hiddenSize, Function<RecurrentBuilder<L>, L> create) {
        this.layer = layer;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.create = create;
    }

    /** PyTorch's {@code num_layers}: recurrent layers stacked, each feeding the next (default 1). Returns this. */
    public RecurrentBuilder<L> numLayers(int numLayers) {
        this.numLayers = numLayers;
        return this;
    }

    /** PyTorch's {@code bias}: whether the layers have b_ih and b_hh (default true). Returns this. */
    public RecurrentBuilder<L> bias(boolean bias) {
        this.bias = bias;
        return this;
    }

    /** PyTorch's {@code batch_first}: inputs and outputs as [batch, seq, features] (default false: [seq, batch, features]). Returns this. */
    public RecurrentBuilder<L> batchFirst(boolean batchFirst) {
        this.batchFirst = batchFirst;
        return this;
    }

    /** PyTorch's {@code dropout}: the probability of dropping each output of every layer but the last, in training (default 0). Returns this. */
    public RecurrentBuilder<L> dropout(float dropout) {
        this.dropout = dropout;
        return this;
    }

    /** PyTorch's {@code nonlinearity}, for {@link RNN} only: "tanh" (the default) or "relu". Returns this. */
    public RecurrentBuilder<L> nonlinearity(String nonlinearity) {
        this.nonlinearity = nonlinearity;
        return this;
    }

    /** The generator that draws the initial weights, then the dropout masks (default {@link Init#defaultGenerator()}). Returns this. */
    public RecurrentBuilder<L> generator(Generator generator) {
        if (generator == null) {
            throw new IllegalArgumentException(layer + ".builder: generator is null; pass new Generator(seed), or leave it out for the default");
        }
        this.generator = generator;
        return this;
    }

    /** The layer, its options checked as its constructor checks them. */
    public L build() {
        if (nonlinearity != null && !layer.equals("RNN")) {
            throw new IllegalArgumentException(layer + ".builder: nonlinearity is an option of RNN only; " + layer + " has its gates' own");
        }
        return create.apply(this);
    }

    Generator generatorOrDefault() {
        return generator != null ? generator : Init.defaultGenerator();
    }
}
