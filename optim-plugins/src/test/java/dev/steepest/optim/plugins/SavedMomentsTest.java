package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Tensor;
import dev.steepest.optim.conformance.DamagedState;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.StateDict;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A saved moment whose meaning forbids a sign (Adam's running average of g², Adagrad's sum of g²,
 * L-BFGS's curvatures and counts) is refused when a checkpoint is loaded, as a negative learning
 * rate is, and the refused state changes nothing. Before, a negative exp_avg_sq loaded and the run
 * then diverged with "try a smaller learning rate".
 */
class SavedMomentsTest {

    /** Two steps of {@code name} on f(p) = sum(p²), so every buffer exists and holds a positive value. */
    private static Optimizer stepped(String name, Options options) {
        Tensor p = Tensor.vector(1f, -2f).requiresGrad(true);
        Optimizer o = Optimizers.create(name, List.of(p), options);
        for (int i = 0; i < 2; i++) {
            o.zeroGrad();
            if (o.requiresClosure()) {
                o.step(() -> {
                    o.zeroGrad();
                    Tensor loss = p.pow(2).sum();
                    loss.backward();
                    return loss;
                });
            } else {
                p.pow(2).sum().backward();
                o.step();
            }
        }
        return o;
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', value = {
        "adam    | lr=0.1               | exp_avg_sq     | adam.loadStateDict: state.0.exp_avg_sq holds -0.5 at element 1; expected values >= 0 (exp_avg_sq is a running average of squared gradients, never negative: the file is damaged or was edited)",
        "adam    | amsgrad=true         | max_exp_avg_sq | adam.loadStateDict: state.0.max_exp_avg_sq holds -0.5 at element 1; expected values >= 0 (max_exp_avg_sq is the largest exp_avg_sq so far (amsgrad), never negative: the file is damaged or was edited)",
        "adamw   | amsgrad=true         | exp_avg_sq     | adamw.loadStateDict: state.0.exp_avg_sq holds -0.5 at element 1; expected values >= 0 (exp_avg_sq is a running average of squared gradients, never negative: the file is damaged or was edited)",
        "adagrad | lr=0.1               | sum            | adagrad.loadStateDict: state.0.sum holds -0.5 at element 1; expected values >= 0 (sum is the sum of squared gradients, never negative: the file is damaged or was edited)",
        "rmsprop | centered=true        | square_avg     | rmsprop.loadStateDict: state.0.square_avg holds -0.5 at element 1; expected values >= 0 (square_avg is a running average of squared gradients, never negative: the file is damaged or was edited)",
        "lbfgs   | lr=0.1               | ro             | lbfgs.loadStateDict: state.0.ro holds -0.5 at element 1; expected values >= 0 (ro is 1 / (y·s) of each kept pair, kept only when y·s > 1e-10, never negative: the file is damaged or was edited)",
    })
    void aNegativeSavedMomentIsRefusedAndChangesNothing(String name, String option, String buffer, String message) {
        String[] kv = option.split("=");
        Optimizer saved = stepped(name, Options.of(kv[0], kv[1]));
        Map<String, Tensor> tensors = new TreeMap<>(saved.stateDict().tensors());
        Map<String, String> metadata = saved.stateDict().metadata();
        Tensor edited = DamagedState.edited(tensors.get("state.0." + buffer), 1, -0.5f);
        tensors.put("state.0." + buffer, edited);

        Optimizer fresh = stepped(name, Options.of(kv[0], kv[1], "lr", 0.05));
        assertEquals(message, DamagedState.refused(fresh, () -> StateDict.fromFlat(tensors, metadata)).getMessage());

        edited.rawData()[1] = -0.0f;                            // minus zero is zero: a state that can be loaded
        fresh.loadStateDict(StateDict.fromFlat(tensors, metadata));
    }

    @ParameterizedTest(name = "lbfgs {0}")
    @CsvSource(delimiter = '|', value = {
        "H_diag     | double:-0.25 | lbfgs.loadStateDict: state.0.H_diag is the number -0.25; expected a value >= 0 (H_diag is the scale (y·s) / (y·y) of the first Hessian guess, never negative: the file is damaged or was edited)",
        "n_iter     | long:-1      | lbfgs.loadStateDict: state.0.n_iter is the whole number -1; expected a value >= 0 (n_iter is a count of iterations, never negative: the file is damaged or was edited)",
        "func_evals | long:-4      | lbfgs.loadStateDict: state.0.func_evals is the whole number -4; expected a value >= 0 (func_evals is a count of function evaluations, never negative: the file is damaged or was edited)",
    })
    void lbfgsRefusesANegativeScaleOrCount(String key, String value, String message) {
        Optimizer saved = stepped("lbfgs", Options.of("lr", 0.1));
        Map<String, String> metadata = new TreeMap<>(saved.stateDict().metadata());
        metadata.put("state.0." + key, value);
        Optimizer fresh = stepped("lbfgs", Options.of("lr", 0.1));
        assertEquals(message, DamagedState.refused(fresh, () -> StateDict.fromFlat(saved.stateDict().tensors(), metadata)).getMessage());
    }
}
