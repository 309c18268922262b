package dev.steepest.nn;

import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation over the last dimensions of each sample, as {@code torch.nn.LayerNorm}:
 * (x − mean)/sqrt(var + eps)·weight + bias, with the statistics of each sample alone (no running
 * statistics, the same in training and evaluation). With {@code elementwiseAffine} (the default),
 * weight (ones) and bias (zeros) of {@code normalizedShape} are trained.
 */
public class LayerNorm extends Module {

    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /** Over the last dimension of size {@code normalizedShape}, eps 1e-5, affine: PyTorch's defaults. */
    public LayerNorm(int normalizedShape) {
        this(new int[] {normalizedShape}, 1e-5, true);
    }

    /** Over the last {@code normalizedShape.length} dimensions, eps 1e-5, affine. */
    public LayerNorm(int[] normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** As {@code nn.LayerNorm(normalized_shape, eps, elementwise_affine)}. */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape == null || normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("LayerNorm: normalizedShape must be one or more sizes of at least 1, got "
                    + (normalizedShape == null ? "null" : Arrays.toString(normalizedShape)));
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    /** The weight (ones at first), or null without elementwise affine. */
    public Tensor weight() {
        return weight;
    }

    /** The bias (zeros at first), or null without elementwise affine. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.layerNorm(normalizedShape, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return Repr.tuple(normalizedShape) + ", eps=" + Repr.py(eps) + ", elementwise_affine=" + Repr.py(weight != null);
    }
}
