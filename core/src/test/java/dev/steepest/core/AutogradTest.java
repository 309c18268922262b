package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The autograd contract: what backward() computes and accumulates, retainGraph and freed graphs,
 * detach, noGrad/enableGrad scopes, the version counter that catches in-place changes to saved
 * tensors, and the error for an in-place update of a leaf while recording.
 */
class AutogradTest {

    private static Tensor leaf(float... values) {
        return Tensor.vector(values).requiresGrad(true);
    }

    // ---------------------------------------------------------------- backward and accumulation

    @Test
    void backwardFromAScalarFillsTheLeavesGradients() {
        Tensor x = leaf(1f, 2f, 3f);
        x.mul(x).sum().backward();   // d(Σx²)/dx = 2x
        assertArrayEquals(new float[] {2f, 4f, 6f}, x.grad().toArray());
        assertArrayEquals(new int[] {3}, x.grad().shape());
    }

    @Test
    void theSeedsParabolaStepMatchesPyTorch() {
        // the seed's y = x², x = 1: grad 2, one step of lr 0.1 gives 0.8
        Tensor x = leaf(1f);
        x.pow(2f).sum().backward();
        assertEquals(2f, x.grad().item());
        try (var off = Autograd.noGrad()) {
            x.add_(x.grad().mul(-0.1f));
        }
        assertEquals(0.8f, x.item());
        assertTrue(x.isLeaf(), "an update inside noGrad leaves x a leaf");
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        Tensor x = leaf(1f, -2f);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6f, 6f}, x.grad().toArray(), "two backward calls add up, as in PyTorch");
        x.setGrad(null);
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {2f, -4f}, x.grad().toArray(), "after clearing, only the new gradient");
    }

    @Test
    void aTensorUsedOnSeveralPathsGetsTheSumOfTheirGradients() {
        Tensor x = leaf(2f);
        Tensor y = x.mul(x);                 // y = x²
        Tensor z = y.add(y).add(x);          // z = 2x² + x, y reached twice
        z.backward();
        assertEquals(9f, x.grad().item(), "dz/dx = 4x + 1");
    }

    @Test
    void backwardWithAnExplicitGradientWeighsTheOutputs() {
        Tensor x = leaf(1f, 2f, 3f);
        Tensor y = x.mul(x);
        y.backward(Tensor.vector(1f, 0.5f, -1f));
        assertArrayEquals(new float[] {2f, 2f, -6f}, x.grad().toArray(), "grad = g · 2x");
    }

    @Test
    void backwardOnALeafAddsTheGradientToIt() {
        Tensor x = leaf(1f, 2f);
        x.backward(Tensor.vector(3f, 4f));
        assertArrayEquals(new float[] {3f, 4f}, x.grad().toArray());
    }

    @Test
    void onlyLeavesKeepGradientsAndOnlyThoseThatAskForThem() {
        Tensor x = leaf(1f, 2f);
        Tensor c = Tensor.vector(5f, 7f);
        Tensor y = x.mul(c);
        y.sum().backward();
        assertArrayEquals(new float[] {5f, 7f}, x.grad().toArray());
        assertNull(c.grad(), "c does not require grad");
        assertNull(y.grad(), "an intermediate result keeps no gradient (PyTorch's .grad is None for non-leaves)");
        assertFalse(c.requiresGrad());
        assertTrue(y.requiresGrad());
        assertFalse(y.isLeaf());
        assertEquals("MulBackward", y.gradFn());
        assertNull(x.gradFn());
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Tensor x = leaf(1f);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.add(1f);
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }

    // ---------------------------------------------------------------- retainGraph and freed graphs

    @Test
    void retainGraphLetsBackwardRunTwice() {
        Tensor x = leaf(3f);
        Tensor y = x.mul(x);
        y.backward(Tensor.scalar(1f).reshape(1), true);
        y.backward(Tensor.scalar(1f).reshape(1), false);
        assertEquals(12f, x.grad().item(), "2·(2x) after two passes");
    }

    @Test
    void aSecondBackwardThroughAFreedGraphFailsAndSaysWhatToDo() {
        Tensor x = leaf(3f);
        Tensor y = x.mul(x).sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: trying to go through the graph a second time (at "), e.getMessage());
        assertTrue(e.getMessage().contains("Pass retainGraph=true to the first backward(gradient, true)"), e.getMessage());
        assertEquals(6f, x.grad().item(), "the failed second pass added nothing");
    }

    @Test
    void aGraphThatSavesNoTensorsCanBeGoneThroughTwiceAsInPyTorch() {
        // torch: y = x + 1; y.sum().backward(); y.sum().backward() gives x.grad = [2, 2]
        Tensor x = leaf(1f, 2f);
        Tensor y = x.add(1f);
        y.sum().backward();
        y.sum().backward();
        assertArrayEquals(new float[] {2f, 2f}, x.grad().toArray());
    }

    // ---------------------------------------------------------------- detach and noGrad

    @Test
    void detachSharesValuesButLeavesTheGraph() {
        Tensor x = leaf(1f, 2f);
        Tensor y = x.mul(2f);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertNull(d.gradFn());
        assertArrayEquals(y.toArray(), d.toArray());
        Tensor z = d.mul(x);                 // only x's path is recorded
        z.sum().backward();
        assertArrayEquals(new float[] {2f, 4f}, x.grad().toArray(), "d is a constant: dz/dx = d");
        try (var off = Autograd.noGrad()) {
            d.add_(1f);
        }
        assertArrayEquals(new float[] {3f, 5f}, y.toArray(), "detach shares storage with the original, as in PyTorch");
    }

    @Test
    void noGradRecordsNothingAndRestoresRecordingWhenClosed() {
        Tensor x = leaf(1f, 2f);
        assertTrue(Autograd.isEnabled());
        try (var off = Autograd.noGrad()) {
            assertFalse(Autograd.isEnabled());
            Tensor y = x.mul(2f);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (var on = Autograd.enableGrad()) {
                assertTrue(Autograd.isEnabled());
                assertEquals("MulBackward", x.mul(2f).gradFn(), "enableGrad inside noGrad records again");
            }
            assertFalse(Autograd.isEnabled(), "closing enableGrad restores noGrad");
        }
        assertTrue(Autograd.isEnabled(), "closing noGrad restores recording");
        assertEquals("MulBackward", x.mul(2f).gradFn());
    }

    @Test
    void closingAScopeTwiceDoesNotUndoAnOuterOne() {
        try (var outer = Autograd.noGrad()) {
            Autograd.Scope inner = Autograd.enableGrad();
            inner.close();
            inner.close();
            assertFalse(Autograd.isEnabled());
        }
        assertTrue(Autograd.isEnabled());
    }

    @Test
    void noGradIsPerThread() throws InterruptedException {
        boolean[] otherThread = new boolean[1];
        try (var off = Autograd.noGrad()) {
            Thread t = new Thread(() -> otherThread[0] = Autograd.isEnabled());
            t.start();
            t.join();
        }
        assertTrue(otherThread[0], "another thread still records");
    }

    @Test
    void aBackwardPassRecordsNothingNew() {
        Tensor x = leaf(1f, 2f);
        x.mul(x).sum().backward();
        assertFalse(x.grad().requiresGrad());
        assertNull(x.grad().gradFn());
    }

    // ---------------------------------------------------------------- the version counter

    @Test
    void modifyingASavedTensorInPlaceMakesBackwardFail() {
        Tensor w = leaf(1f, 2f);
        Tensor a = Tensor.vector(3f, 4f);
        Tensor y = w.mul(a);                 // MulBackward saves a
        assertEquals(0, a.version());
        a.mul_(2f);
        assertEquals(1, a.version());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: a tensor of shape [2] needed by MulBackward was modified by an in-place operation after it was used:"
                + " it is at version 1; expected version 0. Do the in-place update after backward(), or use the out-of-place op"
                + " (add instead of add_).", e.getMessage());
        assertNull(w.grad(), "no wrong gradient was written");
    }

    @Test
    void anInPlaceChangeThroughAViewIsCaughtToo() {
        Tensor w = leaf(1f, 2f, 3f, 4f);
        Tensor a = Tensor.vector(1f, 1f, 1f, 1f);
        Tensor y = w.mul(a);
        Tensor view = a.view(2, 2);          // shares a's storage and version counter
        view.add_(1f);
        assertEquals(1, a.version());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void anInPlaceChangeThroughDetachIsCaught() {
        Tensor x = leaf(1f, 2f);
        Tensor y = x.exp();                  // ExpBackward saves its output
        y.detach().zero_();
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void anInPlaceChangeToATensorNoBackwardNeedsIsFine() {
        Tensor x = leaf(1f, 2f);
        Tensor c = Tensor.vector(3f, 4f);
        Tensor y = x.add(c);                 // AddBackward saves nothing
        c.mul_(10f);
        y.sum().backward();
        assertArrayEquals(new float[] {1f, 1f}, x.grad().toArray());
    }

    @Test
    void rawDataWritesAreTrackedOnlyAfterMarkModified() {
        Tensor x = leaf(1f, 2f);
        Tensor c = Tensor.vector(3f, 4f);
        Tensor y = x.mul(c);
        c.rawData()[0] = 5f;
        c.markModified();
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void everyInPlaceOpBumpsTheVersion() {
        Tensor t = Tensor.vector(1f, 2f);
        Tensor o = Tensor.vector(1f, 1f);
        t.add_(o); t.add_(o, 2f); t.add_(1f); t.sub_(o); t.sub_(1f); t.mul_(o); t.mul_(2f); t.div_(o); t.div_(2f);
        t.zero_(); t.fill_(4f); t.copy_(o); t.sqrt_(); t.addcmul_(o, o, 1f); t.addcdiv_(o, o, 1f); t.maximum_(o);
        assertEquals(16, t.version());
    }

    // ---------------------------------------------------------------- in-place on tensors in the graph

    @Test
    void anInPlaceUpdateOfALeafThatRequiresGradWhileRecordingFailsAndNamesNoGrad() {
        Tensor p = leaf(1f, 2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.add_(Tensor.vector(1f, 1f)));
        assertEquals("add_: a leaf tensor that requires grad (shape [2]) is being modified in place while gradients are recorded."
                + " Do the update inside try (var off = Autograd.noGrad()) { ... }, as PyTorch's optimizers do under @torch.no_grad().",
                e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, p.toArray(), "the failed update changed nothing");
        assertEquals(0, p.version());
        try (var off = Autograd.noGrad()) {
            p.add_(Tensor.vector(1f, 1f));
        }
        assertArrayEquals(new float[] {2f, 3f}, p.toArray());
        assertEquals(1, p.version());
    }

    @Test
    void everyInPlaceOpRefusesALeafThatRequiresGradWhileRecording() {
        Tensor p = leaf(1f, 2f);
        Tensor o = Tensor.vector(1f, 1f);
        Runnable[] ops = {
            () -> p.add_(o), () -> p.add_(1f), () -> p.sub_(o), () -> p.sub_(1f), () -> p.mul_(o), () -> p.mul_(2f),
            () -> p.div_(o), () -> p.div_(2f), () -> p.zero_(), () -> p.fill_(1f), () -> p.copy_(o), () -> p.sqrt_(),
            () -> p.addcmul_(o, o, 1f), () -> p.addcdiv_(o, o, 1f), () -> p.maximum_(o)};
        for (Runnable op : ops) {
            IllegalStateException e = assertThrows(IllegalStateException.class, op::run);
            assertTrue(e.getMessage().contains("Autograd.noGrad()"), e.getMessage());
        }
        assertArrayEquals(new float[] {1f, 2f}, p.toArray());
    }

    @Test
    void anInPlaceUpdateOfAResultInTheGraphFails() {
        Tensor y = leaf(1f, 2f).mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.mul_(3f));
        assertEquals("mul_: this tensor was made by MulBackward and is part of the graph; steepest does not record in-place ops."
                + " Use the out-of-place op instead.", e.getMessage());
    }

    @Test
    void anInPlaceUpdateWithAnArgumentThatRequiresGradFails() {
        Tensor t = Tensor.vector(1f, 2f);
        Tensor p = leaf(1f, 1f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.add_(p));
        assertTrue(e.getMessage().startsWith("add_: the argument requires grad, but in-place ops are not recorded"), e.getMessage());
        try (var off = Autograd.noGrad()) {
            t.add_(p);
        }
        assertArrayEquals(new float[] {2f, 3f}, t.toArray());
    }

    @Test
    void maxAndMinSendTheGradientToTheirNaNsAsPyTorchDoes() {
        // torch 1.13: x = [1, nan, 3, nan]; x.max().backward() gives [0, 0.5, 0, 0.5]
        Tensor x = leaf(1f, Float.NaN, 3f, Float.NaN);
        x.max().backward();
        assertArrayEquals(new float[] {0f, 0.5f, 0f, 0.5f}, x.grad().toArray());
        Tensor z = leaf(1f, Float.NaN, 3f);
        z.min().backward();
        assertArrayEquals(new float[] {0f, 1f, 0f}, z.grad().toArray());
    }

    // ---------------------------------------------------------------- requiresGrad, setGrad, record

    @Test
    void requiresGradCannotBeTurnedOffOnAResult() {
        Tensor y = leaf(1f).mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertEquals("requiresGrad(false): this tensor was made by MulBackward and is not a leaf; use detach() to get a tensor"
                + " outside the graph", e.getMessage());
        Tensor x = leaf(1f);
        assertSame(x, x.requiresGrad(false));
        assertFalse(x.requiresGrad());
    }

    @Test
    void setGradChecksTheShape() {
        Tensor x = leaf(1f, 2f);
        x.setGrad(Tensor.vector(5f, 6f));
        assertArrayEquals(new float[] {5f, 6f}, x.grad().toArray());
        x.mul(2f).sum().backward();
        assertArrayEquals(new float[] {7f, 8f}, x.grad().toArray(), "backward adds to a gradient set by hand");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.setGrad(Tensor.zeros(3)));
        assertEquals("setGrad: the gradient's shape [3] differs from the tensor's shape [2]", e.getMessage());
    }

    @Test
    void recordAddsAStudentsOwnOpToTheGraph() {
        Tensor x = leaf(1f, 2f);
        Tensor cube;
        try (var off = Autograd.noGrad()) {
            cube = x.pow(3f);
        }
        Tensor y = Tensor.record("CubeBackward", cube, new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(x.pow(2f).mul(3f))});   // d(x³)/dx = 3x²
        assertEquals("CubeBackward", y.gradFn());
        assertEquals("tensor([1., 8.], grad_fn=<CubeBackward>)", y.toString());
        y.sum().backward();
        assertArrayEquals(new float[] {3f, 12f}, x.grad().toArray());
    }

    @Test
    void recordLeavesTheResultAloneWhenNothingRequiresGrad() {
        Tensor c = Tensor.vector(1f);
        Tensor r = Tensor.vector(2f);
        assertSame(r, Tensor.record("NothingBackward", r, new Tensor[] {c}, new Tensor[0], g -> new Tensor[] {g}));
        assertNull(r.gradFn());
        assertFalse(r.requiresGrad());
    }

    @Test
    void recordRefusesAResultAlreadyInTheGraph() {
        Tensor y = leaf(1f).mul(2f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.record("TwiceBackward", y, new Tensor[] {y}, new Tensor[0], g -> new Tensor[] {g}));
        assertTrue(e.getMessage().startsWith("record: the result of TwiceBackward is already part of the graph (made by MulBackward)"),
                e.getMessage());
    }

    @Test
    void aBackwardRuleReturningTheWrongShapeIsReported() {
        Tensor x = leaf(1f, 2f);
        Tensor y = Tensor.record("BadBackward", Tensor.vector(0f, 0f), new Tensor[] {x}, new Tensor[0],
                g -> new Tensor[] {Tensor.zeros(3)});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: BadBackward returned a gradient of shape [3] for its input 0 of shape [2]", e.getMessage());
    }

    @Test
    void aNullGradientForAnInputMeansNone() {
        Tensor x = leaf(1f), z = leaf(2f);
        Tensor y = Tensor.record("HalfBackward", Tensor.vector(3f), new Tensor[] {x, z}, new Tensor[0],
                g -> new Tensor[] {g, null});
        y.sum().backward();
        assertNotNull(x.grad());
        assertNull(z.grad());
    }

    @Test
    void leavesNeverShareAGradientArrayEvenWhenOneRuleHandsTheSameGradientToBoth() {
        // exp's backward allocates a fresh gradient; add's backward hands that same tensor to a and b
        Tensor a = Tensor.vector(0.5f, -1f).requiresGrad(true);
        Tensor b = Tensor.vector(2f, 0.25f).requiresGrad(true);
        a.add(b).exp().sum().backward();
        float[] expected = b.grad().toArray();
        try (var off = Autograd.noGrad()) {
            a.grad().add_(100f);
        }
        assertArrayEquals(expected, b.grad().toArray());
        assertArrayEquals(new float[] {(float) Math.exp(2.5), (float) Math.exp(-0.75)}, expected);
    }

    @Test
    void aLeafThatTakesAFreshGradientStillAccumulatesTheSecondPathIntoIt() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
        // two uses of w: its first gradient comes from linear's backward (fresh), the second adds into it
        x.linear(w, null).sum().add(w.mul(w).sum()).backward();
        // d/dw of Σ x·wᵀ is x in every row; d/dw of Σ w² is 2w
        assertArrayEquals(new float[] {3, 6, 7, 10, 11, 14}, w.grad().toArray());
        assertArrayEquals(new float[] {9, 12}, x.grad().toArray());
    }
}
