package dev.steepest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Embedding's default weights equal PyTorch 1.13's bit for bit after the same seed, for every path
 * of its {@code normal_}: fewer than 16 values, exactly 16, multiples of 16 and the rest
 * (scripts/fixtures/nn_embedding_init.py, 48 cases over six seeds).
 */
class EmbeddingInitTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/nn_embedding_init.json").cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void startsFromPyTorchsWeightsBitForBit(Fixtures.Case c) {
        int num = (int) c.number("num"), dim = (int) c.number("dim"), padding = (int) c.number("padding");
        Generator g = new Generator((long) c.number("seed"));
        Embedding embedding = padding < 0 ? new Embedding(num, dim, g) : new Embedding(num, dim, padding, g);
        Tensor expected = c.tensor("weight");
        float[] want = expected.toArray(), got = embedding.weight().toArray();
        assertArrayEquals(expected.shape(), embedding.weight().shape(), c.name());
        int differ = 0;
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) differ++;
        }
        assertEquals(0, differ, c.name() + ": " + differ + " of " + want.length + " weights differ from PyTorch's bits");
    }
}
