/**
 * Exercises beyond optimizers, each a kind of assignment ({@code grade --assignment op|module|environment}) and a
 * check a student runs on their own machine. In reading order: what a student implements ({@link
 * dev.steepest.coursework.exercise.OpExercise}, {@link dev.steepest.coursework.exercise.ModuleExercise}, {@link
 * dev.steepest.coursework.exercise.EnvironmentExercise}), what each assignment can ask for ({@link
 * dev.steepest.coursework.exercise.Catalog}) and the reference values ({@link dev.steepest.coursework.exercise.References}),
 * the checks ({@link dev.steepest.coursework.exercise.ExerciseCheck}) and their report ({@link
 * dev.steepest.coursework.exercise.ExerciseReport}), and how the checks reach the student's code: {@link
 * dev.steepest.coursework.exercise.DifferentiableSubject} and {@link dev.steepest.coursework.exercise.EnvironmentSubject},
 * in this JVM ({@link dev.steepest.coursework.exercise.Local}) or, for the grader, in the submission's child
 * (until it is gone: {@link dev.steepest.coursework.exercise.GradingStopped}).
 */
package dev.steepest.coursework.exercise;
