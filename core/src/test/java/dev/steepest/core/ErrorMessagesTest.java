package dev.steepest.core;

import static dev.steepest.core.testing.MessageAssert.assertMessage;
import static dev.steepest.core.testing.MessageAssert.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a learner reads when an argument is wrong: each public entry point throws
 * IllegalArgumentException (a bad argument), IllegalStateException (a tensor in the wrong state) or
 * IndexOutOfBoundsException (an index), and the message names the op, the offending shapes or
 * values, and what would fit. The full text is asserted, so a change of wording is a visible choice.
 */
class ErrorMessagesTest {

    // ---------------------------------------------------------------- creation and access

    @Test
    void creation() {
        bad("Tensor.of: shape [2, 3] needs 6 values, but data has 5", () -> Tensor.of(new float[5], 2, 3));
        bad("Tensor.of: data is null", () -> Tensor.of((float[]) null, 2));
        bad("zeros: sizes must be non-negative, got [2, -1]", () -> Tensor.zeros(2, -1));
        bad("full: sizes must be non-negative, got [-3]", () -> Tensor.full(1f, -3));
        bad("arange: step must be a non-zero finite number, got 0.0", () -> Tensor.arange(0f, 5f, 0f));
        bad("arange: end 0.0 cannot be reached from start 5.0 with step 1.0", () -> Tensor.arange(5f, 0f, 1f));
    }

    @Test
    void aShapeTooLargeNamesTheOp() {
        bad("zeros: shape [100000, 100000] has 10000000000 elements; a tensor holds at most 2147483639 (the longest array the JVM allocates)",
                () -> Tensor.zeros(100_000, 100_000));
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertMessage(IllegalStateException.class, "item: only a tensor with one element can be converted to a number; this one has"
                + " shape [2, 3] (6 elements). Reduce it first, e.g. with sum() or mean().", () -> Tensor.zeros(2, 3).item());
        assertEquals(5f, Tensor.full(5f, 1, 1, 1).item(), "any shape with one element is fine");
    }

    @Test
    void elementAccess() {
        bad("get: a tensor of shape [2, 3] needs 2 indices, got 1", () -> Tensor.zeros(2, 3).get(1));
        assertMessage(IndexOutOfBoundsException.class, "get: index 3 is out of range for dimension 1 of size 3 (shape [2, 3])",
                () -> Tensor.zeros(2, 3).get(0, 3));
        bad("size: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]",
                () -> Tensor.zeros(2, 3).size(2));
    }

    @Test
    void nullArguments() {
        Tensor x = Tensor.zeros(2);
        bad("add: the other tensor is null; pass a tensor", () -> x.add(null));
        bad("maximum: the other tensor is null; pass a tensor", () -> x.maximum(null));
        bad("matmul: the other tensor is null; pass a tensor", () -> x.matmul(null));
        bad("add_: the argument is null; pass a tensor", () -> x.add_(null));
        bad("conv2d: the weight is null; pass a tensor", () -> Tensor.zeros(1, 1, 4, 4).conv2d(null, null, 1, 0));
        bad("cat: tensor 1 is null; pass a tensor", () -> Tensor.cat(java.util.Arrays.asList(x, null), 0));
        bad("stack: tensor 0 is null; pass a tensor", () -> Tensor.stack(java.util.Arrays.asList(null, x), 0));
    }

    // ---------------------------------------------------------------- autograd

    @Test
    void backwardFromANonScalarNeedsAGradient() {
        Tensor y = Tensor.ones(2, 2).requiresGrad(true).mul(2f);
        String message = "backward: grad can be implicitly created only for a tensor with one element; this one has shape [2, 2]."
                + " Pass a gradient of the same shape: backward(gradient).";
        assertMessage(IllegalStateException.class, message, y::backward);
        assertMessage(IllegalStateException.class, message, () -> y.backward(null, false));
        bad("backward: the gradient's shape [4] differs from the tensor's shape [2, 2]", () -> y.backward(Tensor.ones(4)));
    }

    @Test
    void backwardFromATensorOutsideTheGraph() {
        assertMessage(IllegalStateException.class, "backward: this tensor does not require grad and has no grad_fn; call"
                + " requiresGrad(true) on the leaves you want gradients for before computing with them (and not inside"
                + " Autograd.noGrad())", () -> Tensor.ones(2).sum().backward());
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (var off = Autograd.noGrad()) {
            Tensor loss = x.sum();
            assertThrows(IllegalStateException.class, loss::backward, "a loss computed inside noGrad has no graph");
        }
    }

    // ---------------------------------------------------------------- dimensions and shapes

    @Test
    void dimensionsOutOfRange() {
        Tensor m = Tensor.zeros(2, 3);
        bad("sum: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.sum(2, false));
        bad("mean: dimension -3 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.mean(-3, true));
        bad("max: dimension 5 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.max(5, false));
        bad("argmax: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.argmax(2, false));
        bad("softmax: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.softmax(2));
        bad("logSoftmax: dimension -3 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.logSoftmax(-3));
        bad("unsqueeze: dimension 3 is out of range for a tensor with 3 dimensions; expected a value in [-3, 2]", () -> m.unsqueeze(3));
        bad("transpose: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> m.transpose(0, 2));
        bad("squeeze: dimension 1 is out of range for a tensor with 1 dimension; expected a value in [-1, 0]",
                () -> Tensor.zeros(3).squeeze(1));
        bad("sum: dimension 1 is out of range for a tensor with 0 dimensions; expected a value in [-1, 0]",
                () -> Tensor.scalar(1f).sum(1, false));
    }

    @Test
    void reshapeAndView() {
        Tensor t = Tensor.zeros(2, 3);
        bad("reshape: shape [4, 2] (8 elements) is invalid for a tensor of shape [2, 3] (6 elements)", () -> t.reshape(4, 2));
        bad("view: shape [4, -1] is invalid for a tensor of shape [2, 3] (6 elements)", () -> t.view(4, -1));
        bad("view: only one dimension can be -1, got [-1, -1]", () -> t.view(-1, -1));
        bad("reshape: invalid size -2 in [-2, 3]", () -> t.reshape(-2, 3));
        bad("flatten: startDim 1 comes after endDim 0 for shape [2, 3]", () -> t.flatten(1, 0));
    }

    @Test
    void permuteAndTranspose() {
        Tensor t = Tensor.zeros(2, 3, 4);
        bad("permute: a tensor of shape [2, 3, 4] needs 3 dimensions in the permutation, got [1, 0]", () -> t.permute(1, 0));
        bad("permute: dimension 0 appears twice in [0, 0, 1]", () -> t.permute(0, 0, 1));
        bad("t: expects a tensor with at most 2 dimensions, got shape [2, 3, 4]; use transpose(dim0, dim1)", t::t);
    }

    @Test
    void selectAndNarrow() {
        Tensor t = Tensor.zeros(2, 3);
        assertMessage(IndexOutOfBoundsException.class, "select: index 3 is out of range for dimension 1 of size 3 (shape [2, 3])",
                () -> t.select(1, 3));
        assertMessage(IndexOutOfBoundsException.class, "select: index -4 is out of range for dimension 1 of size 3 (shape [2, 3])",
                () -> t.select(-1, -4));
        bad("select: cannot select from a tensor with no dimensions", () -> Tensor.scalar(1f).select(0, 0));
        assertMessage(IndexOutOfBoundsException.class, "narrow: start 2 and length 2 do not fit in dimension 1 of size 3 (shape [2, 3])",
                () -> t.narrow(1, 2, 2));
        assertMessage(IndexOutOfBoundsException.class, "narrow: start 0 and length -1 do not fit in dimension 0 of size 2 (shape [2, 3])",
                () -> t.narrow(0, 0, -1));
    }

    @Test
    void catAndStack() {
        bad("cat: tensor 1 has shape [2, 4], which does not fit tensor 0's shape [3, 4]: all sizes must match except in dimension 1",
                () -> Tensor.cat(List.of(Tensor.zeros(3, 4), Tensor.zeros(2, 4)), 1));
        bad("cat: tensor 1 has shape [3], which does not fit tensor 0's shape [3, 4]: all sizes must match except in dimension 0",
                () -> Tensor.cat(List.of(Tensor.zeros(3, 4), Tensor.zeros(3)), 0));
        bad("cat: expects a non-empty list of tensors", () -> Tensor.cat(List.of(), 0));
        bad("cat: zero-dimensional tensors cannot be concatenated; use stack", () -> Tensor.cat(List.of(Tensor.scalar(1f)), 0));
        bad("stack: tensor 1 has shape [3] but tensor 0 has shape [2]; stack needs equal shapes",
                () -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0));
        bad("stack: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]",
                () -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(2)), 2));
    }

    // ---------------------------------------------------------------- matmul

    @Test
    void matmulShapes() {
        bad("matmul: [2, 3] @ [4, 5]: inner dimensions 3 and 4 differ", () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        bad("matmul: [3] @ [4]: inner dimensions 3 and 4 differ", () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
        bad("matmul: [2, 2, 3] @ [3, 3, 5]: batch dimensions [2] and [3] differ; steepest multiplies equal batches or a batch by one matrix",
                () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 5)));
        bad("matmul: both arguments need at least 1 dimension, got shapes [] and [3]; use mul for scalars",
                () -> Tensor.scalar(1f).matmul(Tensor.zeros(3)));
    }

    @Test
    void matmulWithAVectorNamesTheShapesPassed() {
        bad("matmul: [3] @ [4, 5]: inner dimensions 3 and 4 differ", () -> Tensor.zeros(3).matmul(Tensor.zeros(4, 5)));
        bad("matmul: [2, 3] @ [4]: inner dimensions 3 and 4 differ", () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4)));
    }

    // ---------------------------------------------------------------- neural-network ops

    @Test
    void conv2dArguments() {
        Tensor w = Tensor.zeros(4, 1, 4, 4);
        bad("conv2d: expects a 4-D input [batch, channels, height, width], got shape [1, 4, 4]; add a batch dimension with unsqueeze(0)",
                () -> Tensor.zeros(1, 4, 4).conv2d(w, null, 1, 0));
        bad("conv2d: expects a 4-D weight [outChannels, inChannels, kernelHeight, kernelWidth], got shape [4, 4, 4]",
                () -> Tensor.zeros(1, 1, 4, 4).conv2d(Tensor.zeros(4, 4, 4), null, 1, 0));
        bad("conv2d: input [1, 3, 4, 4] has 3 channels but weight [4, 1, 4, 4] expects 1",
                () -> Tensor.zeros(1, 3, 4, 4).conv2d(w, null, 1, 0));
        bad("conv2d: kernel 4x4 is larger than the padded input 3x3 (input [1, 1, 3, 3], padding 0)",
                () -> Tensor.zeros(1, 1, 3, 3).conv2d(w, null, 1, 0));
        bad("conv2d: bias must have shape [4] for 4 output channels, got [3]",
                () -> Tensor.zeros(1, 1, 4, 4).conv2d(w, Tensor.zeros(3), 1, 0));
        bad("conv2d: stride must be at least 1 and padding at least 0, got stride 0 and padding 0",
                () -> Tensor.zeros(1, 1, 4, 4).conv2d(w, null, 0, 0));
    }

    @Test
    void poolingArguments() {
        bad("maxPool2d: expects a 4-D input [batch, channels, height, width], got shape [4, 4]", () -> Tensor.zeros(4, 4).maxPool2d(2, 2, 0));
        bad("avgPool2d: kernel and stride must be at least 1 and padding at least 0, got kernel 2, stride 0, padding 0",
                () -> Tensor.zeros(1, 1, 4, 4).avgPool2d(2, 0, 0));
        bad("maxPool2d: padding should be at most half the kernel size, got padding 2 for kernel 2",
                () -> Tensor.zeros(1, 1, 4, 4).maxPool2d(2, 2, 2));
        bad("avgPool2d: kernel 5 is larger than the padded input 4x4 (input [1, 1, 4, 4])",
                () -> Tensor.zeros(1, 1, 4, 4).avgPool2d(5, 1, 0));
    }

    @Test
    void dropoutAndClamp() {
        bad("dropout: probability p must be in [0, 1], got 1.5", () -> Tensor.ones(3).dropout(1.5f, true, new Generator(0)));
        bad("dropout: probability p must be in [0, 1], got NaN", () -> Tensor.ones(3).dropout(Float.NaN, true, new Generator(0)));
        bad("dropout: a Generator is needed in training mode, so that runs can be repeated", () -> Tensor.ones(3).dropout(0.5f, true, null));
        bad("clamp: min 1.0 is greater than max 0.0", () -> Tensor.ones(3).clamp(1f, 0f));
    }

    @Test
    void emptyReductions() {
        bad("max: the tensor is empty (shape [0]); there is no maximum", () -> Tensor.zeros(0).max());
        bad("min: the tensor is empty (shape [0, 2]); there is no minimum", () -> Tensor.zeros(0, 2).min());
        bad("argmax: the tensor is empty (shape [0])", () -> Tensor.zeros(0).argmax());
        bad("max: dimension 1 of shape [2, 0] is empty", () -> Tensor.zeros(2, 0).max(1, false));
        bad("argmax: dimension 1 of shape [2, 0] is empty", () -> Tensor.zeros(2, 0).argmax(1, true));
    }

    @Test
    void nanProducingInputIsNotAnError() {
        assertEquals(Float.NEGATIVE_INFINITY, Tensor.scalar(0f).log().item(), "log(0) is -inf, as in PyTorch");
        assertEquals(Float.NaN, Tensor.scalar(-1f).sqrt().item());
        assertEquals(Float.NaN, Tensor.scalar(0f).div(Tensor.scalar(0f)).item());
        assertEquals(Float.NaN, Tensor.vector(Float.NaN, 1f).max().item(), "max propagates NaN");
        assertEquals(0f, Tensor.vector(Float.NaN, 1f).argmax().item(), "argmax points at the NaN, as PyTorch's does");
    }

    @Test
    void linearNamesTheShapesThatDoNotFit() {
        assertEquals("linear: input [2, 3] @ weightᵀ [4, 5]: the input's last dimension must be 5",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).linear(Tensor.zeros(4, 5), null)).getMessage());
        assertEquals("linear: bias must have shape [4], got [5]",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 5).linear(Tensor.zeros(4, 5), Tensor.zeros(5))).getMessage());
        assertEquals("linear: expects a 2-D weight [outFeatures, inFeatures], got shape [4]",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 4).linear(Tensor.zeros(4), null)).getMessage());
    }
}
