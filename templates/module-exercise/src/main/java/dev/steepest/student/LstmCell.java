package dev.steepest.student;

import com.google.auto.service.AutoService;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.coursework.exercise.ModuleExercise;
import dev.steepest.nn.Module;
import dev.steepest.nn.init.Init;
import java.util.List;
import java.util.Map;

/**
 * An LSTM cell of my own, with PyTorch's parameter names and shapes (the gates stacked in the order i, f, g, o):
 * the grader loads PyTorch's weights into it by these names. The cell's equations are still to do.
 */
@AutoService(ModuleExercise.class)
public final class LstmCell implements ModuleExercise<LstmCell.Cell> {

    @Override
    public String module() {
        return "lstm-cell";
    }

    @Override
    public Cell create(Map<String, Integer> sizes) {
        return new Cell(sizes.get("input_size"), sizes.get("hidden_size"), new Generator(1));
    }

    @Override
    public Tensor[] forward(Cell cell, Tensor... inputs) {
        return cell.step(inputs[0], inputs[1], inputs[2]);
    }

    /** The cell: four stacked weight matrices and biases, each drawn from U(−1/√hidden, 1/√hidden) as PyTorch does. */
    public static final class Cell extends Module {
        final Tensor weightIh, weightHh, biasIh, biasHh;

        Cell(int input, int hidden, Generator g) {
            double k = 1 / Math.sqrt(hidden);
            weightIh = registerParameter("weight_ih", Init.uniform_(Tensor.zeros(4 * hidden, input), -k, k, g));
            weightHh = registerParameter("weight_hh", Init.uniform_(Tensor.zeros(4 * hidden, hidden), -k, k, g));
            biasIh = registerParameter("bias_ih", Init.uniform_(Tensor.zeros(4 * hidden), -k, k, g));
            biasHh = registerParameter("bias_hh", Init.uniform_(Tensor.zeros(4 * hidden), -k, k, g));
        }

        /** One step: returns {h', c'}. */
        Tensor[] step(Tensor x, Tensor h, Tensor c) {
            List<Tensor> gates = x.linear(weightIh, biasIh).add(h.linear(weightHh, biasHh)).chunk(4, 1);
            // TODO i = σ(gates 0), f = σ(gates 1), g = tanh(gates 2), o = σ(gates 3); c' = f·c + i·g; h' = o·tanh(c')
            return new Tensor[] {h, c};
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("an LSTM cell takes x, h and c: call step(x, h, c)");
        }
    }
}
