package dev.steepest.nn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.init.FanMode;
import dev.steepest.nn.init.Fans;
import dev.steepest.nn.init.Init;

/**
 * A fully connected layer, y = x·Wᵀ + b, as {@code torch.nn.Linear}: weight [out, in], bias [out].
 *
 * <p>Initialised as PyTorch does: weight kaiming-uniform with a = sqrt(5), i.e. uniform in
 * ±1/sqrt(in), then bias uniform in ±1/sqrt(in), both drawn from the generator in that order, so
 * {@code torch.manual_seed(s); nn.Linear(i, o)} and {@code new Linear(i, o, true, new Generator(s))}
 * hold the same numbers.
 */
public class Linear extends Module {

    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** With bias, drawn from {@link Init#defaultGenerator()}. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, Init.defaultGenerator());
    }

    /** Drawn from {@link Init#defaultGenerator()}. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Init.defaultGenerator());
    }

    /** As {@code nn.Linear(in_features, out_features, bias)}, initial weights drawn from {@code generator}. */
    public Linear(int inFeatures, int outFeatures, boolean bias, Generator generator) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be at least 1, got " + inFeatures + " and " + outFeatures);
        }
        if (generator == null) {
            throw new IllegalArgumentException("Linear: generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outFeatures)) : null;
        resetParameters(weight, this.bias, generator);
    }

    /** PyTorch's reset_parameters for Linear and Conv2d: weight first, then bias, both uniform in ±1/sqrt(fanIn). */
    static void resetParameters(Tensor weight, Tensor bias, Generator generator) {
        Init.kaimingUniform_(weight, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu", generator);
        if (bias != null) {
            int fanIn = Fans.of("resetParameters", weight).in();
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound, generator);
        }
    }

    /** @return the weight, shape [outFeatures, inFeatures] */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input == null || input.dim() < 1 || input.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: expects an input whose last dimension is " + inFeatures + ", got shape "
                    + (input == null ? "null" : java.util.Arrays.toString(input.shape())));
        }
        return input.linear(weight, bias);   // input·weightᵀ + bias, the weight read transposed without a copy
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + Repr.py(bias != null);
    }
}
