/**
 * Neural-network building blocks with PyTorch's names, defaults and numbers. In reading order:
 * <ul>
 *   <li>{@link dev.steepest.nn.Module}: parameters, buffers, children, modes, state dicts, save/load, and the
 *       helpers of a training loop: {@code copyFrom}, {@code softUpdate_} (a DQN target network),
 *       {@code freeze}/{@code requiresGrad_}, {@code apply} (custom initialisation);
 *       {@code Registration} refuses a module or parameter held in a field but never registered;</li>
 *   <li>{@link dev.steepest.nn.Tensors}: several tensors in or out of {@code forward(Tensors)}, as PyTorch's tuples;</li>
 *   <li>{@link dev.steepest.nn.Sequential}: a chain of modules (an error inside names the layer);
 *       {@link dev.steepest.nn.ModuleList} and {@link dev.steepest.nn.ModuleDict}: modules held by index
 *       or by key (on {@code Holder}), named as PyTorch names them;</li>
 *   <li>layers: {@link dev.steepest.nn.Linear}, {@link dev.steepest.nn.Conv1d}, {@link dev.steepest.nn.Conv2d},
 *       {@link dev.steepest.nn.ConvTranspose2d}, {@link dev.steepest.nn.MaxPool2d},
 *       {@link dev.steepest.nn.AvgPool2d} (both on {@code Pool2d}), {@link dev.steepest.nn.Upsample},
 *       {@link dev.steepest.nn.Flatten}, {@link dev.steepest.nn.Embedding}, {@link dev.steepest.nn.Identity};</li>
 *   <li>activations: {@link dev.steepest.nn.ReLU}, {@link dev.steepest.nn.LeakyReLU}, {@link dev.steepest.nn.Sigmoid},
 *       {@link dev.steepest.nn.Tanh}, {@link dev.steepest.nn.GELU}, {@link dev.steepest.nn.Softmax},
 *       {@link dev.steepest.nn.LogSoftmax};</li>
 *   <li>regularisation and normalisation: {@link dev.steepest.nn.Dropout}, {@link dev.steepest.nn.BatchNorm} with
 *       {@link dev.steepest.nn.BatchNorm1d} ([N, C] and [N, C, L]) and {@link dev.steepest.nn.BatchNorm2d},
 *       {@link dev.steepest.nn.LayerNorm};</li>
 *   <li>{@code Repr}: Python's spelling of values (and tuples) in printouts.</li>
 * </ul>
 * Recurrent layers are in {@link dev.steepest.nn.recurrent}, attention and the transformer block in
 * {@link dev.steepest.nn.attention}. Losses are in {@link dev.steepest.nn.loss}, initialisation in {@link dev.steepest.nn.init}, data
 * loading in {@link dev.steepest.nn.data}; checkpoints use {@link dev.steepest.core.io.SafeTensors}.
 */
package dev.steepest.nn;
