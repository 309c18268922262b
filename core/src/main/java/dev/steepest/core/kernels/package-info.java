/**
 * The numeric kernels behind tensor ops: matrix multiply, 2-D convolution and pooling, kept apart
 * from autograd so that making them fast touches no gradient code. In reading order:
 *
 * <ol>
 *   <li>{@link dev.steepest.core.kernels.ConvGeometry} and {@link dev.steepest.core.kernels.PoolGeometry}:
 *       the sizes of one convolution or pooling, with a stride and padding per axis (PyTorch's tuples);
 *       conv1d is a convolution of height 1 and a transposed convolution runs the convolution's
 *       kernels backwards, so both reuse these;</li>
 *   <li>{@link dev.steepest.core.kernels.ReferenceKernels}: every kernel as short loops that read like
 *       the formula, the truth the fast versions are tested against;</li>
 *   <li>{@link dev.steepest.core.kernels.Kernels}: the facade tensor ops call; it picks the fast
 *       implementation once at start-up and logs which;</li>
 *   <li>{@code Gemm}: the matrix-multiply contract the fast versions share;</li>
 *   <li>{@code SmallGemm}: simple loops for tiny products, where packing does not pay;</li>
 *   <li>{@code Packing} and {@code Scratch}: operand blocks copied into contiguous panels, in
 *       reusable per-thread buffers;</li>
 *   <li>{@code JavaGemm}: the cache-blocked gemm in plain Java;</li>
 *   <li>{@code VectorGemm}: the cache-blocked gemm with a register-blocked Vector API micro-kernel,
 *       loaded only when {@code jdk.incubator.vector} is present, which also picks the path for each
 *       shape; {@code VectorPacking}, its packing of the operands whose panels interleave rows (a
 *       transposed b, an untransposed a) by vector gathers; {@code VectorSimpleGemm}, its unpacked loops
 *       for small or skinny products; {@code VectorWideGemm}, its shallow products that read b in place;</li>
 *   <li>{@code Parallel}: the one pool of worker threads, sized from the cores
 *       ({@code -Dsteepest.kernels.threads=N}), and the loop that cuts a kernel's rows, samples,
 *       channels or planes into slices for it; {@code GemmThreads}: a product's slices of rows or columns;</li>
 *   <li>{@code Im2col} and {@code ConvKernels}: convolution forward and backward as gemms;</li>
 *   <li>{@code WideLayout}, {@code DirectConv} and {@code DirectConvBackward}: stride-1 convolutions
 *       that read the padded image in place instead of a column matrix, on the Vector API;</li>
 *   <li>{@code PoolKernels}: max and average pooling loops;</li>
 *   <li>{@code VectorPool}: 2x2 max pooling on the Vector API, in three branch-free passes;</li>
 *   <li>{@code VectorMath}: tanh and sigmoid a vector at a time (vectorised math routines of the JIT).</li>
 * </ol>
 *
 * All arrays are row-major float32; outputs are overwritten unless a method says it accumulates.
 * Only {@code Kernels}, {@code ReferenceKernels} and the geometries are public.
 */
package dev.steepest.core.kernels;
