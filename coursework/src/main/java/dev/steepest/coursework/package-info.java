/**
 * The teacher's and the plugin author's commands, in the coursework jar:
 * {@link dev.steepest.coursework.Main} (the launcher), {@link dev.steepest.coursework.Conformance} (the plugin kit on
 * one optimizer) and {@link dev.steepest.coursework.Grade} (a scoreboard over student jars; {@code grade merge} joins
 * shards). Grading, in reading order: {@code SubmittedJar} (a jar read with bounds before any of it runs),
 * {@code Sandbox} (how a child starts and which protections it gets), {@code Child} (the grader's side of one
 * child JVM: its channel, its time limit, its process tree), {@code Wire} (the bounded framing of the channel),
 * {@code Harness} (what runs in the child: only the student's optimizer), {@code RemoteProvider} and
 * {@code RemoteOptimizer} (the student's optimizer as the grader sees it), {@code RemoteCurvature} (Hessian-vector
 * products a child's optimizer asks of the grader's graph), {@code GradeTasks} (what the grader
 * measures), {@code GradeRun} (one submission), {@code StudentOutput} (what it printed, bounded, never parsed),
 * {@code GradeRow} (one row and its grade), {@code Markup} and {@code Scoreboard} (HTML, Markdown, JUnit XML),
 * {@code GradeResults} (a shard's results file). What a submission is graded on is in
 * {@link dev.steepest.coursework.tasks}.
 */
package dev.steepest.coursework;
