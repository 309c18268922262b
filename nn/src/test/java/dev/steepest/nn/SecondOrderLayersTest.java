package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Curvature;
import dev.steepest.core.Generator;
import dev.steepest.core.GradCheck;
import dev.steepest.core.Tensor;
import dev.steepest.nn.attention.AttentionMask;
import dev.steepest.nn.attention.TransformerEncoderLayer;
import dev.steepest.nn.loss.CrossEntropyLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Second derivatives through layers (issue 22): BatchNorm's gradient checked as
 * torch.autograd.gradgradcheck does, with its own weight and bias differentiated beside the input
 * (their values against PyTorch are in SecondOrderModelsParityTest), and a Hessian-vector product of
 * the names chapter's transformer, which uses embedding, layerNorm, GELU, attention under a causal
 * mask and cross-entropy, checked against differences of gradients.
 */
class SecondOrderLayersTest {

    private final Generator gen = new Generator(2212);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    /** A layer whose weight and bias are drawn (not 1 and 0), so that every term of its gradient shows. */
    private <B extends BatchNorm> B drawn(B bn) {
        try (var off = Autograd.noGrad()) {
            bn.weight().copy_(Tensor.randn(gen, bn.weight().shape()));
            bn.bias().copy_(Tensor.randn(gen, bn.bias().shape()));
        }
        return bn;
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return DynamicTest.dynamicTest(name, () -> GradCheck.assertSecondOrder(f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> batchNorm() {
        BatchNorm1d training = drawn(new BatchNorm1d(3));
        BatchNorm2d training2d = drawn(new BatchNorm2d(2));
        BatchNorm1d evaluating = drawn(new BatchNorm1d(3));
        evaluating.forward(Tensor.randn(gen, 6, 3).mul(2f).add(1f));   // running statistics away from 0 and 1
        evaluating.eval();
        BatchNorm1d plain = new BatchNorm1d(3, 1e-5, 0.1, false, true);
        Tensor constant = Tensor.randn(gen, 2, 2, 2, 2);
        return Stream.of(
                check("BatchNorm1d training, squared", x -> training.forward(x[0]).pow(2f), randn(4, 3), training.weight(), training.bias()),
                check("BatchNorm2d training, times a constant", x -> training2d.forward(x[0]).mul(constant),
                        randn(2, 2, 2, 2), training2d.weight(), training2d.bias()),
                check("BatchNorm1d with its running statistics (eval), cubed", x -> evaluating.forward(x[0]).pow(3f),
                        randn(4, 3), evaluating.weight(), evaluating.bias()),
                check("BatchNorm1d without affine, then tanh", x -> plain.forward(x[0]).tanh(), randn(5, 3)));
    }

    @Test
    void theNamesChaptersTransformerTakesAHessianVectorProduct() {
        // the chapter's model (examples' NamesTransformer) at a small size: token and position embeddings,
        // a pre-LN block with GELU and a causal mask, LayerNorm, a linear head, cross-entropy of the next token
        int vocabulary = 27, context = 6, width = 8;
        Embedding tokens = new Embedding(vocabulary, width, gen), positions = new Embedding(context, width, gen);
        TransformerEncoderLayer block = new TransformerEncoderLayer(width, 2, 4 * width, 0f, "gelu", 1e-5, true, true, gen);
        LayerNorm norm = new LayerNorm(width);
        Linear head = new Linear(width, vocabulary, true, gen);
        Tensor input = Tensor.longs(0, 3, 1, 14, 1, 0, 0, 12, 9, 1, 0, 0).reshape(2, context);
        Tensor next = Tensor.longs(3, 1, 14, 1, 0, 0, 12, 9, 1, 0, 0, 0);
        Supplier<Tensor> loss = () -> {
            Tensor x = tokens.forward(input).add(positions.forward(Tensor.arange(context)));
            x = block.forward(x, AttentionMask.causal(context), null);
            return new CrossEntropyLoss().forward(head.forward(norm.forward(x)).reshape(-1, vocabulary), next);
        };
        List<Tensor> params = new ArrayList<>();
        for (Module m : List.of(tokens, positions, block, norm, head)) params.addAll(m.parameters());
        List<Tensor> v = new ArrayList<>();
        for (Tensor p : params) v.add(Tensor.randn(gen, p.shape()));

        List<Tensor> hv = Curvature.hvp(loss, params, v);   // refused before layerNorm, GELU and embedding had twins

        // H·v ≈ (∇L(p + εv) − ∇L(p − εv)) / 2ε, compared over all parameters at once
        float eps = 1e-2f;
        List<Tensor> plus = gradientsAt(loss, params, v, eps), minus = gradientsAt(loss, params, v, -eps);
        double difference = 0, norm2 = 0;
        for (int i = 0; i < params.size(); i++) {
            float[] h = hv.get(i).toArray(), a = plus.get(i).toArray(), b = minus.get(i).toArray();
            for (int k = 0; k < h.length; k++) {
                double numeric = ((double) a[k] - b[k]) / (2 * eps);
                difference += (h[k] - numeric) * (h[k] - numeric);
                norm2 += numeric * numeric;
            }
        }
        double relative = Math.sqrt(difference / norm2);
        assertTrue(norm2 > 0 && relative < 1e-2, "H·v differs from differences of gradients by " + relative + " (relative, 2-norm)");
    }

    /** The gradients at params + step·v (the parameters moved, then given their values back). */
    private static List<Tensor> gradientsAt(Supplier<Tensor> loss, List<Tensor> params, List<Tensor> v, float step) {
        List<Tensor> kept = new ArrayList<>();
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                kept.add(Tensor.of(params.get(i).toArray(), params.get(i).shape()));
                params.get(i).add_(v.get(i).mul(step));
            }
        }
        List<Tensor> g = Autograd.grad(loss.get(), params);
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < params.size(); i++) params.get(i).copy_(kept.get(i));
        }
        return g;
    }
}
