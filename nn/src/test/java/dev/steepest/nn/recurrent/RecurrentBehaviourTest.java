package dev.steepest.nn.recurrent;

import static dev.steepest.core.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.GradCheck;
import dev.steepest.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the parity fixtures do not show: gradients against central differences, messages for bad
 * shapes, dropout between layers, and a sequence run in two halves giving the same as in one.
 */
class RecurrentBehaviourTest {

    private final Generator gen = new Generator(4242);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    private static void bad(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    // ---------------------------------------------------------------- gradients

    @Test
    void rnnCellGradientsMatchCentralDifferencesForTanhAndRelu() {
        for (String nonlinearity : new String[] {"tanh", "relu"}) {
            RNNCell cell = new RNNCell(3, 4, true, nonlinearity, new Generator(1));
            Tensor[] p = cell.parameters().toArray(new Tensor[0]);
            GradCheck.assertGradients(in -> cell.forward(in[0], in[1]), randn(2, 3), randn(2, 4));
            GradCheck.assertGradients(in -> cell.forward(Tensor.ones(2, 3), Tensor.ones(2, 4).mul(0.3f)), p);
        }
    }

    @Test
    void lstmCellGradientsMatchCentralDifferences() {
        LSTMCell cell = new LSTMCell(3, 4, new Generator(2));
        GradCheck.assertGradients(in -> {
            LSTMCell.State s = cell.forward(in[0], in[1], in[2]);
            return s.h().add(s.c().mul(0.5f));
        }, randn(2, 3), randn(2, 4), randn(2, 4));
        Tensor x = Tensor.randn(gen, 2, 3), h = Tensor.randn(gen, 2, 4), c = Tensor.randn(gen, 2, 4);
        GradCheck.assertGradients(in -> {
            LSTMCell.State s = cell.forward(x, h, c);
            return s.h().add(s.c().mul(0.5f));
        }, cell.parameters().toArray(new Tensor[0]));
    }

    @Test
    void gruCellGradientsMatchCentralDifferences() {
        GRUCell cell = new GRUCell(3, 4, new Generator(3));
        GradCheck.assertGradients(in -> cell.forward(in[0], in[1]), randn(2, 3), randn(2, 4));
        Tensor x = Tensor.randn(gen, 2, 3), h = Tensor.randn(gen, 2, 4);
        GradCheck.assertGradients(in -> cell.forward(x, h), cell.parameters().toArray(new Tensor[0]));
    }

    @Test
    void twoLayerLstmGradientsMatchCentralDifferences() {
        LSTM lstm = new LSTM(3, 4, 2, true, true, 0f, new Generator(5));
        GradCheck.assertGradients(in -> {
            RecurrentOutput out = lstm.forward(in[0], in[1], in[2]);
            return out.output().sum().add(out.hN().mul(out.cN()).sum());
        }, randn(2, 3, 3), randn(2, 2, 4), randn(2, 2, 4));
    }

    // ---------------------------------------------------------------- state carried over

    @Test
    void aSequenceRunInTwoHalvesCarryingTheStateEqualsOneRun() {
        LSTM lstm = new LSTM(3, 5, 2, new Generator(6));
        Tensor x = Tensor.randn(gen, 6, 2, 3);
        RecurrentOutput whole = lstm.forward(x, null, null);
        RecurrentOutput first = lstm.forward(x.narrow(0, 0, 4), null, null);
        RecurrentOutput second = lstm.forward(x.narrow(0, 4, 2), first.hN(), first.cN());
        assertClose(whole.output().narrow(0, 4, 2), second.output(), 0, 1e-6, "output of the second half");
        assertClose(whole.hN(), second.hN(), 0, 1e-6, "h_n");
        assertClose(whole.cN(), second.cN(), 0, 1e-6, "c_n");
    }

    @Test
    void forwardWithOnlyTheInputReturnsTheOutputFromZeroStates() {
        GRU gru = new GRU(3, 4, 2, new Generator(7));
        Tensor x = Tensor.randn(gen, 5, 2, 3);
        assertClose(gru.forward(x, Tensor.zeros(2, 2, 4)).output(), gru.forward(x), 0, 0, "GRU output");
        LSTMCell cell = new LSTMCell(3, 4, new Generator(8));
        assertClose(cell.forward(x.select(0, 0), Tensor.zeros(2, 4), Tensor.zeros(2, 4)).h(), cell.forward(x.select(0, 0)), 0, 0, "LSTMCell h");
    }

    // ---------------------------------------------------------------- dropout between layers

    @Test
    void dropoutActsBetweenLayersInTrainingOnlyAndNeverAfterTheLast() {
        Tensor x = Tensor.randn(gen, 4, 3, 2);
        LSTM plain = new LSTM(2, 8, 2, true, false, 0f, new Generator(9));
        LSTM dropped = new LSTM(2, 8, 2, true, false, 0.5f, new Generator(9));
        assertClose(plain.weightIh[1], dropped.weightIh[1], 0, 0, "same weights from the same seed");
        Tensor expected = plain.forward(x);
        assertFalse(Arrays.equals(expected.toArray(), dropped.forward(x).toArray()), "training: the second layer sees a dropped input");
        dropped.eval();
        assertClose(expected, dropped.forward(x), 0, 0, "evaluation: no dropout");
        // with one layer there is no layer after which to drop: training changes nothing
        LSTM single = new LSTM(2, 8, 1, true, false, 0.9f, new Generator(10));
        Tensor once = single.forward(x);
        single.eval();
        assertClose(single.forward(x), once, 0, 0, "one layer, dropout has nowhere to act");
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void anInputOfTheWrongRankOrFeatureSizeNamesTheShapes() {
        LSTM lstm = new LSTM(10, 20, 2, new Generator(0));
        bad("LSTM: expects a 3-D input [seq, batch, 10] or an unbatched 2-D input [seq, 10], got 4-D shape [5, 3, 2, 10]",
                () -> lstm.forward(Tensor.zeros(5, 3, 2, 10)));
        bad("LSTM: expects a 3-D input [seq, batch, 10] or an unbatched 2-D input [seq, 10], got 1-D shape [10]",
                () -> lstm.forward(Tensor.zeros(10)));
        bad("LSTM: the input's last dimension must be inputSize = 10, got 7 (input shape [5, 3, 7], expected [seq, batch, 10])",
                () -> lstm.forward(Tensor.zeros(5, 3, 7)));
        GRU gru = new GRU(4, 6, 1, true, true, 0f, new Generator(0));
        bad("GRU: the input's last dimension must be inputSize = 4, got 3 (input shape [2, 5, 3], expected [batch, seq, 4])",
                () -> gru.forward(Tensor.zeros(2, 5, 3)));
        bad("RNN: the input needs at least one time step and one sample, got shape [0, 2, 3]",
                () -> new RNN(3, 2).forward(Tensor.zeros(0, 2, 3)));
        bad("LSTMCell: expects an input of shape [batch, 10] or, unbatched, [10], got [3, 7]: its last dimension must be inputSize = 10",
                () -> new LSTMCell(10, 20).forward(Tensor.zeros(3, 7)));
        bad("GRUCell: expects an input of shape [batch, 4] or, unbatched, [4], got [2, 3, 4]",
                () -> new GRUCell(4, 2).forward(Tensor.zeros(2, 3, 4)));
    }

    @Test
    void initialStatesOfTheWrongShapeNameTheExpectedShape() {
        LSTM lstm = new LSTM(10, 20, 2, new Generator(0));
        Tensor x = Tensor.zeros(5, 3, 10);
        bad("LSTM: h0 must have shape [2, 3, 20] (numLayers, batch, hiddenSize) for the input of shape [5, 3, 10], got [2, 4, 20]",
                () -> lstm.forward(x, Tensor.zeros(2, 4, 20), Tensor.zeros(2, 3, 20)));
        bad("LSTM: c0 must have shape [2, 3, 20] (numLayers, batch, hiddenSize) for the input of shape [5, 3, 10], got [1, 3, 20]",
                () -> lstm.forward(x, Tensor.zeros(2, 3, 20), Tensor.zeros(1, 3, 20)));
        bad("LSTM: h0 must have shape [2, 20] (numLayers, hiddenSize) for the unbatched input of shape [5, 10], got [2, 1, 20]",
                () -> lstm.forward(Tensor.zeros(5, 10), Tensor.zeros(2, 1, 20), Tensor.zeros(2, 20)));
        bad("LSTM: pass both h0 and c0, or neither (zeros); got only h0", () -> lstm.forward(x, Tensor.zeros(2, 3, 20), null));
        bad("RNNCell: h must have shape [3, 4] (batch, hiddenSize) for an input of shape [3, 5], got [3, 5]",
                () -> new RNNCell(5, 4).forward(Tensor.zeros(3, 5), Tensor.zeros(3, 5)));
        bad("LSTMCell: pass both h and c, or neither (zeros); got only c",
                () -> new LSTMCell(5, 4).forward(Tensor.zeros(3, 5), null, Tensor.zeros(3, 4)));
    }

    @Test
    void badConstructorArgumentsAreRefused() {
        bad("LSTM: numLayers must be at least 1, got 0", () -> new LSTM(3, 4, 0, new Generator(0)));
        bad("GRU: dropout must be a probability in [0, 1], got 1.5", () -> new GRU(3, 4, 2, true, false, 1.5f, new Generator(0)));
        bad("RNN: unknown nonlinearity 'sigmoid'; use \"tanh\" or \"relu\"",
                () -> new RNN(3, 4, 1, "sigmoid", true, false, 0f, new Generator(0)));
        bad("LSTMCell: inputSize and hiddenSize must be at least 1, got 3 and 0", () -> new LSTMCell(3, 0));
    }

    @Test
    void outputsHavePyTorchsShapesInEveryLayout() {
        LSTM lstm = new LSTM(3, 4, 2, true, true, 0f, new Generator(0));
        RecurrentOutput out = lstm.forward(Tensor.zeros(5, 7, 3), null, null);
        assertArrayEquals(new int[] {5, 7, 4}, out.output().shape());
        assertArrayEquals(new int[] {2, 5, 4}, out.hN().shape());
        assertArrayEquals(new int[] {2, 5, 4}, out.cN().shape());
        RecurrentOutput unbatched = lstm.forward(Tensor.zeros(7, 3), null, null);
        assertArrayEquals(new int[] {7, 4}, unbatched.output().shape());
        assertArrayEquals(new int[] {2, 4}, unbatched.hN().shape());
        assertTrue(new GRUCell(3, 4).forward(Tensor.zeros(3)).dim() == 1);
    }
}
