package dev.steepest.nn.recurrent;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.testing.Fixtures;
import dev.steepest.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recurrent cell and layer against PyTorch (scripts/fixtures/nn_recurrent.py): built from
 * {@code new Generator(seed)} it holds the parameters {@code torch.manual_seed(seed)} gives, in
 * PyTorch's names and order; then outputs, final states, and the gradients of
 * {@code Σ output·g + Σ h_n·g_h (+ Σ c_n·g_c)} with respect to the input, the initial states and
 * every parameter, at rtol 1e-5 / atol 1e-6 (the 12-step, 2-layer cases at rtol 1e-4 / atol 1e-5:
 * the gradients sum float32 products over every step, in another order than PyTorch's).
 */
class RecurrentParityTest {

    private static final Fixtures FIXTURES = Fixtures.load("/fixtures/nn_recurrent.json");

    static Module build(Fixtures.Case c) {
        int in = (int) c.number("input_size"), hidden = (int) c.number("hidden_size");
        boolean bias = c.bool("bias");
        Generator g = new Generator((long) c.number("seed"));
        String nonlinearity = c.string("nonlinearity");
        switch (c.string("kind")) {
            case "rnn_cell": return new RNNCell(in, hidden, bias, nonlinearity, g);
            case "lstm_cell": return new LSTMCell(in, hidden, bias, g);
            case "gru_cell": return new GRUCell(in, hidden, bias, g);
            default: break;
        }
        int layers = (int) c.number("num_layers");
        boolean batchFirst = c.bool("batch_first");
        switch (c.string("kind")) {
            case "rnn": return new RNN(in, hidden, layers, nonlinearity, bias, batchFirst, 0f, g);
            case "lstm": return new LSTM(in, hidden, layers, bias, batchFirst, 0f, g);
            case "gru": return new GRU(in, hidden, layers, bias, batchFirst, 0f, g);
            default: throw new IllegalArgumentException("unknown kind " + c.string("kind"));
        }
    }

    private static Tensor optional(Fixtures.Case c, String key) {
        return c.has(key) ? c.tensor(key).requiresGrad(true) : null;
    }

    /** Runs one case: the module from its seed, forward, backward, everything compared. */
    static void check(Fixtures.Case c) {
        String name = c.name();
        double rtol = name.endsWith("_long") ? 1e-4 : 1e-5, atol = name.endsWith("_long") ? 1e-5 : 1e-6;
        Module module = build(c);
        assertEquals(c.string("repr"), module.toString(), name + " printout");
        List<String> expectedNames = new ArrayList<>();
        for (String key : c.keys()) if (key.startsWith("param.")) expectedNames.add(key.substring("param.".length()));
        assertEquals(expectedNames, new ArrayList<>(module.namedParameters().keySet()), name + " parameter names and order");
        module.namedParameters().forEach((key, p) -> assertClose(c.tensor("param." + key), p, 0, 0, name + " initial " + key));

        Tensor x = c.tensor("x").requiresGrad(true);
        List<Tensor> outputs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Tensor[] states = {optional(c, c.has("h0") || !c.has("h") ? "h0" : "h"), optional(c, c.has("c0") || !c.has("c") ? "c0" : "c")};
        if (module instanceof LSTMCell cell) {
            LSTMCell.State s = cell.forward(x, states[0], states[1]);
            outputs.add(s.h()); labels.add("h1");
            outputs.add(s.c()); labels.add("c1");
        } else if (module instanceof RNNCell cell) {
            outputs.add(cell.forward(x, states[0])); labels.add("h1");
        } else if (module instanceof GRUCell cell) {
            outputs.add(cell.forward(x, states[0])); labels.add("h1");
        } else {
            RecurrentOutput out = module instanceof LSTM lstm ? lstm.forward(x, states[0], states[1])
                    : module instanceof GRU gru ? gru.forward(x, states[0]) : ((RNN) module).forward(x, states[0]);
            outputs.add(out.output()); labels.add("output");
            outputs.add(out.hN()); labels.add("h_n");
            if (module instanceof LSTM) {
                outputs.add(out.cN()); labels.add("c_n");
            } else {
                assertEquals(null, out.cN(), name + ": only an LSTM has a cell state");
            }
        }
        Tensor loss = null;
        for (int i = 0; i < outputs.size(); i++) {
            assertClose(c.tensor(labels.get(i)), outputs.get(i), rtol, atol, name + " " + labels.get(i));
            Tensor term = outputs.get(i).mul(c.tensor("g_" + labels.get(i))).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        assertClose(c.tensor("dx"), x.grad(), rtol, atol, name + " input gradient");
        String[] stateNames = c.has("h0") ? new String[] {"h0", "c0"} : new String[] {"h", "c"};
        for (int i = 0; i < 2; i++) {
            if (states[i] != null) assertClose(c.tensor("d" + stateNames[i]), states[i].grad(), rtol, atol, name + " gradient of " + stateNames[i]);
        }
        module.namedParameters().forEach((key, p) -> assertClose(c.tensor("grad." + key), p.grad(), rtol, atol, name + " gradient of " + key));
    }

    @TestFactory
    Stream<DynamicTest> everyCellAndLayerMatchesPyTorchFromTheSameSeed() {
        return FIXTURES.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    void theFixtureCoversEveryKindAndShapeTheIssueAsksFor() {
        List<String> names = new ArrayList<>();
        FIXTURES.cases().forEach(c -> names.add(c.name()));
        for (String kind : new String[] {"rnn", "lstm", "gru"}) {
            for (String variant : new String[] {"", "_zero_state", "_2layers", "_batch_first", "_2layers_batch_first", "_seq1", "_batch1",
                    "_no_bias", "_unbatched", "_unbatched_zero_state"}) {
                assertEquals(true, names.contains(kind + variant), kind + variant);
            }
            for (String variant : new String[] {"", "_zero_state", "_no_bias", "_batch1", "_unbatched"}) {
                assertEquals(true, names.contains(kind + "_cell" + variant), kind + "_cell" + variant);
            }
        }
    }
}
