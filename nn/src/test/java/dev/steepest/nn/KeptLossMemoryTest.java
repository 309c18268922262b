package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.loss.MseLoss;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loss kept after backward (in a list, or summed into a running total) keeps its graph's small
 * nodes, not the step's activations, as in PyTorch: after backward without retainGraph a node drops
 * its saved tensors and its rule. The 16-1024-1 MLP at batch 32 of the issue held about 256 KB a
 * step this way (5 GB over 20,000 steps).
 */
class KeptLossMemoryTest {

    private final Generator generator = new Generator(25);
    private final Linear hidden = new Linear(16, 1024, true, generator);
    private final ReLU relu = new ReLU();
    private final Linear output = new Linear(1024, 1, true, generator);
    private final MseLoss mse = new MseLoss();
    private final Tensor x = Tensor.randn(generator, 32, 16);
    private final Tensor y = Tensor.randn(generator, 32, 1);

    /** One step without the optimizer: zero the grads, forward, loss, backward; the loss is returned. */
    private Tensor step(List<WeakReference<Tensor>> activations) {
        hidden.zeroGrad();
        output.zeroGrad();
        Tensor h = relu.forward(hidden.forward(x));
        activations.add(new WeakReference<>(h));
        Tensor loss = mse.forward(output.forward(h), y);
        loss.backward();
        return loss;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aKeptLossDoesNotKeepItsActivations() {
        List<WeakReference<Tensor>> activations = new ArrayList<>();
        Tensor loss = step(activations);
        usedHeapAfterGc();
        assertNull(activations.get(0).get(), "the hidden activation [32, 1024] is still reachable from the kept loss " + loss);
        assertTrue(loss.toString().endsWith("grad_fn=<MseLossBackward>)"), "the kept loss still prints its grad_fn: " + loss);
    }

    @Test
    void fourHundredKeptLossesHoldLessThanFourMegabytes() {
        List<WeakReference<Tensor>> activations = new ArrayList<>();
        step(activations);   // warm up: every class loaded, every lazy buffer allocated
        long before = usedHeapAfterGc();
        List<Tensor> losses = new ArrayList<>();
        Tensor total = Tensor.scalar(0f);
        for (int i = 0; i < 400; i++) {
            Tensor loss = step(activations);
            losses.add(loss);
            total = total.add(loss);   // a running total keeps every loss's graph too
        }
        long held = usedHeapAfterGc() - before;
        System.out.printf("400 kept losses hold %.1f KB (%.2f KB a step)%n", held / 1024.0, held / 1024.0 / 400);
        assertTrue(held < 4L << 20, "400 kept losses hold " + held / 1024 + " KB; their activations alone were about 100 MB");
        assertTrue(losses.size() == 400 && total.requiresGrad(), "the losses and their total are still alive here");
    }
}
