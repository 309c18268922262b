/**
 * Initial values for parameters, exactly as {@code torch.nn.init} draws them. In reading order:
 * {@link dev.steepest.nn.init.Init} (the fill functions and the shared default generator),
 * {@link dev.steepest.nn.init.Fans} (fan in and fan out of a weight), {@link dev.steepest.nn.init.Gain}
 * (the scale for a nonlinearity), {@link dev.steepest.nn.init.FanMode}.
 */
package dev.steepest.nn.init;
