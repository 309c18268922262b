package dev.steepest.coursework.exercise;

/**
 * Thrown by a grader's subject when the submission's child is gone (ended, timed out, broke the channel): the
 * checks let it through instead of failing one check, so the grader can say what happened to the whole submission.
 */
public class GradingStopped extends RuntimeException {
    /** @param message what happened, for the scoreboard */
    public GradingStopped(String message) {
        super(message, null, false, false);
    }
}
