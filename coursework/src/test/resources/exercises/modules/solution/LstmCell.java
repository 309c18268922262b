package solution;

import com.google.auto.service.AutoService;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.coursework.exercise.ModuleExercise;
import dev.steepest.nn.Module;
import dev.steepest.nn.init.Init;
import java.util.List;
import java.util.Map;

@AutoService(ModuleExercise.class)
public final class LstmCell implements ModuleExercise<LstmCell.Cell> {
    public String module() { return "lstm-cell"; }

    public Cell create(Map<String, Integer> sizes) {
        return new Cell(sizes.get("input_size"), sizes.get("hidden_size"), new Generator(7));
    }

    public Tensor[] forward(Cell cell, Tensor... inputs) {
        return cell.step(inputs[0], inputs[1], inputs[2]);
    }

    public static final class Cell extends Module {
        final Tensor weightIh, weightHh, biasIh, biasHh;

        Cell(int input, int hidden, Generator g) {
            double k = 1 / Math.sqrt(hidden);
            weightIh = registerParameter("weight_ih", Init.uniform_(Tensor.zeros(4 * hidden, input), -k, k, g));
            weightHh = registerParameter("weight_hh", Init.uniform_(Tensor.zeros(4 * hidden, hidden), -k, k, g));
            biasIh = registerParameter("bias_ih", Init.uniform_(Tensor.zeros(4 * hidden), -k, k, g));
            biasHh = registerParameter("bias_hh", Init.uniform_(Tensor.zeros(4 * hidden), -k, k, g));
        }

        Tensor[] step(Tensor x, Tensor h, Tensor c) {
            List<Tensor> gates = x.linear(weightIh, biasIh).add(h.linear(weightHh, biasHh)).chunk(4, 1);
            Tensor i = gates.get(0).sigmoid();
            Tensor f = gates.get(1).sigmoid();
            Tensor gg = gates.get(2).tanh();
            Tensor o = gates.get(3).sigmoid();
            Tensor c2 = f.mul(c).add(i.mul(gg));
            Tensor h2 = o.mul(c2.tanh());
            return new Tensor[] {h2, c2};
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("use step(x, h, c)");
        }
    }
}
