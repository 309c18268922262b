package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static dev.steepest.core.testing.MessageAssert.assertMessage;
import static dev.steepest.core.testing.MessageAssert.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the fixtures do not pin down about the next chapters' ops: the messages a learner reads
 * (asserted word for word), NaN, masks that are never recorded, and the existing API kept working.
 */
class NextOpsTest {

    private static Tensor t(float[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    // ---------------------------------------------------------------- max and min with indices

    @Test
    void maxWithIndicesGivesTheValuesAndWhereTheyCameFrom() {
        Tensor x = t(new float[] {1, 3, 3, 2, 2, 0}, 2, 3);
        ValuesAndIndices r = x.maxWithIndices(1, false);
        assertArrayEquals(new float[] {3, 2}, r.values().toArray());
        assertArrayEquals(new float[] {1, 0}, r.indices().toArray(), "the first of tied maxima, as PyTorch on the CPU");
        assertArrayEquals(new int[] {1, 0}, r.indexArray());
        assertArrayEquals(new float[] {1, 0}, x.minWithIndices(1, false).values().toArray());
        assertArrayEquals(new float[] {0, 2}, x.minWithIndices(1, false).indices().toArray());
    }

    @Test
    void theValuesGradientGoesToTheArgMaxAndTheIndicesAreNotRecorded() {
        Tensor x = t(new float[] {1, 5, 2, 7, 0, 3}, 2, 3).requiresGrad(true);
        ValuesAndIndices r = x.maxWithIndices(0, true);
        assertFalse(r.indices().requiresGrad());
        assertEquals("MaxBackward", r.values().gradFn());
        r.values().sum().backward();
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, x.grad().toArray());
    }

    @Test
    void nanIsTheMaximumAndTheMinimumAlongADimension() {
        Tensor x = t(new float[] {1, Float.NaN, 3}, 3);
        assertTrue(Float.isNaN(x.maxWithIndices(0, false).values().item()));
        assertEquals(1f, x.maxWithIndices(0, false).indices().item());
        assertEquals(1f, x.minWithIndices(0, false).indices().item());
    }

    @Test
    void theExistingMaxAlongADimensionStillGivesTheValues() {
        Tensor x = t(new float[] {1, 5, 2, 7, 0, 3}, 2, 3);
        assertArrayEquals(x.maxWithIndices(1, false).values().toArray(), x.max(1, false).toArray());
        assertArrayEquals(new float[] {1, 0}, x.argmax(1, false).toArray());
        assertArrayEquals(new float[] {0, 1}, x.argmin(1, false).toArray());
    }

    @Test
    void maxAndMinOfAnEmptyDimensionSaySo() {
        bad("max: dimension 1 of shape [2, 0] is empty", () -> Tensor.zeros(2, 0).maxWithIndices(1, false));
        bad("min: dimension 3 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]",
                () -> Tensor.zeros(2, 3).minWithIndices(3, false));
    }

    // ---------------------------------------------------------------- gather and scatter

    @Test
    void gatherPicksQOfTheActionsTaken() {
        Tensor q = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor actions = Tensor.of(new long[] {2, 0}, 2, 1);
        assertArrayEquals(new float[] {3, 4}, q.gather(1, actions).toArray());
        assertArrayEquals(new int[] {2, 1}, q.gather(1, actions).shape());
        assertEquals(5f, Tensor.scalar(5f).gather(0, Tensor.of(new long[] {0})).item(), "a 0-d input with a 0-d index, as PyTorch allows");
    }

    @Test
    void gatherRefusesAnIndexOfTheWrongShape() {
        Tensor q = Tensor.zeros(4, 3);
        bad("gather: index has 1 dimension but the input has 2 (index shape [4], input shape [4, 3]); "
                + "they need the same number of dimensions, e.g. index.unsqueeze(1)", () -> q.gather(1, Tensor.zeros(4).toLong()));
        bad("gather: index shape [5, 1] does not fit input shape [4, 3]: size 5 > 4 at dimension 0; "
                + "index may be no larger than the input in every dimension but 1", () -> q.gather(1, Tensor.zeros(5, 1).toLong()));
        bad("gather: index is null; pass a tensor", () -> q.gather(1, null));
        bad("gather: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]",
                () -> q.gather(2, Tensor.zeros(4, 1).toLong()));
    }

    @Test
    void gatherRefusesAnIndexOutOfRangeOrNotWhole() {
        Tensor q = Tensor.zeros(2, 3);
        assertMessage(IndexOutOfBoundsException.class, "gather: index 3 at position [1, 0] is out of range for dimension 1 of size 3"
                + " (index shape [2, 1], input shape [2, 3]); expected a value in [0, 2]", () -> q.gather(1, Tensor.of(new long[] {0, 3}, 2, 1)));
        assertMessage(IndexOutOfBoundsException.class, "gather: index -1 at position [0, 0] is out of range for dimension 1 of size 3"
                + " (index shape [2, 1], input shape [2, 3]); expected a value in [0, 2]", () -> q.gather(1, Tensor.of(new long[] {-1, 0}, 2, 1)));
        bad("gather: index must be int64, got float32 (shape [1, 2]); use index.toLong()", () -> q.gather(1, t(new float[] {1, 0.5f}, 1, 2)));
    }

    @Test
    void scatterRefusesASrcSmallerThanTheIndex() {
        bad("scatter: index shape [2, 2] does not fit src shape [2, 1]: size 2 > 1 at dimension 1; index may be no larger than src in any dimension",
                () -> Tensor.zeros(2, 3).scatter(1, Tensor.zeros(2, 2).toLong(), Tensor.ones(2, 1)));
        bad("scatterAdd: src has 1 dimensions but index has 2 (src shape [4], index shape [2, 2]); they need the same number",
                () -> Tensor.zeros(2, 3).scatterAdd(1, Tensor.zeros(2, 2).toLong(), Tensor.ones(4)));
        assertMessage(IndexOutOfBoundsException.class, "scatterAdd: index 7 at position [1] is out of range for dimension 0 of size 5"
                + " (index shape [2], input shape [5]); expected a value in [0, 4]",
                () -> Tensor.zeros(5).scatterAdd(0, Tensor.longs(1, 7), Tensor.ones(2)));
    }

    @Test
    void scatterLeavesItsInputUnchangedAndAddsRepeats() {
        Tensor a = Tensor.zeros(5);
        Tensor index = Tensor.longs(4, 4, 0);
        Tensor src = t(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new float[] {3, 0, 0, 0, 3}, a.scatterAdd(0, index, src).toArray());
        assertArrayEquals(new float[] {3, 0, 0, 0, 2}, a.scatter(0, index, src).toArray(), "the last write wins");
        assertArrayEquals(new float[] {-1, 0, 0, 0, -1}, a.scatter(0, index, -1f).toArray());
        assertArrayEquals(new float[5], a.toArray(), "scatter and scatterAdd return copies");
    }

    // ---------------------------------------------------------------- comparisons and where

    @Test
    void comparisonsGiveMasksThatAreNotRecorded() {
        Tensor x = t(new float[] {-1, 0, 2}, 3).requiresGrad(true);
        Tensor mask = x.gt(0f);
        assertArrayEquals(new float[] {0, 0, 1}, mask.toArray());
        assertFalse(mask.requiresGrad());
        assertNull(mask.gradFn());
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0}, x.le(t(new float[] {0, 1}, 2, 1)).toArray(), "broadcast to [2, 3]");
    }

    @Test
    void comparisonsWithNanAreFalseExceptNotEqual() {
        Tensor x = t(new float[] {Float.NaN}, 1);
        assertEquals(0f, x.eq(x).item());
        assertEquals(1f, x.ne(x).item());
        assertEquals(0f, x.ge(Float.NaN).item());
    }

    @Test
    void comparisonsAndWhereNameShapesThatDoNotBroadcast() {
        bad("lt: shapes [2, 3] and [2] cannot be broadcast: size 3 and size 2 differ at dimension 1 (counting from the left of the"
                + " broadcast shape); sizes must be equal or one of them 1", () -> Tensor.zeros(2, 3).lt(Tensor.zeros(2)));
        bad("where: shapes [3] and [4] cannot be broadcast: size 3 and size 4 differ at dimension 0 (counting from the left of the"
                + " broadcast shape); sizes must be equal or one of them 1", () -> Tensor.where(Tensor.ones(3).toBool(), Tensor.ones(4), Tensor.ones(1)));
        bad("where: condition is null; pass a tensor", () -> Tensor.where(null, Tensor.ones(1), Tensor.ones(1)));
    }

    @Test
    void whereTakesTheInputWhereTheConditionIsNonZero() {
        Tensor cond = t(new float[] {1, 0, -2, Float.NaN}, 4).toBool();
        Tensor y = Tensor.where(cond, Tensor.arange(0f, 4f, 1f), Tensor.full(-1f, 1));
        assertArrayEquals(new float[] {0, -1, 2, 3}, y.toArray(), "toBool: every non-zero value, NaN too, is true");
        assertArrayEquals(y.toArray(), Tensor.where(cond, Tensor.arange(0f, 4f, 1f), -1f).toArray(), "a number as the other side");
        assertArrayEquals(new float[] {9, 1, 9, 9}, Tensor.where(cond, 9f, Tensor.arange(0f, 4f, 1f)).toArray(), "a number as the input side");
        Tensor done = Tensor.bools(false, true), next = t(new float[] {2, 3}, 2).requiresGrad(true);
        Tensor target = Tensor.where(done, 0f, next);   // DQN: no bootstrap after the last step
        target.sum().backward();
        assertArrayEquals(new float[] {1, 0}, next.grad().toArray(), "the gradient flows only where next was taken");
    }

    // ---------------------------------------------------------------- chunk and split

    @Test
    void chunkAndSplitCutAlongADimension() {
        Tensor x = Tensor.arange(10).toFloat().reshape(5, 2);
        List<Tensor> pieces = x.chunk(2, 0);
        assertEquals(2, pieces.size());
        assertArrayEquals(new int[] {3, 2}, pieces.get(0).shape());
        assertArrayEquals(new float[] {6, 7, 8, 9}, pieces.get(1).toArray());
        assertEquals(3, Tensor.zeros(0, 2).chunk(3, 0).size(), "an empty dimension gives as many empty chunks as asked, as PyTorch");
        assertEquals(1, Tensor.zeros(0, 2).split(2, 0).size());
        assertEquals(1, x.split(Integer.MAX_VALUE, 0).size(), "a piece size beyond the dimension gives the whole, without overflow");
        assertEquals(5, x.chunk(Integer.MAX_VALUE, 0).size(), "more chunks than rows gives one row each");
        assertEquals("SplitBackward", Tensor.zeros(4).requiresGrad(true).split(3, 0).get(1).gradFn());
    }

    @Test
    void chunkAndSplitSayWhatIsWrong() {
        Tensor x = Tensor.zeros(2, 6);
        bad("chunk: the number of chunks must be positive, got 0", () -> x.chunk(0, 1));
        bad("split: the size of a piece must be positive, got -2", () -> x.split(-2, 1));
        bad("split: sizes [1, 3] add up to 4, but dimension 1 of shape [2, 6] has size 6; they must add up to it",
                () -> x.split(new int[] {1, 3}, 1));
        bad("split: sizes must be non-negative, got [7, -1]", () -> x.split(new int[] {7, -1}, -1));
        bad("chunk: cannot split a tensor with no dimensions", () -> Tensor.scalar(1f).chunk(2, 0));
        bad("split: dimension -3 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]", () -> x.split(2, -3));
    }

    // ---------------------------------------------------------------- bmm, eye, var and std

    @Test
    void bmmNamesShapesThatDoNotFit() {
        bad("bmm: expects two 3-D tensors [batch, n, m] and [batch, m, p], got shapes [3, 4] and [2, 4, 5]; use matmul for other ranks",
                () -> Tensor.zeros(3, 4).bmm(Tensor.zeros(2, 4, 5)));
        bad("bmm: [2, 3, 4] @ [3, 4, 5]: the batch sizes 2 and 3 differ", () -> Tensor.zeros(2, 3, 4).bmm(Tensor.zeros(3, 4, 5)));
        bad("bmm: [2, 3, 4] @ [2, 3, 5]: inner dimensions 4 and 3 differ", () -> Tensor.zeros(2, 3, 4).bmm(Tensor.zeros(2, 3, 5)));
        assertEquals("BmmBackward", Tensor.ones(1, 2, 2).requiresGrad(true).bmm(Tensor.ones(1, 2, 2)).gradFn());
    }

    @Test
    void eyeIsTheIdentity() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, Tensor.eye(2, 3).toArray());
        Tensor x = Tensor.arange(9).toFloat().reshape(3, 3);
        assertArrayEquals(x.toArray(), Tensor.eye(3).matmul(x).toArray());
        bad("eye: sizes must be non-negative, got [-1, -1]", () -> Tensor.eye(-1));
    }

    @Test
    void theVarianceOfOneElementIsNanWhenUnbiasedAndZeroWhenBiased() {
        Tensor x = Tensor.of(new float[] {3f}, 1);
        assertTrue(Float.isNaN(x.var().item()), "0/0, as PyTorch");
        assertEquals(0f, x.var(false).item());
        assertEquals(2f, Tensor.of(new float[] {1, 3, 5, 7, 9}, 5).std(0, true, false).item() / (float) Math.sqrt(2.5));
        bad("std: dimension 2 is out of range for a tensor with 2 dimensions; expected a value in [-2, 1]",
                () -> Tensor.zeros(2, 2).std(2, true, false));
    }

    // ---------------------------------------------------------------- element counts (issue 11)

    @Test
    void aShapeWhoseCountOverflowsALongIsRefusedNotWrappedToZero() {
        bad("zeros: shape [65536, 65536, 65536, 65536] has 18446744073709551616 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.zeros(65536, 65536, 65536, 65536));
        bad("full: shape [65536, 65536, 65536, 65536, 65536] has 1208925819614629174706176 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.full(1f, 65536, 65536, 65536, 65536, 65536));
        bad("ones: shape [2147483647, 2] has 4294967294 elements; a tensor holds at most 2147483639 (the longest array the JVM allocates)",
                () -> Tensor.ones(Integer.MAX_VALUE, 2));
        bad("randn: shape [65536, 65536] has 4294967296 elements; a tensor holds at most 2147483639 (the longest array the JVM allocates)",
                () -> Tensor.randn(new Generator(0), 65536, 65536));
        assertEquals(0, Tensor.zeros(0, 65536, 65536, 65536).numel(), "a shape with a 0 holds nothing, however large the rest");
    }

    @Test
    void anArangeTooLongForAnArrayIsRefusedBeforeAllocating() {
        bad("arange: the range from 0.0 to 1.0E10 in steps of 1.0 has 10000000000 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.arange(0f, 1e10f, 1f));
        bad("arange: start and end must be finite numbers, got start 0.0 and end NaN", () -> Tensor.arange(0f, Float.NaN, 1f));
    }

    @Test
    void reshapeAndOtherFactoriesCheckTheCountExactly() {
        bad("reshape: shape [65536, 65536, 65536, 65536] has 18446744073709551616 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.zeros(0).reshape(65536, 65536, 65536, 65536));
        bad("view: shape [65536, 65536, 65536, 65536] has 18446744073709551616 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.zeros(4).view(65536, 65536, 65536, 65536));
        bad("Tensor.of: shape [65536, 65536, 65536, 65536] has 18446744073709551616 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.of(new float[0], 65536, 65536, 65536, 65536));
        bad("eye: shape [65536, 65536] has 4294967296 elements; a tensor holds at most 2147483639 (the longest array the JVM allocates)",
                () -> Tensor.eye(65536));
        bad("flatten: dimensions 1 to 3 of shape [0, 65536, 65536, 65536] has 281474976710656 elements; a tensor holds at most 2147483639"
                + " (the longest array the JVM allocates)", () -> Tensor.zeros(0, 65536, 65536, 65536).flatten(1, 3));
        bad("matmul: shape [65536, 65536] has 4294967296 elements; a tensor holds at most 2147483639 (the longest array the JVM allocates)",
                () -> Tensor.zeros(65536, 0).matmul(Tensor.zeros(0, 65536)));
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 6).reshape(-1, 3).shape());
    }
}
