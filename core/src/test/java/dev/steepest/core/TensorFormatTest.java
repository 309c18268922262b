package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code toString()} against {@code str(tensor)} of PyTorch 1.13 (fixture {@code core_format.json}):
 * integer, fixed and scientific modes, column widths, wrapping at 80 characters, summarising above
 * 1000 elements, empty tensors and the requires_grad / grad_fn suffixes. The seed's own prints are
 * checked too, as the seed shows them (its text lost the indentation and runs of spaces).
 */
class TensorFormatTest {

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/core_format.json").cases().stream();
    }

    /** Builds the case's tensor; values are strings so that NaN and ±Infinity survive JSON. */
    static Tensor tensorOf(Fixtures.Case c) {
        List<?> values = (List<?>) c.raw("values");
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) data[i] = Float.parseFloat((String) values.get(i));
        Tensor t = Tensor.of(data, c.ints("shape"));
        return c.bool("requires_grad") ? t.requiresGrad(true) : t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsAsPyTorchDoes(Fixtures.Case c) {
        assertEquals(c.string("str"), tensorOf(c).toString(), c.name());
    }

    @Test
    void printsTheSeedsInputsAsTheSeedShowsThem() {
        Tensor a = Tensor.of(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0}, 1, 1, 4, 4);
        assertEquals(String.join("\n",
                "tensor([[[[0., 1., 0., 1.],",
                "[0., 0., 0., 0.],",
                "[0., 1., 0., 1.],",
                "[0., 0., 0., 0.]]]])"), asTheSeedShowsIt(a.toString()));
        assertEquals(String.join("\n",
                "tensor([[[[0., 2., 0., 2.],",
                "[0., 0., 0., 0.],",
                "[0., 2., 0., 2.],",
                "[0., 0., 0., 0.]]]])"), asTheSeedShowsIt(a.mul(2f).toString()));
        Tensor different = Tensor.of(new float[] {10, 122, 10, 122, 1000, 200, 1000, 200, 10, 122, 10, 122, 1000, 200, 1000, 200},
                1, 1, 4, 4);
        assertEquals(String.join("\n",
                "tensor([[[[ 10., 122., 10., 122.],",
                "[1000., 200., 1000., 200.],",
                "[ 10., 122., 10., 122.],",
                "[1000., 200., 1000., 200.]]]])"), asTheSeedShowsIt(different.toString()));
    }

    /** The seed's text kept one space of each run and dropped the indentation of continuation lines. */
    private static String asTheSeedShowsIt(String s) {
        return s.replaceAll(" +", " ").replaceAll("\n ", "\n");
    }

    /** A node named like the seed's loss: Tensor.record is how nn's MSELoss makes one. */
    private static Tensor lossLike(float value, Tensor input) {
        return Tensor.record("MseLossBackward", Tensor.scalar(value), new Tensor[] {input}, new Tensor[0],
                g -> new Tensor[] {Tensor.zerosLike(input)});
    }

    @Test
    void printsTheSeedsRatingsWithTheirGradFn() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        assertEquals("tensor(0., grad_fn=<MseLossBackward>)", lossLike(0f, w).toString());
        assertEquals("tensor(0.4581, grad_fn=<MseLossBackward>)", lossLike(0.4581f, w).toString());
        assertEquals("tensor(58437.6680, grad_fn=<MseLossBackward>)", lossLike(58437.668f, w).toString());
    }

    @Test
    void namesTheOpThatMadeATensor() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        assertEquals("tensor([2., 4.], grad_fn=<MulBackward>)", x.mul(2f).toString());
        assertEquals("tensor(3., grad_fn=<SumBackward>)", x.sum().toString());
        assertEquals("tensor([1., 2.], requires_grad=True)", x.toString());
        assertEquals("tensor([1., 2.])", x.detach().toString());
        try (var off = Autograd.noGrad()) {
            assertEquals("tensor([2., 4.])", x.mul(2f).toString(), "nothing is recorded inside noGrad");
        }
    }
}
