package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Generator against PyTorch's CPU generator: {@code torch.manual_seed(s)} then a sequence of
 * {@code torch.rand}, {@code torch.randn} and {@code uniform_} calls (fixture {@code core_random.json}).
 * Every draw must be bit-identical, because nn's default initialisation reproduces PyTorch's
 * weights with them; normal draws of 16 values or more go through PyTorch's float Box–Muller with
 * its AVX2 kernel's log, sin and cos (see BoxMuller).
 */
class GeneratorTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/core_random.json").cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsTheNumbersPyTorchDraws(Fixtures.Case c) {
        Generator g = new Generator((long) c.number("seed"));
        String[] calls = c.string("calls").split("; ");
        for (int i = 0; i < calls.length; i++) {
            String[] call = calls[i].split(" ");
            int n = Integer.parseInt(call[1]);
            Tensor expected = c.tensor("out" + i);
            String what = c.name() + ", call " + i + " (" + calls[i] + ")";
            switch (call[0]) {
                case "rand":
                    assertArrayEquals(expected.toArray(), Tensor.rand(g, n).toArray(), what);
                    break;
                case "uniform": {
                    float[] out = new float[n];
                    g.fillUniform(out, Float.parseFloat(call[2]), Float.parseFloat(call[3]));
                    assertArrayEquals(expected.toArray(), out, what);
                    break;
                }
                case "randn":
                    // below 16 values one Box–Muller pair of doubles at a time, from 16 on blocks of 16 floats
                    assertArrayEquals(expected.toArray(), Tensor.randn(g, n).toArray(), what);
                    break;
                default:
                    throw new IllegalArgumentException("unknown call " + calls[i]);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
        assertArrayEquals(Tensor.randn(new Generator(5), 40).toArray(), Tensor.randn(new Generator(5), 40).toArray());
        assertNotEquals(Tensor.rand(new Generator(5), 1).item(), Tensor.rand(new Generator(6), 1).item());
    }

    @Test
    void uniformDrawsStayInTheirRange() {
        Generator g = new Generator(3);
        for (int i = 0; i < 10_000; i++) {
            float u = g.uniform(-0.25f, 0.25f);
            assertTrue(u >= -0.25f && u < 0.25f, "uniform(-0.25, 0.25) drew " + u);
            float f = g.nextFloat();
            assertTrue(f >= 0f && f < 1f, "nextFloat drew " + f);
        }
    }

    @Test
    void randHasTheRequestedShape() {
        Tensor t = Tensor.rand(new Generator(0), 2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, t.shape());
        assertEquals(24, t.numel());
    }

    @Test
    void nextIntRejectsANonPositiveBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Generator(1).nextInt(0));
        assertEquals("nextInt: bound must be positive, got 0", e.getMessage());
    }

    @Test
    void nextIntCoversItsRange() {
        Generator g = new Generator(9);
        boolean[] seen = new boolean[7];
        for (int i = 0; i < 1000; i++) seen[g.nextInt(7)] = true;
        for (int k = 0; k < 7; k++) assertTrue(seen[k], "nextInt(7) never drew " + k + " in 1000 draws");
    }

    @Test
    void manualSeedRestartsTheOneDefaultGeneratorInPlaceAsTorchManualSeed() {
        Generator shared = Generator.defaultGenerator();
        assertSame(shared, Generator.manualSeed(42), "the same object, restarted: holders see the new sequence");
        float[] uniform = Tensor.rand(2, 3).toArray();
        float[] normal = Tensor.randn(20).toArray();
        Generator own = new Generator(42);
        assertArrayEquals(Tensor.rand(own, 2, 3).toArray(), uniform, "torch.manual_seed(42); torch.rand(2, 3)");
        assertArrayEquals(Tensor.randn(own, 20).toArray(), normal, "then torch.randn(20) continues the same sequence");
        Generator.manualSeed(42);
        assertArrayEquals(uniform, Tensor.rand(2, 3).toArray(), "seeding again repeats the draws");
        assertEquals(42, shared.seed());
        Generator.manualSeed(Generator.DEFAULT_SEED);
    }
}
