/**
 * Recurrent cells and layers with PyTorch's names, parameters, gate order, initialisation and
 * numbers. In reading order:
 * <ul>
 *   <li>the cells, one time step each, their gate equations one line each: {@link dev.steepest.nn.recurrent.RNNCell},
 *       {@link dev.steepest.nn.recurrent.LSTMCell}, {@link dev.steepest.nn.recurrent.GRUCell}, on
 *       {@link dev.steepest.nn.recurrent.RNNCellBase} (parameters, initialisation, shape checks);</li>
 *   <li>the multi-layer layers, each with its loop over layers and time in {@code forward}:
 *       {@link dev.steepest.nn.recurrent.RNN}, {@link dev.steepest.nn.recurrent.LSTM},
 *       {@link dev.steepest.nn.recurrent.GRU}, on {@link dev.steepest.nn.recurrent.RNNBase} (parameters per
 *       layer, layouts, dropout between layers);</li>
 *   <li>{@link dev.steepest.nn.recurrent.RecurrentOutput}: output, h_n and c_n (also as {@code Tensors}, what
 *       {@code forward(Tensors)} gives);</li>
 *   <li>{@link dev.steepest.nn.recurrent.RecurrentBuilder}: PyTorch's keyword arguments ({@code numLayers},
 *       {@code bias}, {@code batchFirst}, {@code dropout}, {@code nonlinearity}) without the long constructor.</li>
 * </ul>
 */
package dev.steepest.nn.recurrent;
