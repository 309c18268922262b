package dev.steepest.core;

import static dev.steepest.core.testing.MessageAssert.bad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * int64 and bool tensors beside float32 (issue 21), against PyTorch 1.13 ({@code core_dtypes.json},
 * from {@code scripts/fixtures/core_dtypes.py}): for every case the result's dtype, shape and values,
 * how it prints, and the gradient where a float input takes part; then the refusals, by message.
 */
class DTypesTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/core_dtypes.json").cases().stream();
    }

    /** A fixture tensor {"dtype", "shape", "data"}; nan and inf come as strings. */
    static Tensor tensor(Object spec) {
        Map<?, ?> m = (Map<?, ?>) spec;
        List<?> data = (List<?>) m.get("data");
        int[] shape = ((List<?>) m.get("shape")).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
        switch ((String) m.get("dtype")) {
            case "float32": {
                float[] f = new float[data.size()];
                for (int i = 0; i < f.length; i++) f[i] = number(data.get(i));
                return Tensor.of(f, shape);
            }
            case "int64": {
                long[] l = new long[data.size()];
                for (int i = 0; i < l.length; i++) l[i] = ((Double) data.get(i)).longValue();
                return Tensor.of(l, shape);
            }
            default: {
                boolean[] b = new boolean[data.size()];
                for (int i = 0; i < b.length; i++) b[i] = (Double) data.get(i) != 0;
                return Tensor.of(b, shape);
            }
        }
    }

    /** The Java for a case's op: the same call as the script's lambda. */
    static Tensor run(Fixtures.Case c, Tensor[] in) {
        String op = c.string("op");
        switch (op) {
            case "to": return in[0].to(DType.valueOf(c.string("dtype").toUpperCase(java.util.Locale.ROOT)));
            case "toLong": return in[0].toLong();
            case "toFloat": return in[0].toFloat();
            case "toBool": return in[0].toBool();
            case "eq": return in[0].eq(in[1]);
            case "ne": return in[0].ne(in[1]);
            case "lt": return in[0].lt(in[1]);
            case "le": return in[0].le(in[1]);
            case "gt": return in[0].gt(in[1]);
            case "ge": return in[0].ge(in[1]);
            case "eq_number": return in[0].eq(value(c));
            case "ne_number": return in[0].ne(value(c));
            case "lt_number": return in[0].lt(value(c));
            case "le_number": return in[0].le(value(c));
            case "gt_number": return in[0].gt(value(c));
            case "ge_number": return in[0].ge(value(c));
            case "where": return Tensor.where(in[1], in[0], in[2]);
            case "where_number": return Tensor.where(in[1], in[0], value(c));
            case "masked_fill": {
                Tensor filled = in[0].maskedFill(in[1], value(c));
                return c.name().equals("masked_fill_causal") ? filled.softmax(-1) : filled;
            }
            case "sum": return in[0].sum();
            case "sum_dim": return in[0].sum(n(c, "dim"), c.bool("keepdim"));
            case "mul": return in[0].mul(in[1]);
            case "add": return in[0].add(in[1]);
            case "sub": return in[0].sub(in[1]);
            case "div": return in[0].div(in[1]);
            case "logicalAnd": return in[0].logicalAnd(in[1]);
            case "logicalOr": return in[0].logicalOr(in[1]);
            case "logicalXor": return in[0].logicalXor(in[1]);
            case "logicalNot": return in[0].logicalNot();
            case "zerosLike": return Tensor.zerosLike(in[0]);
            case "onesLike": return Tensor.onesLike(in[0]);
            case "copy_into_first": return in[0].copy_(in[1]);
            case "copy_into_transposed": return in[0].t().copy_(in[1]).t();
            case "identity": return in[0];
            case "reshape": return in[0].reshape(c.ints("shape"));
            case "transpose": return in[0].transpose(n(c, "dim0"), n(c, "dim1"));
            case "transpose_reshape": return in[0].transpose(n(c, "dim0"), n(c, "dim1")).reshape(c.ints("shape"));
            case "transpose_contiguous": return in[0].transpose(n(c, "dim0"), n(c, "dim1")).contiguous();
            case "transpose_eq_number": return in[0].transpose(n(c, "dim0"), n(c, "dim1")).eq(value(c));
            case "select": return in[0].select(n(c, "dim"), n(c, "index"));
            case "select_sum": return in[0].select(n(c, "dim"), n(c, "index")).sum();
            case "narrow": return in[0].narrow(n(c, "dim"), n(c, "start"), n(c, "length"));
            case "unsqueeze_flatten": return in[0].unsqueeze(n(c, "dim")).flatten();
            default: throw new IllegalArgumentException("no Java op for fixture op '" + op + "' in case " + c.name()
                    + "; the cases come from scripts/fixtures/core_dtypes.py");
        }
    }

    private static float value(Fixtures.Case c) {
        return number(c.raw("value"));
    }

    /** A number as the script wrote it: nan and ±inf as Python spells them, in strings. */
    private static float number(Object v) {
        if (!(v instanceof String s)) return ((Double) v).floatValue();
        return s.equals("nan") ? Float.NaN : s.equals("inf") ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
    }

    private static int n(Fixtures.Case c, String key) {
        return (int) c.number(key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesPyTorchsDtypeValuesAndPrint(Fixtures.Case c) {
        List<?> specs = (List<?>) c.raw("inputs");
        Tensor[] in = new Tensor[specs.size()];
        for (int i = 0; i < in.length; i++) in[i] = tensor(specs.get(i));
        if (c.has("grad")) in[0].requiresGrad(true);
        Tensor out = run(c, in);
        Tensor expected = tensor(c.raw("out"));
        assertEquals(expected.dtype(), out.dtype(), c.name() + ": dtype");
        assertArrayEquals(expected.shape(), out.shape(), c.name() + ": shape");
        if (out.dtype() == DType.FLOAT32) {
            assertArrayEquals(expected.toArray(), out.toArray(), 1e-6f, c.name() + ": values");
        } else {
            assertArrayEquals(expected.toLongArray(), out.toLongArray(), c.name() + ": values");
            assertFalse(out.requiresGrad(), c.name() + ": an int64 or bool result is never recorded");
        }
        assertEquals(c.string("str"), out.detach().toString(), c.name() + ": printed");
        if (c.has("grad")) {
            out.sum().backward();
            assertArrayEquals(tensor(c.raw("grad")).toArray(), in[0].grad().toArray(), 1e-6f, c.name() + ": gradient");
        }
    }

    @Test
    void fixtureCoversEveryRule() {
        List<String> ops = cases().map(c -> c.string("op")).distinct().toList();
        for (String required : List.of("to", "toLong", "toFloat", "toBool", "eq", "ne", "lt", "le", "gt", "ge", "eq_number", "where",
                "masked_fill", "sum", "sum_dim", "mul", "identity", "reshape", "transpose", "select", "narrow", "logicalAnd", "logicalOr",
                "logicalXor", "logicalNot", "zerosLike", "onesLike", "copy_into_first", "copy_into_transposed")) {
            assertTrue(ops.contains(required), "core_dtypes.json has no case for " + required + "; it has " + ops);
        }
    }

    // ---------------------------------------------------------------- the rules in Java terms

    @Test
    void rawLongsIsTheLiveStorageOfAnInt64OrBoolTensorOnly() {
        Tensor count = Tensor.zeros(DType.INT64);
        count.rawLongs()[0]++;
        assertEquals(1L, count.longItem(), "writes reach the tensor, as BatchNorm counts its batches");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).rawLongs());
        assertEquals("rawLongs: needs an int64 or bool tensor, got float32 (shape [2]); use toLong() first, or toArray() for floats", e.getMessage());
        IllegalStateException v = assertThrows(IllegalStateException.class, () -> Tensor.arange(6).reshape(2, 3).t().rawLongs());
        assertEquals("rawLongs: this tensor is a view (shape [3, 2]) that is not its whole storage; call contiguous() first", v.getMessage());
        assertEquals(DType.BOOL, Tensor.zeros(DType.BOOL, 2, 2).dtype());
        assertEquals("tensor([[False, False],\n        [False, False]])", Tensor.zeros(DType.BOOL, 2, 2).toString());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros((DType) null, 2));
        assertEquals("zeros: dtype is null; pass DType.FLOAT32, DType.INT64 or DType.BOOL", n.getMessage());
    }

    @Test
    void aNewTensorIsFloat32AndConversionsToItsOwnTypeReturnIt() {
        Tensor x = Tensor.zeros(2);
        assertEquals(DType.FLOAT32, x.dtype());
        assertSame(x, x.toFloat());
        Tensor i = Tensor.longs(3, 1);
        assertSame(i, i.to(DType.INT64));
        assertEquals(DType.INT64, i.dtype());
        assertEquals(DType.BOOL, Tensor.bools(true).dtype());
        assertEquals("torch.int64", DType.INT64.torchName());
        assertEquals("bool", DType.BOOL.toString());
    }

    @Test
    void int64ValuesAreExactBeyondWhatAFloatHolds() {
        Tensor big = Tensor.longs((1L << 24) + 1, Long.MAX_VALUE);
        assertArrayEquals(new long[] {(1L << 24) + 1, Long.MAX_VALUE}, big.toLongArray());
        assertEquals((1L << 24) + 1, big.select(0, 0).longItem());
        assertTrue(big.eq(Tensor.longs((1L << 24) + 1, Long.MAX_VALUE - 1)).select(0, 0).longItem() == 1, "compared as integers");
        assertEquals(0L, big.eq(Tensor.longs((1L << 24), Long.MAX_VALUE)).select(0, 0).longItem());
    }

    @Test
    void aConversionIsNotRecorded() {
        Tensor x = Tensor.vector(1.5f, -2f).requiresGrad(true);
        Tensor i = x.toLong();
        assertFalse(i.requiresGrad());
        assertNull(i.gradFn());
        assertFalse(i.toFloat().requiresGrad(), "back to float32: a new leaf, outside the graph, as PyTorch's");
    }

    @Test
    void aMaskMultipliesAndCountsAsInPyTorch() {
        Tensor predicted = Tensor.longs(2, 0, 1, 1), labels = Tensor.longs(2, 1, 1, 0);
        assertEquals("tensor(2)", predicted.eq(labels).sum().toString());
        assertEquals(2f, predicted.eq(labels).sum().item());
        assertEquals("tensor([ True, False,  True, False])", predicted.eq(labels).toString());
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void onlyFloat32TensorsRequireGrad() {
        bad("requiresGrad: only float32 tensors can require gradients, as in PyTorch; this one is int64 (shape [2]); convert it with"
                + " toFloat() first if it is meant to be a parameter", () -> Tensor.longs(1, 2).requiresGrad(true));
        bad("requiresGrad: only float32 tensors can require gradients, as in PyTorch; this one is bool (shape [1]); convert it with"
                + " toFloat() first if it is meant to be a parameter", () -> Tensor.bools(true).requiresGrad(true));
        assertFalse(Tensor.longs(1).requiresGrad(false).requiresGrad(), "asking for no gradient is fine");
    }

    @Test
    void whereAndMaskedFillRefuseAFloatMask() {
        bad("where: condition must be bool, got float32 (shape [3]); use a comparison such as x.gt(0), or condition.toBool() for"
                + " non-zero as true", () -> Tensor.where(Tensor.ones(3), Tensor.ones(3), Tensor.zeros(3)));
        bad("maskedFill: mask must be bool, got float32 (shape [3]); use a comparison such as x.gt(0), or mask.toBool() for"
                + " non-zero as true", () -> Tensor.zeros(3).maskedFill(Tensor.ones(3), 1f));
        bad("maskedFill: mask must be bool, got int64 (shape [3]); use a comparison such as x.gt(0), or mask.toBool() for"
                + " non-zero as true", () -> Tensor.zeros(3).maskedFill(Tensor.longs(0, 1, 0), 1f));
    }

    @Test
    void arithmeticOnInt64OrBoolAloneIsRefusedNamingTheOp() {
        bad("neg: needs float32 values, got an int64 tensor (shape [2]); steepest does arithmetic in"
                + " float32 only: convert it with toFloat() first", () -> Tensor.longs(1, 2).neg());
        bad("add: needs float32 values, got an int64 tensor (shape [2]); steepest does arithmetic in"
                + " float32 only: convert it with toFloat() first", () -> Tensor.longs(1, 2).add(Tensor.longs(3, 4)));
        bad("mean: needs float32 values, got a bool tensor (shape [1]); steepest does arithmetic in"
                + " float32 only: convert it with toFloat() first", () -> Tensor.bools(true).mean());
        bad("rawData: needs float32 values, got an int64 tensor (shape [1]); steepest does arithmetic in"
                + " float32 only: convert it with toFloat() first", () -> Tensor.longs(1).rawData());
        bad("toLongArray: needs an int64 or bool tensor, got float32 (shape [1]); use toLong() first, or toArray() for floats",
                () -> Tensor.zeros(1).toLongArray());
    }

    @Test
    void subtractingABoolIsRefusedAsInPyTorch() {
        bad("sub: subtracting a bool tensor is not supported, as in PyTorch; to invert a mask use mask.eq(0f), to subtract 0 or 1"
                + " convert it with toFloat()", () -> Tensor.ones(2).sub(Tensor.bools(true, false)));
    }

    // ---------------------------------------------------------------- int64 producers and consumers

    @Test
    void indicesComeOutAsInt64() {
        Tensor x = Tensor.of(new float[] {0.1f, 3f, -1f, 2f, 0.5f, 9f}, 2, 3);
        assertEquals("tensor([1, 2])", x.argmax(1).toString());
        assertEquals("tensor(5)", x.argmax().toString());
        assertEquals("tensor([2, 1])", x.argmin(1).toString());
        assertEquals(DType.INT64, x.maxWithIndices(1, false).indices().dtype());
        assertArrayEquals(new int[] {1, 2}, x.maxWithIndices(1, false).indexArray());
        assertEquals(DType.INT64, Tensor.randperm(5, new Generator(0)).dtype());
        assertEquals(DType.INT64, Tensor.ones(3).multinomial(2, false, new Generator(0)).dtype());
        assertEquals("tensor([0, 1, 2])", Tensor.arange(3).toString());
        assertEquals("tensor([1, 3])", Tensor.arange(1, 5, 2).toString());
        assertEquals("tensor([0., 1., 2.])", Tensor.arange(0f, 3f, 1f).toString(), "floats give float32, as torch.arange(0., 3.)");
    }

    @Test
    void indexSelectReadsSlicesInTheIndexOrder() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
        Tensor y = x.indexSelect(0, Tensor.longs(2, 0, 2));
        assertEquals("tensor([[5., 6.],\n        [1., 2.],\n        [5., 6.]], grad_fn=<IndexSelectBackward>)", y.toString());
        y.sum().backward();
        assertArrayEquals(new float[] {1, 1, 0, 0, 2, 2}, x.grad().toArray(), "repeats add up");
        assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5}, x.detach().indexSelect(1, Tensor.longs(1, 0)).toArray());
        bad("indexSelect: index must be 1-D (or a single number), got shape [1, 2]", () -> x.indexSelect(0, Tensor.of(new long[] {0, 1}, 1, 2)));
    }

    @Test
    void everyIndexTakingOpRefusesAFloatIndexNamingItselfAndTheFix() {
        Tensor q = Tensor.zeros(2, 3), floatIndex = Tensor.zeros(2, 1);
        bad("gather: index must be int64, got float32 (shape [2, 1]); use index.toLong()", () -> q.gather(1, floatIndex));
        bad("scatter: index must be int64, got float32 (shape [2, 1]); use index.toLong()", () -> q.scatter(1, floatIndex, Tensor.ones(2, 1)));
        bad("scatter: index must be int64, got float32 (shape [2, 1]); use index.toLong()", () -> q.scatter(1, floatIndex, 1f));
        bad("scatterAdd: index must be int64, got float32 (shape [2, 1]); use index.toLong()", () -> q.scatterAdd(1, floatIndex, Tensor.ones(2, 1)));
        bad("indexSelect: index must be int64, got float32 (shape [2]); use index.toLong()", () -> q.indexSelect(0, Tensor.zeros(2)));
        bad("embedding: indices must be int64, got float32 (shape [2, 1]); use indices.toLong()", () -> Tensor.embedding(q, floatIndex));
        bad("embedding: indices must be int64, got float32 (shape [2, 1]); use indices.toLong()", () -> Tensor.embedding(q, floatIndex, 0));
        bad("gather: index must be int64, got bool (shape [2, 1]); use index.toLong()", () -> q.gather(1, floatIndex.toBool()));
    }
}
