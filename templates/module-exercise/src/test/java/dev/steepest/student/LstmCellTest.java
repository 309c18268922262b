package dev.steepest.student;

import dev.steepest.coursework.exercise.ExerciseCheck;
import org.junit.jupiter.api.Test;

/** The assignment's own checks, as the grader runs them: PyTorch's names, initialisation, values and gradients. */
class LstmCellTest {

    @Test
    void passesTheAssignmentsChecks() {
        ExerciseCheck.module(new LstmCell()).assertPassed();
    }
}
