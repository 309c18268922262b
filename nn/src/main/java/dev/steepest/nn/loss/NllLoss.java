package dev.steepest.nn.loss;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * Negative log-likelihood of class indices, −w[y]·x[y], for log-probabilities x of shape
 * [batch, classes], as {@code torch.nn.NLLLoss}. Targets are int64 class indices
 * ({@code [batch]}; a float32 target is refused with the fix, {@code target.toLong()}) or given as an {@code int[]}. With class weights w, the mean is PyTorch's
 * weighted mean Σ w[yᵢ]·lossᵢ / Σ w[yᵢ]. Targets equal to {@code ignoreIndex} (-100 by default)
 * add nothing to the loss, its divisor or the gradient.
 */
public class NllLoss extends Loss {

    /** PyTorch's default ignore_index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private final Tensor weight;
    private final int ignoreIndex;

    /** Averages over the batch, as {@code nn.NLLLoss()}. */
    public NllLoss() {
        this(null, Reduction.MEAN);
    }

    /** As {@code nn.NLLLoss(reduction=...)}. */
    public NllLoss(Reduction reduction) {
        this(null, reduction);
    }

    /** @param weight one weight per class, or null for all ones */
    public NllLoss(Tensor weight, Reduction reduction) {
        this(weight, reduction, DEFAULT_IGNORE_INDEX);
    }

    /** As {@code nn.NLLLoss(weight, reduction=..., ignore_index=...)}; weight may be null. */
    public NllLoss(Tensor weight, Reduction reduction, int ignoreIndex) {
        super(reduction);
        if (weight != null && weight.dim() != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": weight must be 1-D, one value per class, got shape "
                    + Arrays.toString(weight.shape()));
        }
        this.weight = weight == null ? null : weight.detach();
        this.ignoreIndex = ignoreIndex;
    }

    /** With targets given as Java ints (made an int64 tensor). */
    public Tensor forward(Tensor input, int[] target) {
        if (target == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": target is null");
        }
        long[] t = new long[target.length];
        for (int i = 0; i < t.length; i++) t[i] = target[i];
        return forward(input, Tensor.of(t, t.length));
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return nll(getClass().getSimpleName(), input, target);
    }

    final Tensor nll(String op, Tensor input, Tensor target) {
        checkPresent(op, input, target);
        int[] s = input.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException(op + ": expects input of shape [batch, classes], got " + Arrays.toString(s)
                    + (s.length == 1 ? "; add a batch dimension with unsqueeze(0)" : ""));
        }
        int n = s[0], c = s[1];
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": target must be int64 class indices, got " + target.dtype() + " (shape "
                    + Arrays.toString(target.shape()) + "); use target.toLong()"
                    + (op.equals("CrossEntropyLoss") && target.dtype() == DType.FLOAT32 ? ", or for class probabilities a float32 target of"
                            + " the input's shape " + Arrays.toString(s) : ""));
        }
        if (target.dim() != 1 || target.size(0) != n) {
            throw new IllegalArgumentException(op + ": expects one class index per row, a target of shape [" + n + "], got "
                    + Arrays.toString(target.shape()));
        }
        if (weight != null && weight.numel() != c) {
            throw new IllegalArgumentException(op + ": weight has " + weight.numel() + " values but the input has " + c + " classes");
        }
        float[] x = input.contiguous().rawData(), l = new float[n], w = new float[n];
        long[] t = target.toLongArray();
        int[] y = new int[n];
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] != ignoreIndex && (t[i] < 0 || t[i] >= c)) {
                throw new IllegalArgumentException(op + ": target " + t[i] + " at position " + i + " is not a class index in [0, " + c + ")");
            }
            y[i] = (int) t[i];
            if (y[i] == ignoreIndex) continue;
            w[i] = weight == null ? 1f : weight.contiguous().rawData()[y[i]];
            l[i] = -w[i] * x[i * c + y[i]];
            weightSum += w[i];
        }
        double divisor = weightSum;
        Tensor out = reduction.reduce(l, new int[] {n}, divisor);
        // d(−w[y]·x[y])/dx[y] = −w[y]; zero for the other classes
        return Tensor.record("NllLossBackward", out, new Tensor[] {input}, new Tensor[] {input}, g -> {
            float[] dx = new float[x.length];
            for (int i = 0; i < n; i++) {
                if (y[i] != ignoreIndex) dx[i * c + y[i]] = -w[i] * reduction.upstream(g.rawData(), i, divisor);
            }
            return new Tensor[] {Tensor.of(dx, s)};
        }, g -> {
            // linear in g: −w[y] at each target (over the divisor for the mean), as a recorded product
            float[] slope = new float[x.length];
            for (int i = 0; i < n; i++) {
                if (y[i] != ignoreIndex) slope[i * c + y[i]] = reduction == Reduction.MEAN ? (float) (-w[i] / divisor) : -w[i];
            }
            return new Tensor[] {Tensor.of(slope, s).mul(reduction == Reduction.NONE ? g.reshape(n, 1) : g)};
        });
    }
}
