package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.BatchNorm1d;
import dev.steepest.nn.Conv1d;
import dev.steepest.nn.Dropout;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code pointnet-step}: one training step of the pointnet example's classifier, width 256,
 * on a batch of 32 clouds of 512 points: an input T-Net (shared MLP 3-64-128-256 of Conv1d k=1 +
 * BatchNorm1d + ReLU, max over the points, Linear + BatchNorm1d + ReLU 256-128-64, Linear to 3x3 + I),
 * the clouds turned by it (bmm), the shared MLP 3-64-128-256, max over the points, the head
 * 256-128-64 with Dropout(0.3) and Linear(64, 8); CrossEntropyLoss plus 0.001 times the transform's
 * orthogonality loss, {@code adam} with lr 1e-3.
 */
public class PointNetStep extends OneThreadBenchmark {

    static final int BATCH = 32;
    static final int POINTS = 512;
    static final int WIDTH = 256;
    static final int CLASSES = 8;

    /** Conv1d(k=1) + BatchNorm1d + ReLU for each pair of neighbouring sizes, or Linear + BatchNorm1d + ReLU. */
    static Sequential mlp(int[] sizes, boolean perPoint, Generator g) {
        Sequential layers = new Sequential();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(perPoint ? new Conv1d(sizes[i], sizes[i + 1], 1, 1, 0, true, g) : new Linear(sizes[i], sizes[i + 1], true, g));
            layers.add(new BatchNorm1d(sizes[i + 1]));
            layers.add(new ReLU());
        }
        return layers;
    }

    static final class Classifier extends Module {
        final Sequential tnetPoints, tnetGlobal, points, head;
        final Linear tnetMatrix;
        final Tensor identity = Tensor.eye(3);
        Tensor transform;

        Classifier(Generator g) {
            tnetPoints = registerModule("tnet_points", mlp(new int[] {3, 64, 128, WIDTH}, true, g));
            tnetGlobal = registerModule("tnet_global", mlp(new int[] {WIDTH, WIDTH / 2, WIDTH / 4}, false, g));
            tnetMatrix = registerModule("tnet_matrix", new Linear(WIDTH / 4, 9, true, g));
            points = registerModule("points", mlp(new int[] {3, 64, 128, WIDTH}, true, g));
            head = registerModule("head", mlp(new int[] {WIDTH, WIDTH / 2, WIDTH / 4}, false, g));
            head.add(new Dropout(0.3f, g));
            head.add(new Linear(WIDTH / 4, CLASSES, true, g));
        }

        @Override
        public Tensor forward(Tensor cloud) {
            Tensor features = tnetPoints.forward(cloud).max(2, false);                  // [B, width]
            transform = tnetMatrix.forward(tnetGlobal.forward(features)).view(-1, 3, 3).add(identity);
            Tensor aligned = transform.transpose(1, 2).bmm(cloud);                      // [B, 3, N]
            return head.forward(points.forward(aligned).max(2, false));
        }
    }

    private Classifier model;
    private CrossEntropyLoss criterion;
    private Optimizer optimizer;
    private Tensor clouds;
    private Tensor labels;

    @Setup
    public void setUp() {
        model = new Classifier(new Generator(0));
        criterion = new CrossEntropyLoss();
        optimizer = Optimizers.create("adam", model.parameters(), Options.of("lr", 1e-3));
        clouds = Settings.randn(1, BATCH, 3, POINTS);
        labels = Settings.labels(2, BATCH, CLASSES);
    }

    /** zeroGrad, forward, loss with the orthogonality term, backward, step. */
    @Benchmark
    public Tensor step() {
        optimizer.zeroGrad();
        Tensor logits = model.forward(clouds);
        Tensor t = model.transform;
        Tensor orthogonality = model.identity.sub(t.bmm(t.transpose(1, 2))).square().sum().div(BATCH);
        Tensor loss = criterion.forward(logits, labels).add(orthogonality.mul(0.001f));
        loss.backward();
        optimizer.step();
        return loss;
    }
}
