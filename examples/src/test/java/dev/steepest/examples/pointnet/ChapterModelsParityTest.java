package dev.steepest.examples.pointnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.nn.BatchNorm1d;
import dev.steepest.nn.BatchNorm2d;
import dev.steepest.nn.Conv1d;
import dev.steepest.nn.ConvTranspose2d;
import dev.steepest.nn.Embedding;
import dev.steepest.nn.LeakyReLU;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.Tanh;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.nn.loss.MseLoss;
import dev.steepest.nn.loss.SmoothL1Loss;
import dev.steepest.nn.recurrent.LSTM;
import dev.steepest.optim.ClipGrad;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole-model parity for the tutorial's next chapters (issue 9): a small model of each, started
 * from PyTorch's initial weights and trained for 10 optimizer steps exactly as
 * scripts/fixtures/examples_chapter_models.py trains it in PyTorch, must give PyTorch's loss at every
 * step and PyTorch's parameters and buffers (BatchNorm's running statistics, DQN's target network)
 * after the last, each value within 1e-4 relative (plus 1e-6 absolute for values near zero). Each
 * test prints its worst relative error.
 */
class ChapterModelsParityTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/examples_chapter_models.json");
    private static final int STEPS = 10;
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    /** The worst disagreement seen in one case, for the printout. */
    private static final class Worst {
        final String model;
        double relative;
        String where = "-";
        int values;

        Worst(String model) {
            this.model = model;
        }

        void compare(float expected, float actual, String what) {
            double error = Math.abs((double) expected - actual);
            if (!(error <= ATOL + RTOL * Math.abs(expected))) {
                throw new AssertionError(model + ": " + what + " is " + actual + ", PyTorch's is " + expected
                        + String.format(Locale.ROOT, " (relative error %.3g > %.0e)", error / Math.abs(expected), RTOL));
            }
            values++;
            if (Math.abs(expected) >= 1e-3 && error / Math.abs(expected) > relative) {
                relative = error / Math.abs(expected);
                where = what;
            }
        }

        void compare(Tensor expected, Tensor actual, String what) {
            assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), model + ": shape of " + what);
            float[] e = expected.toArray(), a = actual.toArray();
            for (int i = 0; i < e.length; i++) compare(e[i], a[i], what + "[" + i + "]");
        }

        void print() {
            System.out.printf(Locale.ROOT, "whole-model parity %s: %d values within %.0e of PyTorch; worst relative error %.2e at %s%n",
                    model, values, RTOL, relative, where);
        }
    }

    /** Loads the case's init.* state into the model (strictly: every name must be there). */
    private static void loadInitial(Module model, Fixtures.Case c, String prefix) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String key : model.stateDict().keySet()) state.put(key, c.tensor(prefix + key));
        model.loadStateDict(state, true);
    }

    private static void compareState(Worst worst, Module model, Fixtures.Case c, String prefix) {
        model.stateDict().forEach((key, value) -> worst.compare(c.tensor(prefix + key), value, prefix + key));
    }

    // ---------------------------------------------------------------- PointNet with a T-Net

    /**
     * PointNet's input transform: per-point MLP (Conv1d k=1 + BatchNorm1d + ReLU), max over points, FC
     * to a 3x3 matrix + I. The convolutions have no bias: before a BatchNorm its gradient is zero but
     * for rounding noise, which Adam would turn into steps of full size in PyTorch as here.
     */
    static final class TNet extends Module {
        final Conv1d conv1 = registerModule("conv1", new Conv1d(3, 16, 1, 1, 0, false));
        final BatchNorm1d bn1 = registerModule("bn1", new BatchNorm1d(16));
        final Conv1d conv2 = registerModule("conv2", new Conv1d(16, 32, 1, 1, 0, false));
        final BatchNorm1d bn2 = registerModule("bn2", new BatchNorm1d(32));
        final Linear fc1 = registerModule("fc1", new Linear(32, 16));
        final Linear fc2 = registerModule("fc2", new Linear(16, 9));

        @Override
        public Tensor forward(Tensor x) {
            x = bn1.forward(conv1.forward(x)).relu();
            x = bn2.forward(conv2.forward(x)).relu();
            x = x.max(2, false);                                   // global max pool over the points
            x = fc2.forward(fc1.forward(x).relu());
            return x.view(-1, 3, 3).add(Tensor.eye(3));
        }
    }

    static final class PointNet extends Module {
        final TNet tnet = registerModule("tnet", new TNet());
        final Conv1d conv1 = registerModule("conv1", new Conv1d(3, 16, 1, 1, 0, false));
        final BatchNorm1d bn1 = registerModule("bn1", new BatchNorm1d(16));
        final Conv1d conv2 = registerModule("conv2", new Conv1d(16, 32, 1, 1, 0, false));
        final BatchNorm1d bn2 = registerModule("bn2", new BatchNorm1d(32));
        final Linear fc = registerModule("fc", new Linear(32, 4));
        Tensor transform;

        @Override
        public Tensor forward(Tensor points) {
            transform = tnet.forward(points);                      // [batch, 3, 3]
            Tensor x = transform.bmm(points);                       // every point turned by its cloud's matrix
            x = bn1.forward(conv1.forward(x)).relu();
            x = bn2.forward(conv2.forward(x)).relu();
            return fc.forward(x.max(2, false));
        }
    }

    @Test
    void aPointNetBlockWithItsTNetTrainsAsInPyTorch() {
        Fixtures.Case c = FIXTURES.get("pointnet");
        Worst worst = new Worst("pointnet");
        PointNet model = new PointNet();
        loadInitial(model, c, "init.");
        Tensor points = c.tensor("points"), labels = c.tensor("labels");
        Optimizer optimizer = Optimizers.create("adam", model.parameters(), Options.of("lr", 0.01));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        float[] losses = c.floats("losses");
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            Tensor logits = model.forward(points);
            Tensor t = model.transform;
            Tensor regulariser = t.bmm(t.transpose(1, 2)).sub(Tensor.eye(3)).square().sum(2, false).sum(1, false).mean();
            Tensor loss = criterion.forward(logits, labels.toLong()).add(regulariser.mul(0.001f));
            loss.backward();
            optimizer.step();
            worst.compare(losses[step], loss.item(), "loss of step " + (step + 1));
        }
        compareState(worst, model, c, "final.");
        worst.print();
    }

    // ---------------------------------------------------------------- a 2-layer LSTM over an Embedding

    static final class CharLstm extends Module {
        final Embedding embedding = registerModule("embedding", new Embedding(12, 8));
        final LSTM lstm = registerModule("lstm", new LSTM(8, 16, 2, true, true, 0f, dev.steepest.nn.init.Init.defaultGenerator()));
        final Linear head = registerModule("head", new Linear(16, 12));

        @Override
        public Tensor forward(Tensor tokens) {
            return head.forward(lstm.forward(embedding.forward(tokens)));
        }
    }

    @Test
    void aTwoLayerLstmOverAnEmbeddingTrainsAsInPyTorch() {
        Fixtures.Case c = FIXTURES.get("lstm");
        Worst worst = new Worst("lstm");
        CharLstm model = new CharLstm();
        loadInitial(model, c, "init.");
        Tensor tokens = c.tensor("tokens");
        Tensor inputs = tokens.narrow(1, 0, 7), targets = tokens.narrow(1, 1, 7);
        Optimizer optimizer = Optimizers.create("adam", model.parameters(), Options.of("lr", 0.01));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        float[] losses = c.floats("losses");
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            Tensor logits = model.forward(inputs.toLong());         // [batch, seq, vocabulary]
            Tensor loss = criterion.forward(logits.reshape(-1, 12), targets.reshape(-1).toLong());
            loss.backward();
            ClipGrad.clipGradNorm_(model.parameters(), 1.0);
            optimizer.step();
            worst.compare(losses[step], loss.item(), "loss of step " + (step + 1));
        }
        compareState(worst, model, c, "final.");
        worst.print();
    }

    // ---------------------------------------------------------------- a DCGAN-style generator

    @Test
    void aConvTransposeGeneratorWithBatchNormAndLeakyReluTrainsAsInPyTorch() {
        Fixtures.Case c = FIXTURES.get("generator");
        Worst worst = new Worst("generator");
        Sequential model = new Sequential(
                new ConvTranspose2d(8, 16, 2, 1, 0, 0, false), new BatchNorm2d(16), new LeakyReLU(0.2f),
                new ConvTranspose2d(16, 8, 4, 2, 1, 0, false), new BatchNorm2d(8), new LeakyReLU(0.2f),
                new ConvTranspose2d(8, 1, 4, 2, 1, 0, false), new Tanh());
        loadInitial(model, c, "init.");
        Tensor z = c.tensor("z"), images = c.tensor("images");
        Optimizer optimizer = Optimizers.create("adam", model.parameters(), Options.of("lr", 0.002, "beta1", 0.5, "beta2", 0.999));
        MseLoss criterion = new MseLoss();
        float[] losses = c.floats("losses");
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(z), images);
            loss.backward();
            optimizer.step();
            worst.compare(losses[step], loss.item(), "loss of step " + (step + 1));
        }
        compareState(worst, model, c, "final.");
        worst.print();
    }

    // ---------------------------------------------------------------- DQN steps

    private static Sequential qNetwork() {
        return new Sequential(new Linear(4, 32), new ReLU(), new Linear(32, 32), new ReLU(), new Linear(32, 2));
    }

    @Test
    @SuppressWarnings("try")
    void dqnStepsWithGatherSmoothL1AndASoftTargetUpdateMatchPyTorch() {
        Fixtures.Case c = FIXTURES.get("dqn");
        Worst worst = new Worst("dqn");
        Sequential policy = qNetwork(), target = qNetwork();
        loadInitial(policy, c, "init.");
        target.copyFrom(policy);
        Tensor states = c.tensor("states"), actions = c.tensor("actions"), rewards = c.tensor("rewards");
        Tensor nextStates = c.tensor("next_states"), done = c.tensor("done");
        Optimizer optimizer = Optimizers.create("adamw", policy.parameters(), Options.of("lr", 1e-3, "amsgrad", true));
        SmoothL1Loss criterion = new SmoothL1Loss();
        float[] losses = c.floats("losses");
        for (int step = 0; step < STEPS; step++) {
            Tensor q = policy.forward(states.select(0, step)).gather(1, actions.select(0, step).toLong());     // Q(s, a)
            Tensor nextValues;
            try (var off = Autograd.noGrad()) {
                nextValues = target.forward(nextStates.select(0, step)).max(1, false).mul(done.select(0, step).neg().add(1f));
            }
            Tensor expected = nextValues.mul(0.99f).add(rewards.select(0, step));                    // r + γ·max_a' Q_target(s', a')
            Tensor loss = criterion.forward(q, expected.unsqueeze(1));
            optimizer.zeroGrad();
            loss.backward();
            ClipGrad.clipGradValue_(policy.parameters(), 100);
            optimizer.step();
            target.softUpdate_(policy, 0.005);
            worst.compare(losses[step], loss.item(), "loss of step " + (step + 1));
        }
        compareState(worst, policy, c, "final.");
        compareState(worst, target, c, "target.");
        worst.print();
    }
}
