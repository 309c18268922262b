package dev.steepest.nn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.init.Init;

/**
 * In training mode, zeroes each element with probability p and scales the others by 1/(1−p);
 * in evaluation mode, passes the input through unchanged ({@code torch.nn.Dropout}). The mask is
 * drawn from a seeded {@link Generator}, so a run can be repeated (the masks differ from PyTorch's).
 */
public class Dropout extends Module {

    private final float p;
    private final Generator generator;

    /** p = 0.5, drawing from {@link Init#defaultGenerator()}. */
    public Dropout() {
        this(0.5f);
    }

    /** Draws from {@link Init#defaultGenerator()}. */
    public Dropout(float p) {
        this(p, Init.defaultGenerator());
    }

    /** Zeroes each element with probability {@code p} in training mode, drawing from {@code generator}. */
    public Dropout(float p, Generator generator) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("Dropout: probability p must be in [0, 1], got " + p);
        }
        if (generator == null) {
            throw new IllegalArgumentException("Dropout: generator is null; pass new Generator(seed) or use a constructor without one");
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.dropout(p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Repr.py(Double.parseDouble(Float.toString(p))) + ", inplace=False";
    }
}
