package dev.steepest.optim.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a student meets when a built-in optimizer is used wrongly. */
class PluginMessagesTest {

    private static final List<Tensor> PARAMS = List.of(Tensor.zeros(2).requiresGrad(true));

    @Test
    void sgdRejectsMomentumOutOfRangeAndNesterovWithoutMomentum() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("sgd", PARAMS, Options.of("momentum", "1.5")));
        assertEquals("sgd: momentum must be in [0, 1), got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("sgd", PARAMS, Options.of("nesterov", true)));
        assertEquals("sgd: nesterov needs momentum > 0 and dampening = 0, got momentum 0.0 and dampening 0.0", e.getMessage());
    }

    @Test
    void anUnknownOptimizerSuggestsTheClosestBuiltIn() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("simplgd", PARAMS, Options.empty()));
        assertEquals("unknown optimizer 'simplgd'. Available: adagrad, adahessian, adam, adamw, lbfgs, momentum, nesterov, newton, newton-cg, rmsprop, sgd, simplegd, sophia."
                + " Did you mean 'simplegd'? Check the spelling, or put the jar that provides 'simplgd' on the classpath.", e.getMessage());
    }

    @Test
    void lbfgsSteppedWithoutAClosureSaysWhy() {
        Optimizer lbfgs = Optimizers.create("lbfgs", PARAMS, Options.empty());
        var e = assertThrows(IllegalStateException.class, lbfgs::step);
        assertTrue(e.getMessage().startsWith("lbfgs: step() needs a closure that re-evaluates the loss"), e.getMessage());
        var g = assertThrows(IllegalArgumentException.class,
                () -> lbfgs.addParamGroup(new ParamGroup(List.of(Tensor.zeros(1).requiresGrad(true)))));
        assertEquals("lbfgs: does not support parameter groups (PyTorch's LBFGS neither); create it over all the tensors at once",
                g.getMessage());
    }

    @Test
    void lbfgsLineSearchIsNoneOrStrongWolfe() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("lbfgs", PARAMS, Options.of("line_search_fn", "backtracking")));
        assertEquals("lbfgs: line_search_fn must be one of [none, strong_wolfe], got 'backtracking'", e.getMessage());
        assertEquals("LBFGS (\nParameter Group 0\n    history_size: 100\n    line_search_fn: strong_wolfe\n    lr: 1.0\n"
                        + "    max_eval: None\n    max_iter: 20\n    tolerance_change: 1e-09\n    tolerance_grad: 1e-07\n)",
                Optimizers.create("lbfgs", PARAMS, Options.of("line_search_fn", "strong_wolfe")).toString());
    }

    @Test
    void toStringPrintsEveryHyperparameterAsPyTorchDoes() {
        // print(torch.optim.Adam(params, lr=0.01)) in PyTorch 1.13: the class name, sorted keys, Python's spelling
        // (it also prints betas as one tuple and capturable/differentiable/foreach/fused, which steepest has not)
        String text = Optimizers.create("adam", PARAMS, Options.of("lr", 0.01)).toString();
        assertEquals("Adam (\nParameter Group 0\n    amsgrad: False\n    beta1: 0.9\n    beta2: 0.999\n    eps: 1e-08\n"
                + "    lr: 0.01\n    maximize: False\n    weight_decay: 0.0\n)", text);
    }

    @Test
    void aStateDictFromAnotherOptimizerIsRejected() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        Optimizer adam = Optimizers.create("adam", List.of(p), Options.empty());
        p.setGrad(Tensor.vector(1, 1));
        adam.step();
        var e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("sgd", List.of(p), Options.empty()).loadStateDict(adam.stateDict()));
        assertEquals("sgd.loadStateDict: this state was saved by optimizer 'adam' (dev.steepest.optim.plugins.Adam), but this "
                + "optimizer is 'sgd' (dev.steepest.optim.plugins.SGD); load it into a 'adam' optimizer, or start 'sgd' from scratch",
                e.getMessage());
    }
}
