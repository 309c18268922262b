package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What comes back to {@link RecycledArrays}: a convolution's incoming gradient once its rule has
 * run, when that gradient was fresh (nobody else held it); a tensor declared graph-only once the
 * last node that saved it is released; and never an array that anyone may still read: the caller's
 * gradient, one a user's rule was given, one Autograd.grad returns, an op's output, a leaf's grad,
 * anything under createGraph or retainGraph. Each check drains the kept arrays of the tensors'
 * length and compares them by identity with the arrays the test still holds.
 */
class RecycledArraysTest {

    /** [2, 8, 16384]: 262,144 floats, above {@link RecycledArrays#MIN_LENGTH}. */
    private static final int[] SHAPE = {2, 8, 16384};
    private static final int N = 2 * 8 * 16384;

    /** Every array of length N kept now (taken out: the pool holds none of that length afterwards). */
    private static List<float[]> drain() {
        List<float[]> taken = new ArrayList<>();
        while (true) {
            long before = RecycledArrays.keptFloats();
            float[] a = RecycledArrays.take(N);
            if (RecycledArrays.keptFloats() == before) return taken;   // a new array: none was kept
            taken.add(a);
        }
    }

    private static void assertNoneOf(List<float[]> kept, String what, float[]... held) {
        for (float[] k : kept) {
            for (float[] h : held) assertNotSame(h, k, what + " was given back while the test still holds it");
        }
    }

    private static Tensor conv(Tensor x, Tensor w) {
        return x.conv1d(w, null, 1, 0);
    }

    private static Tensor weight() {
        return Tensor.rand(new Generator(3), 8, 8, 1).sub(0.5f).requiresGrad(true);
    }

    @Test
    void aConvolutionsFreshIncomingGradientIsGivenBackOnceItsRuleHasRun() {
        Tensor x = Tensor.rand(new Generator(1), SHAPE).sub(0.5f).requiresGrad(true);
        Tensor w = weight();
        drain();
        Tensor h = conv(x, w);
        Tensor r = h.relu();
        r.sum().backward();          // sum's gradient, relu's in place over it, is fresh when conv's rule reads it
        List<float[]> kept = drain();
        assertEquals(1, kept.size(), "the gradient at conv's output goes back after conv's rule");
        assertNoneOf(kept, "an op's output or a leaf's grad", h.rawData(), r.rawData(), x.grad().rawData(), x.rawData());
    }

    @Test
    void anOpThatTakesAKeptArrayOverwritesAllOfIt() {
        Tensor x = Tensor.rand(new Generator(2), SHAPE).sub(0.5f);
        Tensor w = Tensor.rand(new Generator(3), 8, 8, 1);
        Tensor expectedConv = conv(x, w), expectedRelu = x.relu();
        drain();
        float[] stale = new float[N];
        Arrays.fill(stale, Float.NaN);
        RecycledArrays.giveBack(stale);
        Tensor y = conv(x, w);
        assertSame(stale, y.rawData(), "conv's output takes the kept array");
        assertArrayEquals(expectedConv.toArray(), y.toArray());
        float[] staleToo = new float[N];
        Arrays.fill(staleToo, Float.NaN);
        RecycledArrays.giveBack(staleToo);
        Tensor r = x.relu();
        assertSame(staleToo, r.rawData(), "relu's output takes the kept array");
        assertArrayEquals(expectedRelu.toArray(), r.toArray());
    }

    @Test
    void theCallersGradientIsNotGivenBack() {
        Tensor x = Tensor.rand(new Generator(4), SHAPE).requiresGrad(true);
        Tensor g = Tensor.rand(new Generator(5), SHAPE);
        drain();
        conv(x, weight()).backward(g);
        assertEquals(0, drain().size(), "the caller's gradient went back");
    }

    @Test
    void aGradientAUsersRuleWasGivenIsNotGivenBack() {
        Tensor x = Tensor.rand(new Generator(6), SHAPE).requiresGrad(true);
        List<Tensor> seen = new ArrayList<>();
        drain();
        Tensor h = conv(x, weight());
        Tensor kept;
        try (var off = Autograd.noGrad()) {
            kept = h.relu();
        }
        // a rule of the user's that keeps what it is given and hands it on: conv then reads a gradient the user holds
        kept = Tensor.record("KeepBackward", kept, new Tensor[] {h}, Tensor.NONE, g -> {
            seen.add(g);
            return new Tensor[] {g};
        });
        kept.sum().backward();
        List<float[]> back = drain();
        assertNoneOf(back, "the gradient the user's rule kept", seen.get(0).rawData());
        assertEquals(0, back.size());
    }

    @Test
    void theGradientsAutogradGradReturnsAreNotGivenBack() {
        Tensor x = Tensor.rand(new Generator(7), SHAPE).sub(0.5f).requiresGrad(true);
        Tensor w = weight();
        drain();
        Tensor h = conv(x, w);
        Tensor r = h.relu();
        Tensor top = conv(r, w);
        List<Tensor> grads = Autograd.grad(top.sum(), List.of(h, r, x));
        List<float[]> back = drain();
        assertNoneOf(back, "a gradient Autograd.grad returned", grads.get(0).rawData(), grads.get(1).rawData(), grads.get(2).rawData());
    }

    @Test
    void nothingIsGivenBackUnderCreateGraph() {
        Tensor x = Tensor.rand(new Generator(8), SHAPE).sub(0.5f).requiresGrad(true);
        drain();
        conv(x, weight()).relu().sum().backward(true);
        assertEquals(0, drain().size());
    }

    @Test
    void aGraphOnlyTensorGoesBackWhenTheLastNodeThatSavedItIsReleased() {
        Tensor x = Tensor.rand(new Generator(9), SHAPE).sub(0.5f);      // no grad: nothing takes an array for it
        Tensor w = weight();
        drain();
        Tensor h = conv(x, w);
        float[] storage = h.rawData();
        Tensor top = conv(h, w);        // h is saved by the second conv's node
        Tensor.graphOnly(h);
        h = null;
        assertEquals(0, drain().size(), "saved by a node not yet released");
        top.sum().backward();
        List<float[]> back = drain();
        assertTrue(back.stream().anyMatch(a -> a == storage), "h's storage went back once the conv that saved it was released");
    }

    @Test
    void aGraphOnlyTensorThatNoNodeSavedGoesBackAtOnce() {
        Tensor h = Tensor.rand(new Generator(10), SHAPE).mul(2f);
        float[] storage = h.rawData();
        drain();
        Tensor.graphOnly(h);
        assertSame(storage, drain().get(0));
    }

    @Test
    void aGraphOnlyTensorDoesNotGoBackWithRetainGraphNorAfterCreateGraphNorWhenItIsKeptOrALeaf() {
        Tensor x = Tensor.rand(new Generator(11), SHAPE).sub(0.5f).requiresGrad(true);
        Tensor w = weight();
        drain();
        Tensor h = conv(x, w);
        Tensor top = conv(h, w);
        Tensor.graphOnly(h);
        top.sum().backward(Tensor.scalar(1f), /* retainGraph */ true);
        assertNoneOf(drain(), "a tensor whose nodes a retained graph still holds", h.rawData());
        top.sum().backward(Tensor.scalar(1f), false, /* createGraph */ true);
        assertNoneOf(drain(), "a tensor saved by nodes a backward with createGraph went through", h.rawData());

        Tensor kept = Tensor.rand(new Generator(12), SHAPE).mul(2f);
        Tensor.graphOnly(kept, kept);
        Tensor leaf = Tensor.rand(new Generator(13), SHAPE).requiresGrad(true);
        Tensor.graphOnly(leaf);
        assertNoneOf(drain(), "a tensor whose storage the caller keeps, or a leaf", kept.rawData(), leaf.rawData());
    }
}
