package dev.steepest.core;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Views as PyTorch's (issue 25): transpose, t, permute, select, narrow, chunk, split and unbind share
 * their input's storage and version counter; their values, strides, offsets, gradients, in-place
 * writes through them and the errors around them are compared with PyTorch 1.13
 * ({@code scripts/fixtures/core_views.py}).
 */
class ViewsTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/core_views.json");

    /** The chains of core_views.py's VIEWS, by name. */
    private static final Map<String, Function<Tensor, List<Tensor>>> VIEWS = new LinkedHashMap<>();
    /** The chains of core_views.py's OPS, by name. */
    private static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

    static {
        VIEWS.put("transpose_0_2", x -> List.of(x.transpose(0, 2)));
        VIEWS.put("transpose_neg", x -> List.of(x.transpose(-1, -2)));
        VIEWS.put("t", x -> List.of(x.t()));
        VIEWS.put("permute_2_0_1", x -> List.of(x.permute(2, 0, 1)));
        VIEWS.put("select_1_2", x -> List.of(x.select(1, 2)));
        VIEWS.put("select_neg", x -> List.of(x.select(-1, -1)));
        VIEWS.put("select_0_of_t", x -> List.of(x.t().select(0, 1)));
        VIEWS.put("narrow_2_1_2", x -> List.of(x.narrow(2, 1, 2)));
        VIEWS.put("narrow_0_1_1", x -> List.of(x.narrow(0, 1, 1)));
        VIEWS.put("narrow_empty", x -> List.of(x.narrow(1, 3, 0)));
        VIEWS.put("chunk_3_dim2", x -> x.chunk(3, 2));
        VIEWS.put("split_2_dim1", x -> x.split(2, 1));
        VIEWS.put("split_sizes_1_3_dim2", x -> x.split(new int[] {1, 3}, 2));
        VIEWS.put("unbind_1", x -> x.unbind(1));
        VIEWS.put("unbind_2_of_transpose", x -> x.transpose(0, 1).unbind(2));
        VIEWS.put("chain_transpose_select", x -> List.of(x.transpose(0, 2).select(1, 1)));
        VIEWS.put("chain_permute_narrow_transpose", x -> List.of(x.permute(2, 0, 1).narrow(0, 1, 2).transpose(1, 2)));
        VIEWS.put("chain_unsqueeze_of_transpose", x -> List.of(x.transpose(0, 1).unsqueeze(1)));
        VIEWS.put("chain_unsqueeze_last_of_narrow", x -> List.of(x.narrow(2, 1, 2).unsqueeze(3)));
        VIEWS.put("chain_squeeze_of_narrow", x -> List.of(x.narrow(1, 1, 1).squeeze(1)));
        VIEWS.put("chain_squeeze_all_of_select", x -> List.of(x.narrow(2, 0, 1).transpose(0, 1).squeeze()));
        VIEWS.put("chain_view_of_narrow_dim0", x -> List.of(x.narrow(0, 1, 1).view(3, 4)));
        VIEWS.put("chain_view_split_of_transpose", x -> List.of(x.transpose(0, 2).view(2, 2, 3, 2)));
        VIEWS.put("chain_reshape_of_transpose", x -> List.of(x.transpose(1, 2).reshape(6, 4)));
        VIEWS.put("chain_flatten_of_permute", x -> List.of(x.permute(1, 0, 2).flatten()));
        VIEWS.put("chain_contiguous_of_transpose", x -> List.of(x.transpose(0, 2).contiguous()));
        VIEWS.put("chain_detach_of_select", x -> List.of(x.select(2, 1).detach().mul(1f).add(x.select(2, 1))));

        OPS.put("matmul_t", in -> in[0].t().matmul(in[1]));
        OPS.put("matmul_narrow", in -> in[0].narrow(1, 1, 3).matmul(in[1].narrow(1, 1, 3).t()));
        OPS.put("linear_select", in -> in[0].t().narrow(0, 1, 2).linear(in[1].narrow(1, 0, 3), null));
        OPS.put("exp_sum_dim_transpose", in -> in[0].t().exp().sum(1, false));
        OPS.put("softmax_transpose", in -> in[0].t().softmax(-1));
        OPS.put("logsoftmax_narrow", in -> in[0].narrow(1, 1, 2).logSoftmax(1));
        OPS.put("mul_broadcast_select", in -> in[0].t().mul(in[1].select(1, 2)));
        OPS.put("add_views", in -> in[0].narrow(1, 0, 3).add(in[1].narrow(1, 2, 3)));
        OPS.put("max_dim_transpose", in -> in[0].t().max(1, false));
        OPS.put("var_dim_permute", in -> in[0].t().var(0, true, false));
        OPS.put("cat_views", in -> Tensor.cat(List.of(in[0].t(), in[1].t().narrow(0, 1, 2)), 0));
        OPS.put("tanh_chunk", in -> in[0].chunk(2, 1).get(1).tanh());
        OPS.put("conv2d_permuted", in -> in[0].permute(0, 1, 3, 2).conv2d(in[1], null, 1, 0));
        OPS.put("maxpool_transposed", in -> in[0].transpose(2, 3).maxPool2d(2, 2, 0));
        OPS.put("where_views", in -> Tensor.where(in[0].t().gt(0f), in[0].t(), in[1].narrow(1, 0, 4).t().narrow(1, 0, 3)));
        OPS.put("norm_select", in -> in[0].select(0, 1).norm());
    }

    static Stream<String> views() {
        return VIEWS.keySet().stream();
    }

    static Stream<String> ops() {
        return OPS.keySet().stream();
    }

    private static Tensor x3() {
        return Tensor.arange(24).toFloat().reshape(2, 3, 4);
    }

    private static Tensor x2() {
        return Tensor.arange(12).toFloat().reshape(3, 4);
    }

    /** 1 + 0.1·arange(numel) in t's shape, as core_views.py's weights(t). */
    private static Tensor weights(Tensor t) {
        float[] w = new float[t.numel()];
        for (int i = 0; i < w.length; i++) w[i] = (float) (1 + 0.1 * i);
        return Tensor.of(w, t.shape());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void eachViewHasPyTorchsValuesStridesOffsetAndGradient(String name) {
        Fixtures.Case c = FIXTURES.get("view_" + name);
        Tensor x = (c.string("input").equals("x3") ? x3() : x2()).requiresGrad(true);
        List<Tensor> pieces = VIEWS.get(name).apply(x);
        assertEquals((int) c.number("pieces"), pieces.size(), name + ": number of pieces");
        Tensor total = Tensor.scalar(0f);
        for (int i = 0; i < pieces.size(); i++) {
            Tensor p = pieces.get(i);
            assertArrayEquals(c.ints("out" + i), p.shape(), name + " piece " + i + ": shape");
            assertArrayEquals(c.floats("out" + i), p.toArray(), name + " piece " + i + ": values");
            assertArrayEquals(c.ints("stride" + i), p.stride(), name + " piece " + i + ": stride()");
            assertEquals((int) c.number("offset" + i), p.storageOffset(), name + " piece " + i + ": storageOffset()");
            assertEquals(c.bool("contiguous" + i), p.isContiguous(), name + " piece " + i + ": isContiguous()");
            total = total.add(p.mul(weights(p)).sum());
        }
        total.backward();
        assertArrayEquals(c.floats("grad"), x.grad().toArray(), 1e-5f, name + ": gradient");
    }

    /** The chains whose gradient central differences can check: all but the one with detach (its values move, its gradient not). */
    static Stream<String> differentiableViews() {
        return views().filter(name -> !name.contains("detach"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiableViews")
    void eachViewPassesGradCheck(String name) {
        int[] shape = FIXTURES.get("view_" + name).string("input").equals("x3") ? new int[] {2, 3, 4} : new int[] {3, 4};
        Tensor x = Tensor.randn(new Generator(25), shape).requiresGrad(true);   // small values: central differences in float32 stay exact enough
        GradCheck.assertGradients(in -> {
            Tensor total = Tensor.scalar(0f);
            for (Tensor p : VIEWS.get(name).apply(in[0])) total = total.add(p.mul(weights(p)).sum());
            return total;
        }, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void opsComputingWithViewsReadThroughTheStrides(String name) {
        Fixtures.Case c = FIXTURES.get("op_" + name);
        List<Tensor> leaves = new ArrayList<>();
        for (int i = 0; c.has("in" + i); i++) leaves.add(c.tensor("in" + i).requiresGrad(true));
        Tensor out = OPS.get(name).apply(leaves.toArray(new Tensor[0]));
        assertClose(c.tensor("out"), out, 1e-5, 1e-5, name + ": value");
        out.mul(weights(out)).sum().backward();
        for (int i = 0; i < leaves.size(); i++) {
            assertClose(c.tensor("grad" + i), leaves.get(i).grad(), 1e-5, 1e-5, name + ": gradient of input " + i);
        }
    }

    // ---------------------------------------------------------------- in place through views

    @Test
    void zeroingASelectedRowUnderNoGradChangesTheWeight() {
        Tensor w = x2();
        Tensor row;
        try (var off = Autograd.noGrad()) {
            row = w.select(0, 1);
            row.zero_();
        }
        Fixtures.Case c = FIXTURES.get("inplace_select_zero");
        assertArrayEquals(c.floats("base"), w.toArray());
        assertEquals((int) c.number("version"), w.version());
        assertEquals(w.version(), row.version(), "one version counter for the storage");
    }

    @Test
    void fillingANarrowedRowChangesTheWeight() {
        Tensor w = x2();
        Tensor v = w.narrow(0, 2, 1);
        v.fill_(7f);
        Fixtures.Case c = FIXTURES.get("inplace_narrow_fill");
        assertArrayEquals(c.floats("base"), w.toArray());
        assertEquals((int) c.number("version"), w.version());
        assertEquals((int) c.number("view_version"), v.version());
    }

    @Test
    void aTransposeSeesTheNewValuesAfterItsBaseIsModified() {
        Tensor w = x2();
        Tensor wt = w.t();
        w.mul_(10f);
        Fixtures.Case c = FIXTURES.get("inplace_t_sees_mul");
        assertArrayEquals(c.floats("view"), wt.toArray());
        assertEquals((int) c.number("version"), wt.version());
    }

    @Test
    void inPlaceOpsWriteThroughEveryKindOfView() {
        Tensor w = x2();
        w.t().add_(Tensor.arange(12).toFloat().reshape(4, 3));
        assertArrayEquals(FIXTURES.get("inplace_t_add").floats("base"), w.toArray(), "add_ through t()");

        Tensor x = x3();
        x.permute(2, 0, 1).copy_(Tensor.arange(24).toFloat().reshape(4, 2, 3).mul(-1f));
        assertArrayEquals(FIXTURES.get("inplace_permute_copy").floats("base"), x.toArray(), "copy_ through permute");

        w = x2();
        List<Tensor> rows = w.unbind(0);
        for (int i = 0; i < rows.size(); i++) rows.get(i).mul_(i + 1);
        assertArrayEquals(FIXTURES.get("inplace_unbind_mul").floats("base"), w.toArray(), "mul_ through unbind");
        assertEquals((int) FIXTURES.get("inplace_unbind_mul").number("version"), w.version());

        w = x2();
        w.chunk(2, 1).get(1).sub_(1f);
        assertArrayEquals(FIXTURES.get("inplace_chunk_sub").floats("base"), w.toArray(), "sub_ through chunk");

        x = x3();
        x.narrow(2, 1, 2).narrow(1, 0, 2).add_(100f);
        assertArrayEquals(FIXTURES.get("inplace_narrow_narrow_add").floats("base"), x.toArray(), "add_ through narrow of narrow");

        x = x3();
        x.transpose(0, 2).select(0, 3).div_(2f);
        assertArrayEquals(FIXTURES.get("inplace_transpose_select_div").floats("base"), x.toArray(), "div_ through select of transpose");

        w = x2();
        w.split(new int[] {1, 2}, 0).get(1).t().mul_(Tensor.vector(1f, 2f, 3f, 4f).unsqueeze(1));
        assertArrayEquals(FIXTURES.get("inplace_split_t_mul_broadcast").floats("base"), w.toArray(), "broadcast mul_ through t of split");
    }

    @Test
    void aLeafChangedThroughViewsUnderNoGradIsDifferentiatedAtItsNewValues() {
        Tensor w = x2().requiresGrad(true);
        try (var off = Autograd.noGrad()) {
            w.select(0, 1).zero_();
            w.narrow(1, 3, 1).fill_(2f);
        }
        w.mul(w).mul(weights(w)).sum().backward();
        Fixtures.Case c = FIXTURES.get("inplace_leaf_view_then_grad");
        assertArrayEquals(c.floats("base"), w.toArray());
        assertArrayEquals(c.floats("grad"), w.grad().toArray(), 1e-5f);
        assertEquals((int) c.number("version"), w.version());
    }

    // ---------------------------------------------------------------- errors and their absence

    @Test
    void anInPlaceChangeOfAViewOfALeafWhileRecordingIsRefused() {
        assertTrue(FIXTURES.get("error_inplace_view_of_leaf_recording").bool("error"), "PyTorch refuses it too");
        Tensor w = x2().requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.select(0, 1).zero_());
        assertEquals("zero_: a view of a leaf tensor that requires grad (this view has shape [4], the leaf [3, 4], and was made by "
                + "SelectBackward) is being used in an in-place operation while gradients are recorded. Do it inside "
                + "try (var off = Autograd.noGrad()) { ... }, as PyTorch's initialisation code does under torch.no_grad().", e.getMessage());
        assertArrayEquals(x2().toArray(), w.toArray(), "nothing was written");
    }

    /** y = w·aᵀ saves aᵀ, a view of a; a change of a (or of another view of it) is caught as PyTorch catches it. */
    private static Tensor savedViewChanged(java.util.function.Consumer<Tensor> change, Tensor w) {
        Tensor a = Tensor.arange(6).toFloat().reshape(2, 3);
        Tensor y = w.mul(a.t());
        try (var off = Autograd.noGrad()) {
            change.accept(a);
        }
        return y;
    }

    @Test
    void backwardThroughASavedViewWhoseStorageChangedFailsAsInPyTorch() {
        for (String name : new String[] {"error_version_base_changed", "error_version_other_view_changed"}) {
            assertTrue(FIXTURES.get(name).bool("error"), name + ": PyTorch refuses it");
        }
        Tensor w = Tensor.ones(3, 2).requiresGrad(true);
        Tensor y = savedViewChanged(a -> a.mul_(2f), w);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: a tensor of shape [3, 2] needed by MulBackward was modified by an in-place operation after it was used: "
                + "it is at version 1; expected version 0. Do the in-place update after backward(), or use the out-of-place op (add instead of add_).",
                e.getMessage());
        Tensor y2 = savedViewChanged(a -> a.select(0, 1).fill_(0f), w);
        assertThrows(IllegalStateException.class, () -> y2.sum().backward(), "a change through another view of the same storage");
        assertEquals(null, w.grad(), "a failed backward changes no grad");
    }

    @Test
    void aChangedViewThatNoRuleSavedIsNoError() {
        Fixtures.Case c = FIXTURES.get("error_version_not_saved");
        assertFalse(c.bool("error"));
        Tensor a = Tensor.arange(6).toFloat().reshape(2, 3);
        Tensor w = Tensor.ones(3, 2).requiresGrad(true);
        Tensor y = w.add(a.t());
        a.mul_(2f);
        y.sum().backward();
        assertArrayEquals(c.floats("grad"), w.grad().toArray());
    }

    @Test
    void viewRefusesStridesItCannotFollowAndReshapeCopiesThen() {
        assertTrue(FIXTURES.get("error_view_of_transpose").bool("error"));
        assertTrue(FIXTURES.get("error_view_of_narrow_last").bool("error"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x3().transpose(0, 1).view(-1));
        assertEquals("view: shape [24] is not compatible with the input's size [3, 2, 4] and stride [4, 12, 1] (at least one dimension "
                + "spans across two contiguous subspaces). Use reshape(...) instead, which copies when it must, or contiguous() first.",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x3().narrow(2, 1, 2).view(12));
        Tensor x = x3();
        Tensor copied = x.transpose(0, 1).reshape(-1);
        copied.zero_();
        assertEquals(23f, x.get(1, 2, 3), "reshape of a transpose is a copy");
        Tensor shared = x.narrow(0, 1, 1).reshape(12);
        shared.zero_();
        assertEquals(0f, x.get(1, 2, 3), "reshape that can be a view is one");
    }

    @Test
    void rawDataRefusesAViewAndContiguousGivesADenseCopy() {
        Tensor w = x2();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.t().rawData());
        assertEquals("rawData: needs a tensor whose values are laid out densely in its own storage, but this one (shape [4, 3], "
                + "stride [1, 4], storage offset 0) is a view into a storage of 12 values; call contiguous() first", e.getMessage());
        assertThrows(IllegalStateException.class, () -> w.narrow(0, 1, 1).rawData(), "a slice inside its storage has no array of its own");
        Tensor dense = w.t().contiguous();
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, dense.rawData());
        assertSame(w, w.contiguous(), "a dense tensor is its own contiguous()");
        Tensor fresh = Tensor.zeros(2, 3);
        assertTrue(fresh.t().isView() && !fresh.isView() && !fresh.t().contiguous().isView());
    }

    @Test
    void aViewPrintsAndSavesItsOwnValues() throws Exception {
        Tensor w = x2();
        assertEquals("tensor([[ 1.,  5.,  9.],\n        [ 2.,  6., 10.]])", w.t().narrow(0, 1, 2).toString());
        assertEquals("tensor([4., 5., 6., 7.], grad_fn=<SelectBackward>)", w.requiresGrad(true).select(0, 1).toString());
        byte[] bytes = dev.steepest.core.io.SafeTensors.toBytes(Map.of("t", x2().t()), Map.of());
        Tensor back = dev.steepest.core.io.SafeTensors.fromBytes(bytes, "views").tensors().get("t");
        assertArrayEquals(new int[] {4, 3}, back.shape());
        assertArrayEquals(x2().t().toArray(), back.toArray());
        assertEquals(9f, x2().t().get(1, 2), "get reads through the strides");
        assertEquals(6f, x2().select(1, 2).narrow(0, 1, 1).item(), "item too");
    }
}
