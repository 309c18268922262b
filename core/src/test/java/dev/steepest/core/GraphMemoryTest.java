package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a recorded graph keeps alive, as PyTorch's does: each rule holds only the tensors it reads
 * (sigmoid, tanh, sqrt and softmax their output, relu one bit per output, a max along a dimension its indices), a
 * node's saved tensors go as soon as the sweep has passed it, and relu writes its gradient into
 * the incoming one when nothing else holds that. PointNet's 512-point step held every batch norm's
 * output through the relu after it (56 MB of 187) and allocated a new gradient at every relu.
 * Measured with weak references and the thread's count of allocated bytes, never with time.
 */
class GraphMemoryTest {

    private static final int N = 1 << 20;   // 4 MB of floats

    private static void collectGarbage() {
        for (int i = 0; i < 3; i++) System.gc();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** x·1 with a backward rule of its own that keeps every gradient it is given and hands it on unchanged, as a user's hook might. */
    private static Tensor keep(Tensor x, List<Tensor> seen) {
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = x.mul(1f);
        }
        return Tensor.record("KeepBackward", y, new Tensor[] {x}, Tensor.NONE, g -> {
            seen.add(g);
            return new Tensor[] {g};
        });
    }

    /** x·1 whose rule returns a new gradient as the built-in rules do (a fresh array, nothing else holding it). */
    private static Tensor fresh(Tensor x) {
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = x.mul(1f);
        }
        return Tensor.record("FreshBackward", y, new Tensor[] {x}, Tensor.NONE,
                g -> new Tensor[] {Tensor.freshGradient(g.data.clone(), g.shape)});
    }

    /** -1, 1, -1, 1, …: half of relu's gradient is cut. */
    private static Tensor alternating(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i % 2 == 0 ? -1f : 1f;
        return Tensor.of(v, n);
    }

    @Test
    void reluSigmoidTanhSqrtAndSoftmaxKeepTheirOutputNotTheirInput() {
        Map<String, UnaryOperator<Tensor>> ops = Map.of("relu", Tensor::relu, "sigmoid", Tensor::sigmoid, "tanh", Tensor::tanh,
                "sqrt", Tensor::sqrt, "softmax", t -> t.softmax(1), "logSoftmax", t -> t.logSoftmax(1),
                "max along a dimension", t -> t.max(1, false));
        for (Map.Entry<String, UnaryOperator<Tensor>> op : ops.entrySet()) {
            Tensor x = Tensor.rand(new Generator(1), 4, N / 4).requiresGrad(true);
            Tensor input = x.mul(2f);
            WeakReference<Tensor> inputRef = new WeakReference<>(input);
            Tensor y = op.getValue().apply(input);
            input = null;
            collectGarbage();
            assertNull(inputRef.get(), op.getKey() + "'s input (4 MB) is still reachable from its result's graph");
            y.sum().backward();
            assertNotNull(x.grad(), op.getKey() + ": the gradient still reaches x");
        }
    }

    @Test
    void aSavedActivationIsFreedAsSoonAsTheSweepHasPassedItsNode() {
        Tensor x = Tensor.rand(new Generator(2), N).requiresGrad(true);
        List<WeakReference<Tensor>> activation = new ArrayList<>();
        List<Boolean> reachableLater = new ArrayList<>();
        Tensor before;
        try (var off = Autograd.noGrad()) {
            before = x.mul(1f);
        }
        // this node's rule runs after sigmoid's: by then sigmoid's output must be gone
        before = Tensor.record("ProbeBackward", before, new Tensor[] {x}, Tensor.NONE, g -> {
            collectGarbage();
            reachableLater.add(activation.get(0).get() != null);
            return new Tensor[] {g};
        });
        Tensor y = before.sigmoid();
        activation.add(new WeakReference<>(y));
        Tensor loss = y.sum();
        y = null;
        loss.backward();
        assertTrue(!reachableLater.get(0), "sigmoid's saved output (4 MB) was still alive when the sweep reached the node before it");
    }

    @Test
    void reluKeepsOneBitPerOutputSoThatAnOutputNothingElseHoldsIsFreedBeforeBackward() {
        Tensor x = alternating(N).requiresGrad(true);
        Tensor y = x.mul(1f).relu();
        WeakReference<Tensor> output = new WeakReference<>(y);
        Tensor loss = y.sum();          // sum's rule keeps nothing of y
        y = null;
        collectGarbage();
        assertNull(output.get(), "relu's output (4 MB) is still held by its node");
        loss.backward();
        float[] expected = new float[N];
        for (int i = 1; i < N; i += 2) expected[i] = 1f;
        assertArrayEquals(expected, x.grad().toArray());
    }

    @Test
    void reluWritesItsGradientIntoTheIncomingOneWhenNothingElseHoldsIt() {
        Tensor x = alternating(N).requiresGrad(true);
        UnaryOperator<Tensor> loss = t -> fresh(t.relu().relu().relu().relu()).sum();
        loss.apply(x).backward();   // warm up
        x.setGrad(null);
        Tensor l = loss.apply(x);
        long before = allocatedByThisThread();
        l.backward();
        long allocated = allocatedByThisThread() - before;
        assertTrue(allocated < 3L * 4 * N, "backward through four relus allocated " + allocated / 1024 + " KB; "
                + "the sum's gradient and fresh's copy are 8 MB, and a new gradient at each relu would add 16 MB");
        float[] expected = new float[N];
        for (int i = 1; i < N; i += 2) expected[i] = 1f;
        assertArrayEquals(expected, x.grad().toArray());
    }

    @Test
    void aGradientThatARuleKeptAndHandedOnIsNotOverwrittenFurtherDown() {
        Tensor x = alternating(8).requiresGrad(true);
        List<Tensor> seen = new ArrayList<>();
        fresh(keep(x.relu(), seen)).sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, seen.get(0).toArray(), "the gradient the rule kept");
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, x.grad().toArray());
    }

    @Test
    void aFreshGradientHandedToTwoInputsIsOverwrittenByNeither() {
        Tensor x = alternating(8).requiresGrad(true);
        Tensor up = x.relu(), down = x.neg().relu();
        Tensor both;
        try (var off = Autograd.noGrad()) {
            both = up.add(down);
        }
        both = Tensor.record("SharedBackward", both, new Tensor[] {up, down}, Tensor.NONE, g -> {
            Tensor one = Tensor.freshGradient(g.data.clone(), g.shape);
            return new Tensor[] {one, one};
        });
        both.sum().backward();
        assertArrayEquals(new float[] {-1, 1, -1, 1, -1, 1, -1, 1}, x.grad().toArray());
    }

    @Test
    void theCallersGradientAndWhatAutogradGradReturnsAreNeverOverwritten() {
        Tensor z = Tensor.ones(8).requiresGrad(true);
        Tensor fromGrad = Autograd.grad(fresh(z).sum(), List.of(z)).get(0);      // a fresh gradient, now the caller's
        Tensor x = alternating(8).requiresGrad(true);
        x.relu().backward(fromGrad);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, fromGrad.toArray(), "the gradient passed to backward");
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, x.grad().toArray());

        Tensor w = alternating(8).requiresGrad(true);
        Tensor h = w.relu();
        List<Tensor> grads = Autograd.grad(fresh(h).sum(), List.of(h, w));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grads.get(0).toArray(), "the gradient at h, which relu's rule then read");
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, grads.get(1).toArray());
    }
}
