/**
 * The tensor (float32, with int64 indices and bool masks beside it) with reverse-mode automatic differentiation.
 *
 * <p>Classes in reading order:
 * <ol>
 *   <li>{@link dev.steepest.core.Tensor} — the façade: creation, ops, autograd entry points, printing.</li>
 *   <li>{@link dev.steepest.core.DType} — float32, int64, bool, and which op gives and takes which;
 *       {@code DTypes} — the conversions and the refusals of a tensor of the wrong type, by op.</li>
 *   <li>{@code Strides} — where each element of a tensor or a view lies in its storage (strides and offset,
 *       as PyTorch's), reading a view into a dense array and writing one back.</li>
 *   <li>{@link dev.steepest.core.Autograd} — {@code noGrad()} / {@code enableGrad()} scopes (torch.no_grad), and
 *       {@code grad(outputs, inputs, …, createGraph)}: gradients as values, and gradients of gradients.</li>
 *   <li>{@link dev.steepest.core.Backward} — the backward rule of one op; {@code Tensor.record} attaches it.</li>
 *   <li>{@code MultiBackward} — the rule of an op with several outputs ({@code unbind}), run once for all of them.</li>
 *   <li>{@code Node} and {@code Engine} — the recorded graph and the backward sweep over it; a node holds a fast
 *       rule and, for a backward with {@code createGraph}, the same rule in recorded Tensor ops.</li>
 *   <li>{@code RecycledArrays} — the large arrays the graph has finished with (gradients backward has used up,
 *       what passed between nn's own layers once the nodes that saved it are released), kept by length for
 *       the next op's result, so that a training step need not allocate its activations anew.</li>
 *   <li>The ops, forward beside backward: {@code Pointwise}, {@code Broadcasting}, {@code Reductions},
 *       {@code ShapeOps}, {@code Splits} (chunk, split), {@code Indexing} (gather, scatter, scatterAdd),
 *       {@code Comparisons} (eq … ge bool masks, where, maskedFill), {@code Statistics} (var, std), {@code LinearAlgebra}
 *       (matmul, bmm, linear), {@code Activations} (leaky relu,
 *       GELU), {@code Convolutions} (conv1d, conv2d, convTranspose2d), {@code NeuralOps} (softmax, pooling,
 *       nearest upsampling, dropout), {@code Normalization} (layerNorm), {@code Embeddings}, {@code Triangles} (tril, triu), {@code InPlace}; {@code Shapes} holds their shape arithmetic and messages.</li>
 *   <li>{@link dev.steepest.core.ValuesAndIndices} — what {@code maxWithIndices} / {@code minWithIndices} return.</li>
 *   <li>{@code TensorFormat} — PyTorch-style {@code toString()}.</li>
 *   <li>{@link dev.steepest.core.Generator} — MT19937, drawing numbers exactly as PyTorch's CPU generator does;
 *       {@code BoxMuller} — the float Box–Muller of PyTorch's AVX2 {@code normal_} kernel, with its own log, sin and cos;
 *       {@code Sampling} — randperm and multinomial with PyTorch's algorithms, draw for draw.</li>
 *   <li>{@link dev.steepest.core.GradCheck} — analytic against numeric gradients, for any op, and
 *       {@code checkSecondOrder}: the same check on the gradient (torch.autograd.gradgradcheck).</li>
 *   <li>{@link dev.steepest.core.Curvature} — Hessian-vector products, small Hessians and Hutchinson's diagonal,
 *       from double backward (torch.autograd.functional).</li>
 * </ol>
 * The heavy arithmetic lives in {@link dev.steepest.core.kernels}, files on disk in {@code dev.steepest.core.io}.
 */
package dev.steepest.core;
