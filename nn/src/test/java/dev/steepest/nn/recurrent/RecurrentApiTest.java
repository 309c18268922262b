package dev.steepest.nn.recurrent;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Tensors;
import org.junit.jupiter.api.Test;

/** The recurrent layers' keyword-style builder and their several-tensor forward (issue 21). */
class RecurrentApiTest {

    @Test
    void theBuilderNamesOnlyTheOptionsItChangesAndDrawsAsTheConstructor() {
        LSTM built = LSTM.builder(3, 4).numLayers(2).batchFirst(true).dropout(0.25f).generator(new Generator(7)).build();
        LSTM long7 = new LSTM(3, 4, 2, true, true, 0.25f, new Generator(7));
        assertEquals("LSTM(3, 4, num_layers=2, batch_first=True, dropout=0.25)", built.toString());
        assertEquals(long7.toString(), built.toString());
        built.namedParameters().forEach((k, p) -> assertClose(long7.namedParameters().get(k), p, 0, 0, k));
        assertEquals("GRU(3, 4, batch_first=True)", GRU.builder(3, 4).batchFirst(true).build().toString());
        assertEquals("RNN(3, 4, bias=False)", RNN.builder(3, 4).bias(false).build().toString());
    }

    @Test
    void theBuilderRefusesWhatTheLayerHasNot() {
        assertEquals("LSTM.builder: nonlinearity is an option of RNN only; LSTM has its gates' own",
                assertThrows(IllegalArgumentException.class, () -> LSTM.builder(3, 4).nonlinearity("relu").build()).getMessage());
        assertEquals("GRU: dropout must be a probability in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> GRU.builder(3, 4).dropout(1.5f).build()).getMessage());
        assertEquals("RNN: unknown nonlinearity 'sigmoid'; use \"tanh\" or \"relu\"",
                assertThrows(IllegalArgumentException.class, () -> RNN.builder(3, 4).nonlinearity("sigmoid").build()).getMessage());
    }

    @Test
    void anLstmTakesAndGivesItsStatesAsTensors() {
        Generator g = new Generator(3);
        LSTM lstm = LSTM.builder(3, 4).numLayers(2).generator(g).build();
        Tensor x = Tensor.randn(g, 5, 2, 3), h0 = Tensor.randn(g, 2, 2, 4), c0 = Tensor.randn(g, 2, 2, 4);
        RecurrentOutput direct = lstm.forward(x, h0, c0);
        Tensors out = lstm.forward(Tensors.of(x, h0, c0));   // output, (h_n, c_n) = lstm(x, (h0, c0))
        assertEquals(3, out.size());
        assertClose(direct.output(), out.get(0), 0, 0, "output");
        assertClose(direct.hN(), out.get(1), 0, 0, "h_n");
        assertClose(direct.cN(), out.get(2), 0, 0, "c_n");
        assertEquals("LSTM: takes (input) or (input, h0, c0), got 2 tensors of shapes [5, 2, 3], [2, 2, 4]",
                assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensors.of(x, h0))).getMessage());
    }

    @Test
    void gruAndCellsGiveTheirStatesAsTensorsToo() {
        Generator g = new Generator(4);
        GRU gru = GRU.builder(3, 4).batchFirst(true).generator(g).build();
        Tensor x = Tensor.randn(g, 2, 5, 3);
        Tensors out = gru.forward(Tensors.of(x));
        assertEquals(2, out.size());
        assertClose(gru.forward(x, null).hN(), out.get(1), 0, 0, "h_n from a zero state");
        LSTMCell cell = new LSTMCell(3, 4, g);
        Tensors next = cell.forward(Tensors.of(Tensor.randn(g, 2, 3)));
        assertEquals(2, next.size(), "(h', c')");
        assertEquals(1, new GRUCell(3, 4, g).forward(Tensors.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4))).size());
    }
}
