package dev.steepest.bench;

import dev.steepest.core.Curvature;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.loss.CrossEntropyLoss;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code hvp-mlp}: one Hessian-vector product of {@code mlp-step}'s model (784-256-10, ReLU,
 * batch 64, CrossEntropyLoss) with respect to all its parameters: forward, a backward with createGraph,
 * and a backward through the gradient's graph ({@link Curvature#hvp}), as
 * {@code torch.autograd.grad(torch.autograd.grad(loss, params, create_graph=True), params, v)}.
 */
public class HvpMlp extends OneThreadBenchmark {

    private Sequential net;
    private CrossEntropyLoss criterion;
    private List<Tensor> params;
    private List<Tensor> v;
    private Tensor images;
    private Tensor labels;

    @Setup
    public void setUp() {
        Generator g = new Generator(0);
        net = MlpStep.model(g);
        criterion = new CrossEntropyLoss();
        params = net.parameters();
        v = new ArrayList<>();
        for (Tensor p : params) v.add(Tensor.randn(g, p.shape()));
        images = Settings.randn(1, MlpStep.BATCH, 784);
        labels = Settings.labels(2, MlpStep.BATCH, 10);
    }

    /** forward, loss, H·v. */
    @Benchmark
    public List<Tensor> hvp() {
        return Curvature.hvp(criterion.forward(net.forward(images), labels), params, v);
    }
}
