/**
 * The teacher's and the plugin author's commands, in the coursework jar:
 * {@link dev.steepest.coursework.Main} (the launcher), {@link dev.steepest.coursework.Conformance} (the plugin kit on
 * one optimizer) and {@link dev.steepest.coursework.Grade} (a scoreboard over student jars), with {@code GradeRun}
 * (one child JVM per submission, its limits and what went wrong), {@code GradeChild} (what runs in that JVM),
 * {@code GradeProtocol} (the lines between them), {@code GradeRow} (one row and its grade) and {@code Scoreboard}
 * (HTML, Markdown, JUnit XML). What a submission is graded on is in {@link dev.steepest.coursework.tasks}.
 */
package dev.steepest.coursework;
