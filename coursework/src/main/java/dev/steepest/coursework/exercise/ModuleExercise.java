package dev.steepest.coursework.exercise;

import dev.steepest.core.Tensor;
import dev.steepest.nn.Module;
import java.util.Map;

/**
 * A module assignment: a student writes a layer of {@link Catalog#MODULES} (an LSTM cell, a causal attention head)
 * as an {@link Module} whose parameters carry PyTorch's names and shapes ({@code weight_ih}, {@code key.weight}, …).
 * The grader loads PyTorch 1.13's parameters into it and compares the outputs and every gradient, initialises it as
 * PyTorch does, and runs a gradient check over inputs and parameters ({@link ExerciseCheck#module}). Registered with
 * {@code @AutoService(ModuleExercise.class)}; {@code templates/module-exercise} is a project to start from.
 *
 * @param <M> the student's module class
 */
public interface ModuleExercise<M extends Module> {

    /** @return which module of {@link Catalog#MODULES} this is, e.g. {@code "lstm-cell"} */
    String module();

    /**
     * Makes a new module, its parameters initialised as PyTorch initialises them.
     *
     * @param sizes the catalog's sizes under PyTorch's argument names, e.g. {@code {input_size=3, hidden_size=4}}
     */
    M create(Map<String, Integer> sizes);

    /**
     * Runs the module on the inputs the catalog names (for {@code lstm-cell}: x, h, c) and returns its outputs
     * (h′, c′). The inputs are not modified.
     */
    Tensor[] forward(M module, Tensor... inputs);
}
