package dev.steepest.student;

import dev.steepest.coursework.exercise.ExerciseCheck;
import org.junit.jupiter.api.Test;

/** The assignment's own checks, as the grader runs them: my rule is recorded, matches PyTorch, passes GradCheck. */
class SoftplusTest {

    @Test
    void passesTheAssignmentsChecks() {
        ExerciseCheck.op(new Softplus()).assertPassed();
    }
}
