package dev.steepest.student;

import dev.steepest.coursework.exercise.ExerciseCheck;
import org.junit.jupiter.api.Test;

/** The assignment's own checks, as the grader runs them: Gymnasium's start states, trajectories and refusals. */
class MountainCarTest {

    @Test
    void passesTheAssignmentsChecks() {
        ExerciseCheck.environment(MountainCar::new).assertPassed();
    }
}
