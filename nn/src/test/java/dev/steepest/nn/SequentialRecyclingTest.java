package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A Sequential of nn's own layers (Conv1d, BatchNorm1d, ReLU) declares what passes between them
 * graph-only, so that its storage is reused for later results ({@link Tensor#empty} then gives it,
 * old values and all); never its input or its output, and nothing at all when another module is
 * among its layers (it may keep what it is given). Checked by taking every reused array of the
 * layers' size, overwriting it, and comparing what the test holds with a copy made before.
 */
class SequentialRecyclingTest {

    private static final int[] SHAPE = {2, 8, 16384};   // 1 MB: large enough to be reused

    /** Takes every reused array of SHAPE's size and fills it with NaN; returns how many there were. */
    private static int takeAndSpoilReused() {
        int reused = 0;
        while (true) {
            float[] a = Tensor.empty(SHAPE).rawData();
            boolean old = false;
            for (float v : a) old |= v != 0f;
            if (!old) return reused;        // a new array (zeros): none was kept
            Arrays.fill(a, Float.NaN);
            reused++;
        }
    }

    private static Sequential ownLayers(Generator g) {
        return new Sequential(new Conv1d(8, 8, 1, 1, 0, true, g), new BatchNorm1d(8), new ReLU(/* inplace */ true),
                new Conv1d(8, 8, 1, 1, 0, true, g));
    }

    @Test
    void whatPassedBetweenNnsOwnLayersIsReusedButNeitherTheInputNorTheOutput() {
        Sequential net = ownLayers(new Generator(1));
        Tensor x = Tensor.rand(new Generator(2), SHAPE);
        takeAndSpoilReused();
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = net.forward(x);
        }
        float[] in = x.toArray(), out = y.toArray();
        // the first conv's output went back when batch norm had run, and the second conv's output took
        // it; the batch norm's (relu's, in place) went back when the second conv had run
        assertTrue(y.rawData() != x.rawData() && takeAndSpoilReused() >= 1, "what passed between the layers is reused");
        assertArrayEquals(in, x.toArray(), "the input");
        assertArrayEquals(out, y.toArray(), "the output");

        // training: reused once backward has released the nodes that saved them; the grads stay
        Tensor xt = Tensor.rand(new Generator(3), SHAPE).requiresGrad(true);
        Tensor yt = net.forward(xt);
        yt.sum().backward();
        float[] grad = xt.grad().toArray(), outt = yt.toArray();
        assertTrue(takeAndSpoilReused() >= 1);
        assertArrayEquals(grad, xt.grad().toArray(), "the input's grad");
        assertArrayEquals(outt, yt.toArray(), "the output");
    }

    /** A layer of the user's that keeps what it is given. */
    private static final class Keeper extends Module {
        Tensor kept;

        @Override
        public Tensor forward(Tensor input) {
            kept = input;
            return input.mul(1f);
        }
    }

    @Test
    void withAnotherModuleAmongTheLayersNothingIsReused() {
        Generator g = new Generator(4);
        Keeper keeper = new Keeper();
        Sequential net = new Sequential(new Conv1d(8, 8, 1, 1, 0, true, g), keeper, new BatchNorm1d(8), new ReLU(true));
        takeAndSpoilReused();
        try (var off = Autograd.noGrad()) {
            net.forward(Tensor.rand(new Generator(5), SHAPE));
        }
        float[] kept = keeper.kept.toArray();
        takeAndSpoilReused();
        assertArrayEquals(kept, keeper.kept.toArray(), "the tensor the user's layer kept");
    }
}
