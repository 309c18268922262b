/**
 * A training program's command line, as the examples and the coursework jar use it:
 * {@link dev.steepest.train.command.Launcher} runs a {@link dev.steepest.train.command.Command} by name and turns what
 * happened into an exit status; {@link dev.steepest.train.command.Args} (options, checked with messages that say
 * what is allowed), {@link dev.steepest.train.command.Option} (a numeric option declared once: name, default, range, what it does), {@link dev.steepest.train.command.Output} (the output folder, atomic writes),
 * {@link dev.steepest.train.command.Run} (what a command runs with), {@link dev.steepest.train.command.BadInput}
 * (exit 2), {@link dev.steepest.train.command.Diverged} (a loss that became NaN: exit 1) and
 * {@link dev.steepest.train.command.OptimizerChoice} ({@code -Doptimizer=NAME} over the program's own defaults).
 */
package dev.steepest.train.command;
