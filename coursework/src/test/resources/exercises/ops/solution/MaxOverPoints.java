package solution;

import com.google.auto.service.AutoService;
import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.coursework.exercise.OpExercise;

@AutoService(OpExercise.class)
public final class MaxOverPoints implements OpExercise {
    public String op() { return "max-over-points"; }

    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        Tensor y;
        Tensor at;
        try (var off = Autograd.noGrad()) {
            y = x.max(1, false);
            at = x.argmax(1, true);
        }
        // the gradient goes to the point that was the maximum, 0 elsewhere
        return Tensor.record("MaxOverPointsBackward", y, new Tensor[] {x}, new Tensor[] {at},
                g -> new Tensor[] {Tensor.zerosLike(x).scatter(1, at, g.unsqueeze(1))});
    }
}
