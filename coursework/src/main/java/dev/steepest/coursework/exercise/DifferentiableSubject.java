package dev.steepest.coursework.exercise;

import dev.steepest.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * An op or a module as the checks run it: in this JVM ({@link Local}, a student's own check) or in a grading child
 * (the grader's remote one). Every call works on copies: what it is given is never modified, what it returns is new.
 */
public interface DifferentiableSubject {

    /** What one run gave: the outputs, the name of the first output's grad_fn, and the gradients when asked for. */
    record Run(List<Tensor> outputs, String gradFn, List<Tensor> inputGrads, Map<String, Tensor> paramGrads) {
    }

    /** Makes the module anew (nothing for an op) and returns its initial parameters by name. */
    Map<String, Tensor> create();

    /**
     * Runs forward with {@code params} loaded (a module's, by name; empty for an op), and backward with
     * {@code gradOutputs} when they are not null.
     */
    Run run(Map<String, Tensor> params, List<Tensor> inputs, List<Tensor> gradOutputs);
}
