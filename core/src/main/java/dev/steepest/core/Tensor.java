package dev.steepest.core;

import java.util.Arrays;
import java.util.List;

/**
 * A row-major, n-dimensional array of float32 (the default), int64 or bool values (its
 * {@link #dtype()}) that can record the operations made with it and compute gradients backwards
 * through them (reverse-mode automatic differentiation). Only float32 tensors take part in
 * autograd; int64 tensors hold indices and class targets, bool tensors masks, with PyTorch's rules
 * for which op gives and takes which (see {@link DType}). {@link #to(DType)}, {@link #toLong()},
 * {@link #toFloat()} and {@link #toBool()} convert, as PyTorch's {@code .to(dtype)}, {@code .long()},
 * {@code .float()} and {@code .bool()}.
 *
 * <p>This class is a façade: every operation is written, forward beside backward, in one of the op
 * classes of this package ({@code Pointwise}, {@code Broadcasting}, {@code Reductions},
 * {@code ShapeOps}, {@code Splits}, {@code Indexing}, {@code Comparisons}, {@code Statistics},
 * {@code LinearAlgebra}, {@code Activations}, {@code Convolutions}, {@code NeuralOps}, {@code Normalization},
 * {@code Embeddings}, {@code Sampling}, {@code Triangles}, {@code InPlace}), and the arithmetic of the heavy ones in
 * {@link dev.steepest.core.kernels.Kernels}.
 *
 * <p>Names follow PyTorch in camelCase. Methods ending in {@code _} modify this tensor in place and
 * return it; every other method leaves its arguments unchanged and returns a new tensor.
 * As in PyTorch, {@link #view}, {@link #reshape} (when the strides allow), {@link #squeeze},
 * {@link #unsqueeze}, {@link #transpose}, {@link #t}, {@link #permute}, {@link #select},
 * {@link #narrow}, {@link #chunk}, {@link #split}, {@link #unbind} and {@link #detach} return views:
 * tensors sharing this one's storage and version counter under their own shape, {@link #stride()}
 * and {@link #storageOffset()}. Writing into a view (under {@link Autograd#noGrad()}) changes this
 * tensor, and an in-place change of either is seen by the other and caught by a backward that saved
 * one of them. Ops read a view through its strides; {@link #rawData()} needs a dense tensor
 * ({@link #contiguous()}).
 *
 * <p>Threads: recording ({@link Autograd#noGrad()}) is switched per thread, and two threads may
 * compute and run backward on separate graphs at once (even sharing parameters: grads are added
 * under the leaf's lock); drawing from a {@link Generator}, the default one included, is safe from
 * any thread. A tensor itself is not synchronised: writing into it (in-place ops, an optimizer's
 * step) while another thread reads it, or two backward passes through the same graph at once, must
 * be ordered by the caller, as in PyTorch.
 */
public final class Tensor {

    /** Counts the in-place modifications of a storage, shared by all views of it. */
    static final class Version {
        int value;
    }

    /**
     * The float32 storage (null for an int64 or bool tensor): shared by every view of it, so that
     * writing through one is seen by all.
     */
    final float[] data;
    /**
     * The storage of an int64 or a bool tensor (null for float32), shared by its views as {@link #data}
     * is; a bool tensor holds 0 or 1 in it. One integer storage for both keeps the views, printing and
     * conversions to one code path; masks are small next to the float32 tensors they select from.
     */
    final long[] ints;
    final DType dtype;
    final int[] shape;
    /** How far apart neighbours are in {@link #data} along each dimension (see {@link Strides}). */
    final int[] stride;
    /** Where element [0, 0, …] is in {@link #data}. */
    final int offset;
    /** The number of elements (the product of the shape). */
    final int numel;
    /**
     * True when the values are {@link #data} itself, row-major from index 0 to the end: what every
     * kernel reads. A view that skips, reorders or starts inside its storage is not dense, and an
     * op reads it through {@link #values()} (one copy).
     */
    final boolean dense;
    /** The tensor a view was made from (see {@link #view(Tensor, int[], int[], int)}), or null for a tensor that is not a view. */
    final Tensor base;
    final Version version;
    boolean requiresGrad;
    Tensor grad;
    Node gradFn;
    /** Which output of {@link #gradFn} this tensor is (0 unless the op made several). */
    int outputIndex;
    /**
     * Set on a gradient that a built-in backward rule has just allocated and nobody else holds:
     * the engine may then make it a leaf's grad without copying it (cleared when handed out).
     */
    boolean freshGradient;
    /** Declared by {@link #graphOnly}: nothing but the nodes that saved this tensor holds it or its storage. */
    boolean graphOnly;
    /** How many nodes not yet released have saved this tensor ({@link Node}). */
    int savedBy;

    Tensor(float[] data, int[] shape) {
        this(data, shape, new Version());
    }

    /** A dense tensor over all of {@code data}, counting its in-place changes in {@code version}. */
    Tensor(float[] data, int[] shape, Version version) {
        this.data = data;
        this.ints = null;
        this.dtype = DType.FLOAT32;
        this.shape = shape;
        this.stride = Strides.contiguous(shape);
        this.offset = 0;
        this.numel = data.length;
        this.dense = true;
        this.base = null;
        this.version = version;
    }

    /** A dense int64 or bool tensor over all of {@code ints} (a bool tensor's values must be 0 or 1). */
    Tensor(long[] ints, int[] shape, DType dtype) {
        this.data = null;
        this.ints = ints;
        this.dtype = dtype;
        this.shape = shape;
        this.stride = Strides.contiguous(shape);
        this.offset = 0;
        this.numel = ints.length;
        this.dense = true;
        this.base = null;
        this.version = new Version();
    }

    /**
     * A view of {@code of}'s storage under another shape, strides and offset, sharing its version
     * counter. Its base is the tensor the chain of recorded views starts from (PyTorch's differentiable
     * base): {@code of}'s base when {@code of} is itself a recorded view, else {@code of}.
     */
    static Tensor view(Tensor of, int[] shape, int[] stride, int offset) {
        return new Tensor(of, shape, stride, offset, of.base != null && of.gradFn != null ? of.base : of);
    }

    private Tensor(Tensor of, int[] shape, int[] stride, int offset, Tensor base) {
        this.data = of.data;
        this.ints = of.ints;
        this.dtype = of.dtype;
        this.shape = shape;
        this.stride = stride;
        this.offset = offset;
        this.numel = Shapes.numel(shape);
        this.dense = offset == 0 && numel == of.storageLength() && Strides.isContiguous(shape, stride);
        this.base = base;
        this.version = of.version;
    }

    /**
     * A backward rule's result in an array that nothing else references: one the rule allocated, or
     * the one {@link #overwritable} gave it, and of which the rule keeps no reference after returning.
     * The engine may then let the next rule write into it in place. For rules that compute with plain
     * loops (the built-in ones, and nn's layers). A rule that keeps the array, or returns one that
     * other code holds, returns a copy ({@link #of}) instead, or what it holds may be overwritten.
     */
    public static Tensor freshGradient(float[] data, int[] shape) {
        Tensor t = new Tensor(data, shape);
        t.freshGradient = true;
        return t;
    }

    /**
     * Where a backward rule may write a result the size of its incoming gradient {@code g}: g's own
     * storage when g is a fresh gradient that the engine handed to this rule alone (nothing reads it
     * afterwards), else a new array. An elementwise rule that reads {@code g[i]} only to write element
     * i then works in place, as PyTorch's allocator hands the block g leaves to the next gradient.
     */
    public static float[] overwritable(Tensor g) {
        return g.freshGradient ? g.data : new float[g.data.length];
    }

    /**
     * The values, row-major: the storage itself for a dense tensor (read it, do not write it), else a
     * fresh dense copy gathered through the strides. Every op reads its inputs through this.
     */
    float[] values() {
        if (data == null) throw DTypes.notFloat(this);
        if (dense) return data;
        float[] out = new float[numel];
        Strides.gather(data, offset, shape, stride, out);
        return out;
    }

    /** This tensor's values copied into a new dense tensor of its dtype in {@code shape} (same number of elements). */
    Tensor copied(int[] shape) {
        if (data != null) return new Tensor(dense ? data.clone() : values(), shape);   // values() of a view is a fresh copy
        return new Tensor(dense ? ints.clone() : longValues(), shape, dtype);
    }

    /** The values of an int64 or bool tensor, row-major: its storage when dense (do not write it), else a copy. */
    long[] longValues() {
        if (ints == null) throw new IllegalStateException("longValues of a " + dtype + " tensor");
        return dense ? ints : Strides.gather(ints, offset, shape, stride);
    }

    /** The number of values in the storage (more than {@link #numel} for a view of part of it). */
    int storageLength() {
        return data != null ? data.length : ints.length;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor holding a copy of {@code data} in the given shape (row-major). */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(checkedData("Tensor.of", data, data == null ? 0 : data.length, shape).clone(), Shapes.checked("Tensor.of", shape));
    }

    /** An int64 tensor holding a copy of {@code data} in the given shape, as {@code torch.tensor([[3, 1]])}. */
    public static Tensor of(long[] data, int... shape) {
        return new Tensor(checkedData("Tensor.of", data, data == null ? 0 : data.length, shape).clone(), Shapes.checked("Tensor.of", shape), DType.INT64);
    }

    /** A bool tensor holding a copy of {@code data} in the given shape, as {@code torch.tensor([True, False])}. */
    public static Tensor of(boolean[] data, int... shape) {
        checkedData("Tensor.of", data, data == null ? 0 : data.length, shape);
        return new Tensor(DTypes.longs(data), Shapes.checked("Tensor.of", shape), DType.BOOL);
    }

    private static <T> T checkedData(String op, T data, int length, int[] shape) {
        if (data == null) {
            throw new IllegalArgumentException(op + ": data is null");
        }
        int n = Shapes.numel(Shapes.checked(op, shape));
        if (n != length) {
            throw new IllegalArgumentException(op + ": shape " + Shapes.toString(shape) + " needs " + n + " values, but data has " + length);
        }
        return data;
    }

    /** A 1-D int64 tensor holding the values, as {@code torch.tensor([3, 1])}: indices, class targets. */
    public static Tensor longs(long... values) {
        return new Tensor(values.clone(), new int[] {values.length}, DType.INT64);
    }

    /** A 1-D bool tensor holding the values, as {@code torch.tensor([True, False])}: a mask. */
    public static Tensor bools(boolean... values) {
        return new Tensor(DTypes.longs(values), new int[] {values.length}, DType.BOOL);
    }

    /** A 1-D tensor holding a copy of the values. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A tensor with no dimensions holding one value: {@code tensor(0.4581)}. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** A new tensor of zeros, as {@code torch.zeros(shape)}. */
    public static Tensor zeros(int... shape) {
        return filled("zeros", 0f, shape);
    }

    /**
     * A new tensor whose values are unspecified, as {@code torch.empty(shape)}: for a result that the
     * caller overwrites entirely. A large one may reuse an array the graph has finished with
     * ({@link RecycledArrays}), which spares the collector an allocation; its old values are then
     * whatever was there.
     */
    public static Tensor empty(int... shape) {
        int[] s = Shapes.checked("empty", shape);
        return new Tensor(RecycledArrays.take(Shapes.numel(s)), s);
    }

    /**
     * Declares that nothing but the graph holds {@code t} or its storage any more: the caller drops
     * it, and the nodes that saved it are the only ones that read it. Once a backward (without
     * retainGraph or createGraph) has released every one of those nodes, or at once when none saved
     * it, its storage is reused for a later op's result ({@link RecycledArrays}). Nothing happens when
     * its storage is also that of one of {@code keep}, of a leaf, or of a tensor that is not a whole
     * dense storage.
     *
     * <p>For layer containers whose children are known not to keep their inputs (nn's Sequential of
     * nn's own layers, for what passes between them); a tensor that anyone still holds must never be
     * given here: its values would be overwritten.
     */
    public static void graphOnly(Tensor t, Tensor... keep) {
        if (t.graphOnly || t.data == null || !t.dense || t.base != null || t.gradFn == null && t.requiresGrad) return;
        for (Tensor k : keep) {
            if (k != null && k.data == t.data) return;
        }
        t.graphOnly = true;
        if (t.savedBy == 0) RecycledArrays.giveBack(t.data);
    }

    /** A new tensor of ones, as {@code torch.ones(shape)}. */
    public static Tensor ones(int... shape) {
        return filled("ones", 1f, shape);
    }

    /** A new tensor of the given shape holding {@code value} everywhere, as {@code torch.full}. */
    public static Tensor full(float value, int... shape) {
        return filled("full", value, shape);
    }

    /** A new tensor of the shape, every element {@code value}; the shape checked (and named in messages) as {@code op}'s. */
    private static Tensor filled(String op, float value, int[] shape) {
        int[] s = Shapes.checked(op, shape);
        float[] d = new float[Shapes.numel(s)];
        if (Float.floatToRawIntBits(value) != 0) Arrays.fill(d, value);   // a new array already holds +0
        return new Tensor(d, s);
    }

    /** A new tensor of zeros of the given dtype (false for bool), as {@code torch.zeros(shape, dtype=…)}. */
    public static Tensor zeros(DType dtype, int... shape) {
        if (dtype == null) throw new IllegalArgumentException("zeros: dtype is null; pass DType.FLOAT32, DType.INT64 or DType.BOOL");
        if (dtype == DType.FLOAT32) return zeros(shape);
        int[] s = Shapes.checked("zeros", shape);
        return new Tensor(new long[Shapes.numel(s)], s, dtype);
    }

    /** A new tensor of zeros with {@code t}'s shape and dtype, as {@code torch.zeros_like}. */
    public static Tensor zerosLike(Tensor t) {
        return t.dtype == DType.FLOAT32 ? new Tensor(new float[t.numel], t.shape.clone()) : new Tensor(new long[t.numel], t.shape.clone(), t.dtype);
    }

    /** A new tensor of ones (true for bool) with {@code t}'s shape and dtype, as {@code torch.ones_like}. */
    public static Tensor onesLike(Tensor t) {
        if (t.dtype == DType.FLOAT32) return full(1f, t.shape);
        long[] ones = new long[t.numel];
        Arrays.fill(ones, 1L);
        return new Tensor(ones, t.shape.clone(), t.dtype);
    }

    /** 0, 1, …, end-1 as an int64 tensor, as {@code torch.arange(end)} of a whole number. */
    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    /**
     * start, start+step, … while below end (above end for a negative step) as an int64 tensor, as
     * torch.arange of whole numbers; {@code arange(0f, 5f, 1f)} gives float32.
     */
    public static Tensor arange(int start, int end, int step) {
        Tensor f = arange((float) start, (float) end, (float) step);
        long[] out = new long[f.numel];
        for (int i = 0; i < out.length; i++) out[i] = start + (long) i * step;
        return new Tensor(out, f.shape, DType.INT64);
    }

    /** start, start+step, … while below end (above end for a negative step), as a float32 tensor, as torch.arange of floats. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be a non-zero finite number, got " + step);
        }
        if (!Float.isFinite(start) || !Float.isFinite(end)) {
            throw new IllegalArgumentException("arange: start and end must be finite numbers, got start " + start + " and end " + end);
        }
        if ((end - start) / step < 0) {
            throw new IllegalArgumentException("arange: end " + end + " cannot be reached from start " + start + " with step " + step);
        }
        double count = Math.ceil(((double) end - start) / step);
        if (count > Shapes.MAX_ELEMENTS) {
            throw Shapes.tooMany("arange", "the range from " + start + " to " + end + " in steps of " + step,
                    new java.math.BigDecimal(count).toPlainString());
        }
        int n = (int) count;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return new Tensor(d, new int[] {n});
    }

    /**
     * Uniform draws in [0, 1) from the default generator, as {@code torch.rand(shape)}; seed it with
     * {@link Generator#manualSeed(long)}.
     *
     * @param shape the new tensor's shape
     * @return a new tensor
     */
    public static Tensor rand(int... shape) {
        return rand(Generator.defaultGenerator(), shape);
    }

    /**
     * Standard normal draws from the default generator, as {@code torch.randn(shape)}; seed it with
     * {@link Generator#manualSeed(long)}.
     *
     * @param shape the new tensor's shape
     * @return a new tensor
     */
    public static Tensor randn(int... shape) {
        return randn(Generator.defaultGenerator(), shape);
    }

    /** Uniform draws in [0, 1), as torch.rand after torch.manual_seed(generator's seed). */
    public static Tensor rand(Generator generator, int... shape) {
        Shapes.notNullGenerator("rand", generator);
        Tensor t = filled("rand", 0f, shape);
        generator.fillUniform(t.data, 0f, 1f);
        return t;
    }

    /** Standard normal draws, as torch.randn after torch.manual_seed(generator's seed). */
    public static Tensor randn(Generator generator, int... shape) {
        Shapes.notNullGenerator("randn", generator);
        Tensor t = filled("randn", 0f, shape);
        generator.fillNormal(t.data, 0f, 1f);
        return t;
    }

    /** Standard normal draws in the shape of {@code t} from the default generator, as torch.randn_like(t). */
    public static Tensor randnLike(Tensor t) {
        return randnLike(t, Generator.defaultGenerator());
    }

    /** Standard normal draws in the shape of {@code t}, as torch.randn_like(t) after torch.manual_seed. */
    public static Tensor randnLike(Tensor t, Generator generator) {
        Shapes.notNull("randnLike", "the tensor", t);
        return randn(Shapes.notNullGenerator("randnLike", generator), t.shape);
    }

    /** The n×n identity matrix (torch.eye(n)). */
    public static Tensor eye(int n) {
        return eye(n, n);
    }

    /** An n×m matrix with ones on the diagonal and zeros elsewhere (torch.eye(n, m)). */
    public static Tensor eye(int n, int m) {
        Tensor t = filled("eye", 0f, new int[] {n, m});
        for (int i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1f;
        return t;
    }

    /**
     * A random permutation of 0 … n−1 as an int64 tensor, drawn exactly as
     * torch.randperm(n, generator=g) on the CPU for the same seed.
     */
    public static Tensor randperm(int n, Generator generator) {
        return Sampling.randperm(n, generator);
    }

    /** A random permutation of 0 … n−1 from the default generator, as torch.randperm(n). */
    public static Tensor randperm(int n) {
        return Sampling.randperm(n, Generator.defaultGenerator());
    }

    /** Joins tensors of equal shape (but along {@code dim}) along an existing dimension. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return ShapeOps.cat(tensors, dim);
    }

    /** Joins tensors of equal shape along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return ShapeOps.stack(tensors, dim);
    }

    // ---------------------------------------------------------------- what it is

    /** @return what kind of number this tensor holds, as {@code t.dtype}: float32, int64 or bool */
    public DType dtype() {
        return dtype;
    }

    /**
     * This tensor converted to {@code dtype}, as PyTorch's {@code t.to(dtype)}: this tensor itself
     * when it already has that type, else a new tensor (not recorded: the result of a conversion
     * does not require grad). float32 to int64 drops the fraction (1.7 and -1.7 give 1 and -1);
     * to bool gives true for every non-zero value (NaN included); bool to a number gives 1 or 0.
     */
    public Tensor to(DType dtype) {
        return DTypes.convert(this, dtype);
    }

    /** As {@code t.long()} (a Java keyword, hence the name): {@code to(DType.INT64)}. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** As {@code t.float()} (a Java keyword, hence the name): {@code to(DType.FLOAT32)}. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** As {@code t.bool()}: {@code to(DType.BOOL)}, true where a value is non-zero. */
    public Tensor toBool() {
        return to(DType.BOOL);
    }

    /** The sizes of the dimensions (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeRef() {
        return shape;
    }

    /** @return the number of dimensions, as {@code t.dim()} */
    public int dim() {
        return shape.length;
    }

    /** The size of one dimension; -1 is the last. */
    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    /** @return the number of elements, as {@code t.numel()} */
    public int numel() {
        return numel;
    }

    /** The value of a one-element tensor (an int64 as the nearest float, a bool as 1 or 0), as {@code t.item()}. */
    public float item() {
        return DTypes.asFloat(this, onlyElement());
    }

    /** The value of a one-element int64 or bool tensor, exactly (PyTorch's {@code t.item()} of an int64 tensor). */
    public long longItem() {
        int at = onlyElement();
        return ints != null ? ints[at] : DTypes.notInteger("longItem", this);
    }

    private int onlyElement() {
        if (numel != 1) {
            throw new IllegalStateException("item: only a tensor with one element can be converted to a number; this one has shape "
                    + Shapes.toString(shape) + " (" + numel + " elements). Reduce it first, e.g. with sum() or mean().");
        }
        return offset;
    }

    /** The element at the given indices, one per dimension (an int64 as the nearest float, a bool as 1 or 0). */
    public float get(int... indices) {
        if (indices.length != shape.length) {
            throw new IllegalArgumentException("get: a tensor of shape " + Shapes.toString(shape) + " needs " + shape.length
                    + " indices, got " + indices.length);
        }
        int at = offset;
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + indices[i] + " is out of range for dimension " + i
                        + " of size " + shape[i] + " (shape " + Shapes.toString(shape) + ")");
            }
            at += indices[i] * stride[i];
        }
        return DTypes.asFloat(this, at);
    }

    /** A copy of the values, row-major (a view's values, read through its strides; int64 and bool as floats). */
    public float[] toArray() {
        if (data == null) return DTypes.floats(longValues());
        return dense ? data.clone() : values();
    }

    /** A copy of an int64 or bool tensor's values, row-major (a bool as 1 or 0), as {@code t.tolist()} gives them. */
    public long[] toLongArray() {
        if (ints == null) DTypes.notInteger("toLongArray", this);
        return dense ? ints.clone() : longValues();
    }

    /**
     * The live backing array, row-major, for kernels and fused optimizer loops. Writing into it
     * bypasses autograd: do it only inside {@link Autograd#noGrad()}, on tensors whose graph you do
     * not need, and call {@link #markModified()} afterwards. Only a tensor whose values are its whole
     * storage from index 0 has one: a view that skips, reorders or starts inside its storage
     * (transpose, select, narrow, …) is refused; call {@link #contiguous()} first.
     */
    public float[] rawData() {
        return rawData("rawData");
    }

    /**
     * The live backing array of an int64 or bool tensor (a bool as 1 or 0), row-major, for readers
     * and kernels, as {@link #rawData()} is for float32: write into it only outside autograd, keep a
     * bool's values 0 or 1, and call {@link #markModified()} afterwards. A view that is not its whole
     * storage is refused; call {@link #contiguous()} first.
     */
    public long[] rawLongs() {
        if (ints == null) DTypes.notInteger("rawLongs", this);
        if (!dense) {
            throw new IllegalStateException("rawLongs: this tensor is a view (shape " + Shapes.toString(shape)
                    + ") that is not its whole storage; call contiguous() first");
        }
        return ints;
    }

    /** {@link #rawData()} for {@code op}, which is named in the refusal of a view. */
    public float[] rawData(String op) {
        if (data == null) throw DTypes.notFloat(op, this);
        if (!dense) {
            throw new IllegalStateException(op + ": needs a tensor whose values are laid out densely in its own storage, but this one "
                    + "(shape " + Shapes.toString(shape) + ", stride " + Shapes.toString(stride) + ", storage offset " + offset
                    + ") is a view into a storage of " + data.length + " values; call contiguous() first");
        }
        return data;
    }

    /** The step in storage between neighbours along each dimension, as PyTorch's {@code stride()} (a copy). */
    public int[] stride() {
        return stride.clone();
    }

    /** The step in storage between neighbours along {@code dim} (-1 is the last), as {@code t.stride(dim)}. */
    public int stride(int dim) {
        return stride[Shapes.dim("stride", dim, shape.length)];
    }

    /** Where element [0, 0, …] lies in the storage, as PyTorch's {@code storage_offset()}. */
    public int storageOffset() {
        return offset;
    }

    /**
     * Whether the elements lie in storage in row-major order without gaps, as PyTorch's
     * {@code is_contiguous()}: true for a new tensor, false for a transpose or a column slice.
     */
    public boolean isContiguous() {
        return Strides.isContiguous(shape, stride);
    }

    /** Whether this tensor is a view sharing another tensor's storage (PyTorch's {@code t._base is not None}). */
    public boolean isView() {
        return base != null;
    }

    /**
     * This tensor if its values are its whole storage in row-major order, else a dense copy
     * (recorded: the gradient flows back to this tensor), as PyTorch's {@code contiguous()}. Unlike
     * PyTorch, a contiguous slice that starts inside its storage (a narrow along the first
     * dimension) is copied too, since a Java array cannot start in the middle: {@link #rawData()}
     * then works on the result.
     */
    public Tensor contiguous() {
        return dense ? this : ShapeOps.contiguous(this);
    }

    /** Records that the values were changed through {@link #rawData()} (bumps the version counter). */
    public void markModified() {
        version.value++;
    }

    /** How many times this tensor's storage was modified in place. */
    public int version() {
        return version.value;
    }

    // ---------------------------------------------------------------- autograd

    /** @return whether operations on this tensor are recorded for {@link #backward()} */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Asks (or stops asking) for this leaf's gradient; returns this tensor (torch's requires_grad_).
     * Only a float32 tensor can require grad, as in PyTorch: an int64 or bool one is refused.
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (requiresGrad && dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("requiresGrad: only float32 tensors can require gradients, as in PyTorch; this one is "
                    + dtype + " (shape " + Shapes.toString(shape) + "); convert it with toFloat() first if it is meant to be a parameter");
        }
        if (gradFn != null && !requiresGrad) {
            throw new IllegalStateException("requiresGrad(false): this tensor was made by " + gradFn.name
                    + " and is not a leaf; use detach() to get a tensor outside the graph");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /** The accumulated gradient, or null before the first backward (or after zeroGrad). */
    public Tensor grad() {
        return grad;
    }

    /** Sets (or, with null, clears) the gradient. */
    public void setGrad(Tensor grad) {
        if (grad != null && !Arrays.equals(grad.shape, shape)) {
            throw new IllegalArgumentException("setGrad: the gradient's shape " + Shapes.toString(grad.shape)
                    + " differs from the tensor's shape " + Shapes.toString(shape));
        }
        this.grad = grad;
    }

    /** True for a tensor made by the user rather than by a recorded operation. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The name of the operation that made this tensor, like {@code MulBackward}, or null for a leaf. */
    public String gradFn() {
        return gradFn == null ? null : gradFn.name;
    }

    /** A tensor sharing this one's values but outside the graph: no grad_fn, no requiresGrad. */
    public Tensor detach() {
        return new Tensor(this, shape, stride, offset, null);
    }

    /** Backward from a one-element tensor (the loss): d(loss)/d(loss) = 1. */
    public void backward() {
        if (numel != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for a tensor with one element; this one has shape "
                    + Shapes.toString(shape) + ". Pass a gradient of the same shape: backward(gradient).");
        }
        Engine.backward(this, Tensor.onesLike(this), false, false);
    }

    /**
     * Backward from a one-element tensor; with {@code createGraph} the backward pass is itself recorded,
     * so that the grads it leaves (which then have a grad_fn) can be differentiated again, as
     * {@code loss.backward(create_graph=True)}; the graph is kept (PyTorch's retain_graph defaults to
     * create_graph). Prefer {@link Autograd#grad} for second derivatives: it leaves {@code grad()} alone.
     */
    public void backward(boolean createGraph) {
        backward(null, createGraph, createGraph);
    }

    /** Backward with an explicit gradient of this tensor's shape. */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /** Backward; with {@code retainGraph} the graph can be gone through again. */
    public void backward(Tensor gradient, boolean retainGraph) {
        backward(gradient, retainGraph, false);
    }

    /**
     * Backward with a gradient of this tensor's shape (null: 1 for a one-element tensor); with
     * {@code retainGraph} the graph can be gone through again, and with {@code createGraph} the pass
     * records differentiable operations, so that the grads it adds (into {@code grad()}, out of place)
     * can be differentiated again, as PyTorch's {@code backward(gradient, retain_graph, create_graph)}.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        if (gradient == null) {
            gradient = onesLikeScalarOnly();
        }
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: the gradient's shape " + Shapes.toString(gradient.shape)
                    + " differs from the tensor's shape " + Shapes.toString(shape));
        }
        Engine.backward(this, gradient, retainGraph, createGraph);
    }

    private Tensor onesLikeScalarOnly() {
        if (numel != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for a tensor with one element; this one has shape "
                    + Shapes.toString(shape) + ". Pass a gradient of the same shape: backward(gradient).");
        }
        return onesLike(this);
    }

    /**
     * Attaches a recorded operation to {@code result}, a freshly computed tensor, when recording is
     * on and any input requires grad; otherwise returns {@code result} unchanged. This is how every
     * op is recorded, and how a student adds an op of their own:
     *
     * <pre>{@code
     * Tensor y = Tensor.record("CubeBackward", x.pow(3).detach(), new Tensor[] {x}, new Tensor[] {x},
     *         g -> new Tensor[] {g.mul(x.pow(2).mul(3))});   // d(x³)/dx = 3x²
     * }</pre>
     *
     * <p>A backward with {@code createGraph} (second derivatives, {@link Curvature}) runs the rule with
     * recording on, as PyTorch runs a custom Function's backward: written in Tensor ops of the saved
     * inputs, as above, its result is differentiated again correctly. A rule that computes numbers
     * (through {@link #rawData()} or a constant such as {@code Tensor.of(cos)}) would make a silently
     * wrong second derivative: give such a rule to {@link #record(String, Tensor, Tensor[], Tensor[], Backward, Backward)}
     * with the differentiable rule beside it, or null there to refuse createGraph by the op's name.
     *
     * @param saved the tensors the backward rule reads; an in-place change to one of them before
     *              backward() is reported instead of silently giving a wrong gradient
     */
    public static Tensor record(String name, Tensor result, Tensor[] inputs, Tensor[] saved, Backward backward) {
        return record(name, result, inputs, saved, backward, backward);
    }

    /**
     * As {@link #record(String, Tensor, Tensor[], Tensor[], Backward)}, with two rules for the same
     * derivative: {@code backward}, which may compute with plain loops and runs in an ordinary
     * backward(), and {@code differentiableBackward}, written in Tensor ops, which runs (recording)
     * in a backward with {@code createGraph} so that its gradients can be differentiated again; null
     * when the op's gradient cannot be differentiated yet (a backward with createGraph through it then
     * fails with a message naming {@code name}).
     */
    public static Tensor record(String name, Tensor result, Tensor[] inputs, Tensor[] saved, Backward backward,
                                Backward differentiableBackward) {
        if (result.gradFn != null) {
            throw new IllegalArgumentException("record: the result of " + name + " is already part of the graph (made by "
                    + result.gradFn.name + "); pass a fresh tensor, e.g. computed under Autograd.noGrad() or detached");
        }
        if (recording(inputs)) {
            result.gradFn = new Node(name, inputs, saved, backward, differentiableBackward);
            result.requiresGrad = true;
        }
        return result;
    }

    /**
     * Attaches one recorded operation with several outputs to {@code results}, when recording is on
     * and any input requires grad: the rule runs once in backward, with the gradient of each output
     * ({@code differentiable}, in Tensor ops, with createGraph; null to refuse it).
     */
    static List<Tensor> recordEach(String name, Tensor[] results, Tensor[] inputs, Tensor[] saved, MultiBackward backward,
                                   MultiBackward differentiable) {
        if (recording(inputs)) {
            Node node = new Node(name, inputs, saved, results.length, backward, differentiable);
            for (int i = 0; i < results.length; i++) {
                results[i].gradFn = node;
                results[i].outputIndex = i;
                results[i].requiresGrad = true;
            }
        }
        return List.of(results);
    }

    static boolean recording(Tensor a) {
        return a.requiresGrad && Autograd.isEnabled();
    }

    static boolean recording(Tensor a, Tensor b) {
        return (a.requiresGrad || b.requiresGrad) && Autograd.isEnabled();
    }

    static boolean recording(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad) {
                return Autograd.isEnabled();
            }
        }
        return false;
    }

    static final Tensor[] NONE = new Tensor[0];

    // ---------------------------------------------------------------- pointwise

    /** Elementwise sum with broadcasting, as {@code torch.add}; returns a new tensor. */
    public Tensor add(Tensor other) { return Broadcasting.add(this, other); }
    /** this + alpha·other, as torch's add(other, alpha=…) (one rounding, like PyTorch's fused kernel). */
    public Tensor add(Tensor other, float alpha) { return Broadcasting.addScaled(this, other, alpha); }
    /** Elementwise difference with broadcasting, as {@code torch.sub}; returns a new tensor. */
    public Tensor sub(Tensor other) { return Broadcasting.sub(this, other); }
    /** Elementwise product with broadcasting, as {@code torch.mul}; returns a new tensor. */
    public Tensor mul(Tensor other) { return Broadcasting.mul(this, other); }
    /** Elementwise quotient with broadcasting, as {@code torch.div}; returns a new tensor. */
    public Tensor div(Tensor other) { return Broadcasting.div(this, other); }
    /** The larger of the two at each position (torch.maximum). */
    public Tensor maximum(Tensor other) { return Broadcasting.maximum(this, other); }
    /** Adds a number to every element ({@code t + value}); returns a new tensor. */
    public Tensor add(float value) { return Pointwise.addScalar(this, value); }
    /** Subtracts a number from every element; returns a new tensor. */
    public Tensor sub(float value) { return Pointwise.addScalar(this, -value); }
    /** Multiplies every element by a number; returns a new tensor. */
    public Tensor mul(float value) { return Pointwise.mulScalar(this, value); }
    /** Divides every element by a number; returns a new tensor. */
    public Tensor div(float value) { return Pointwise.divScalar(this, value); }
    /** Elementwise -x, as {@code torch.neg}. */
    public Tensor neg() { return Pointwise.mulScalar(this, -1f); }
    /** Elementwise x^exponent, as {@code torch.pow}. */
    public Tensor pow(float exponent) { return Pointwise.pow(this, exponent); }
    /** Elementwise x², as {@code torch.square}. */
    public Tensor square() { return Pointwise.pow(this, 2f); }
    /** Elementwise e^x, as {@code torch.exp}. */
    public Tensor exp() { return Pointwise.exp(this); }
    /** Natural logarithm; log(0) is -inf and log of a negative number NaN, as in PyTorch. */
    public Tensor log() { return Pointwise.log(this); }
    /** Elementwise square root, as {@code torch.sqrt}. */
    public Tensor sqrt() { return Pointwise.sqrt(this); }
    /** Elementwise |x|, as {@code torch.abs}; the gradient at 0 is 0. */
    public Tensor abs() { return Pointwise.abs(this); }
    /** Values below min become min, above max become max (either may be ±infinity). */
    public Tensor clamp(float min, float max) { return Pointwise.clamp(this, min, max); }
    /** Elementwise max(0, x), as {@code torch.relu}. */
    public Tensor relu() { return Pointwise.relu(this); }
    /**
     * max(0, x) written into this tensor, as {@code torch.relu_} ({@code nn.ReLU(inplace=True)}): no
     * new array. On a tensor the graph made (not a leaf that requires grad, not a view), recorded:
     * this tensor becomes the relu's output. Modifies this tensor.
     */
    public Tensor relu_() { return Pointwise.relu_(this); }
    /** Elementwise 1 / (1 + e^-x), as {@code torch.sigmoid}. */
    public Tensor sigmoid() { return Pointwise.sigmoid(this); }
    /** Elementwise hyperbolic tangent, as {@code torch.tanh}. */
    public Tensor tanh() { return Pointwise.tanh(this); }
    /** x where x > 0, negativeSlope·x elsewhere (torch's leaky_relu; PyTorch's default slope is 0.01). */
    public Tensor leakyRelu(float negativeSlope) { return Activations.leakyRelu(this, negativeSlope); }
    /** GELU, x·Φ(x), in PyTorch's default exact form 0.5·x·(1 + erf(x/√2)). */
    public Tensor gelu() { return Activations.gelu(this, "none"); }
    /** GELU with {@code approximate} "none" (exact) or "tanh" (0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))), as torch's. */
    public Tensor gelu(String approximate) { return Activations.gelu(this, approximate); }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements as a 0-d tensor, as {@code t.sum()}. */
    public Tensor sum() { return Reductions.sum(this); }
    /** The sum along {@code dim}, as {@code t.sum(dim, keepdim)}. */
    public Tensor sum(int dim, boolean keepDim) { return Reductions.sum(this, dim, keepDim); }
    /** The sum along {@code dim}, the dimension dropped, as {@code t.sum(dim)} (keepdim=False, PyTorch's default). */
    public Tensor sum(int dim) { return sum(dim, false); }
    /** The mean of all elements as a 0-d tensor, as {@code t.mean()}. */
    public Tensor mean() { return Reductions.mean(this); }
    /** The mean along {@code dim}, as {@code t.mean(dim, keepdim)}. */
    public Tensor mean(int dim, boolean keepDim) { return Reductions.mean(this, dim, keepDim); }
    /** The mean along {@code dim}, the dimension dropped, as {@code t.mean(dim)} (keepdim=False, PyTorch's default). */
    public Tensor mean(int dim) { return mean(dim, false); }
    /** The largest element as a 0-d tensor, as {@code t.max()}. */
    public Tensor max() { return Reductions.max(this); }
    /** The largest values along a dimension (torch.max(dim).values). */
    public Tensor max(int dim, boolean keepDim) { return Reductions.max(this, dim, keepDim); }
    /** The smallest element as a 0-d tensor, as {@code t.min()}. */
    public Tensor min() { return Reductions.min(this); }
    /** The smallest values along a dimension (torch.min(dim).values); the gradient goes to the arg-min. */
    public Tensor min(int dim, boolean keepDim) { return Reductions.min(this, dim, keepDim); }
    /**
     * The largest values along a dimension and their (int64) indices, as torch.max(x, dim, keepdim)
     * returns them; the values' gradient flows to the arg-max (the first one on ties).
     */
    public ValuesAndIndices maxWithIndices(int dim, boolean keepDim) { return Reductions.alongDim(this, dim, keepDim, true); }
    /** The smallest values along a dimension and their indices, as torch.min(x, dim, keepdim). */
    public ValuesAndIndices minWithIndices(int dim, boolean keepDim) { return Reductions.alongDim(this, dim, keepDim, false); }
    /** The flat index of the largest value, as a 0-d int64 tensor, as {@code t.argmax()}. */
    public Tensor argmax() { return Reductions.argmax(this); }
    /** The indices of the largest values along a dimension, as an int64 tensor (torch.argmax(dim, keepdim)). */
    public Tensor argmax(int dim, boolean keepDim) { return Reductions.argmax(this, dim, keepDim); }
    /** The indices of the largest values along {@code dim}, the dimension dropped, as {@code t.argmax(dim)}. */
    public Tensor argmax(int dim) { return argmax(dim, false); }
    /** The flat index of the smallest value, as a 0-d int64 tensor. */
    public Tensor argmin() { return Reductions.argmin(this); }
    /** The indices of the smallest values along a dimension, as an int64 tensor. */
    public Tensor argmin(int dim, boolean keepDim) { return Reductions.argmin(this, dim, keepDim); }
    /** The indices of the smallest values along {@code dim}, the dimension dropped, as {@code t.argmin(dim)}. */
    public Tensor argmin(int dim) { return argmin(dim, false); }
    /** The variance of all elements, with Bessel's correction (divided by n − 1), as torch.var(x). */
    public Tensor var() { return Statistics.var(this, true); }
    /** The variance of all elements, divided by n − 1 when {@code unbiased}, else by n. */
    public Tensor var(boolean unbiased) { return Statistics.var(this, unbiased); }
    /** The variance along a dimension (torch.var(x, dim, unbiased, keepdim)). */
    public Tensor var(int dim, boolean unbiased, boolean keepDim) { return Statistics.var(this, dim, unbiased, keepDim); }
    /** The standard deviation of all elements, with Bessel's correction, as torch.std(x). */
    public Tensor std() { return Statistics.std(this, true); }
    /** The standard deviation of all elements, from the variance divided by n − 1 when {@code unbiased}, else by n. */
    public Tensor std(boolean unbiased) { return Statistics.std(this, unbiased); }
    /** The standard deviation along a dimension (torch.std(x, dim, unbiased, keepdim)). */
    public Tensor std(int dim, boolean unbiased, boolean keepDim) { return Statistics.std(this, dim, unbiased, keepDim); }
    /** The Euclidean (L2) norm of all elements. */
    public Tensor norm() { return Reductions.norm(this); }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product: 1-D and 2-D operands as torch.matmul, and batched [b, m, k] @ [b, k, n] or [k, n]. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }
    /**
     * {@code this · weightᵀ + bias} for this [..., in], a [out, in] weight and an optional [out]
     * bias (torch.nn.functional.linear), reading the weight transposed without copying it.
     */
    public Tensor linear(Tensor weight, Tensor bias) { return LinearAlgebra.linear(this, weight, bias); }
    /** Batched matrix product of this [batch, n, m] and other [batch, m, p] (torch.bmm). */
    public Tensor bmm(Tensor other) { return LinearAlgebra.bmm(this, other); }
    /** The transpose of a 2-D tensor: a view (shares this tensor's storage), as {@code t.t()}. */
    public Tensor t() { return ShapeOps.t(this); }

    // ---------------------------------------------------------------- shape

    /**
     * The same values in another shape (one size may be -1): a view sharing storage when the strides
     * allow it (always for a contiguous tensor), else a copy, as {@code t.reshape(shape)}.
     */
    public Tensor reshape(int... shape) { return ShapeOps.reshape(this, "reshape", shape); }
    /**
     * The same values in another shape (one size may be -1), sharing storage, as {@code t.view(shape)};
     * refused, as in PyTorch, when the strides do not allow it (a transpose read as one row): use
     * {@link #reshape} there.
     */
    public Tensor view(int... shape) { return ShapeOps.reshape(this, "view", shape); }
    /** All dimensions as one, as {@code t.flatten()}: a view when the strides allow it, else a copy (as reshape). */
    public Tensor flatten() { return ShapeOps.flatten(this, 0, -1); }
    /** Dimensions {@code startDim..endDim} (inclusive, negative counts from the end) merged into one, as {@code t.flatten(start, end)}. */
    public Tensor flatten(int startDim, int endDim) { return ShapeOps.flatten(this, startDim, endDim); }
    /** Two dimensions swapped, as {@code t.transpose(dim0, dim1)}: a view (their strides swapped). */
    public Tensor transpose(int dim0, int dim1) { return ShapeOps.transpose(this, dim0, dim1); }
    /** The dimensions reordered, as {@code t.permute(dims)}: dimension i of the result is dimension dims[i] of this; a view. */
    public Tensor permute(int... dims) { return ShapeOps.permute(this, dims); }
    /** Removes every dimension of size 1. */
    public Tensor squeeze() { return ShapeOps.squeeze(this); }
    /** Removes dimension {@code dim} if its size is 1. */
    public Tensor squeeze(int dim) { return ShapeOps.squeeze(this, dim); }
    /** A new dimension of size 1 inserted at {@code dim}, as {@code t.unsqueeze(dim)}. */
    public Tensor unsqueeze(int dim) { return ShapeOps.unsqueeze(this, dim); }
    /** The slice at {@code index} along {@code dim}, that dimension removed: a view, so {@code w.select(0, 1).zero_()} zeroes row 1 of w. */
    public Tensor select(int dim, int index) { return ShapeOps.select(this, dim, index); }
    /** The slice [start, start+length) along {@code dim}: a view, as {@code t.narrow(dim, start, length)}. */
    public Tensor narrow(int dim, int start, int length) { return ShapeOps.narrow(this, dim, start, length); }
    /** Every slice along {@code dim}, that dimension removed (torch.unbind): a [T, B, F] tensor gives T views [B, F]. */
    public List<Tensor> unbind(int dim) { return ShapeOps.unbind(this, dim); }

    /** Pieces of equal size along {@code dim} (the last one smaller), as torch.chunk: views, each differentiable. */
    public List<Tensor> chunk(int chunks, int dim) { return Splits.chunk(this, chunks, dim); }
    /** Pieces of {@code size} along {@code dim} (the last one smaller), as torch.split(size, dim): views. */
    public List<Tensor> split(int size, int dim) { return Splits.split(this, size, dim); }
    /** Pieces of the given sizes along {@code dim}, which must add up to its size, as torch.split([sizes], dim): views. */
    public List<Tensor> split(int[] sizes, int dim) { return Splits.split(this, sizes, dim); }

    // ---------------------------------------------------------------- indexing

    /**
     * Values read at the positions {@code index} gives along {@code dim} (torch.gather): for 2-D and
     * dim 1, {@code out[i][j] = this[i][index[i][j]]}. The index is int64 (as argmax returns it; a
     * float32 one is refused: {@code index.toLong()}), has this tensor's number of dimensions, and
     * the result has its shape. DQN's {@code Q(s, a)} is {@code q.gather(1, actions)} with int64
     * actions of shape [batch, 1].
     */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /**
     * The slices at the positions a 1-D int64 {@code index} gives along {@code dim}, in its order
     * (torch.index_select): {@code x.indexSelect(0, Tensor.longs(2, 0))} is rows 2 and 0 of x.
     * The gradient is added back into the rows read (repeats add up).
     */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
    /** A copy with src's values written at the positions the int64 index gives along dim (torch.scatter); this tensor is unchanged. */
    public Tensor scatter(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src); }
    /** A copy with {@code value} written at the positions the int64 index gives along dim (torch.scatter(dim, index, value)). */
    public Tensor scatter(int dim, Tensor index, float value) { return Indexing.scatter(this, dim, index, value); }
    /** A copy with src's values added at the positions the int64 index gives along dim, repeats adding up (torch.scatter_add). */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Indexing.scatterAdd(this, dim, index, src); }

    // ---------------------------------------------------------------- comparisons (bool masks, not recorded)

    /** A bool mask, true where this equals other (broadcast), as {@code torch.eq}. */
    public Tensor eq(Tensor other) { return Comparisons.compare(this, other, Comparisons.EQ); }
    /** A bool mask, true where an element {@code == value}, as {@code t == value}. */
    public Tensor eq(float value) { return Comparisons.compare(this, value, Comparisons.EQ); }
    /** A bool mask, true where this differs from other (broadcast), as {@code torch.ne}. */
    public Tensor ne(Tensor other) { return Comparisons.compare(this, other, Comparisons.NE); }
    /** A bool mask, true where an element {@code != value}. */
    public Tensor ne(float value) { return Comparisons.compare(this, value, Comparisons.NE); }
    /** A bool mask, true where this &lt; other (broadcast), as {@code torch.lt}. */
    public Tensor lt(Tensor other) { return Comparisons.compare(this, other, Comparisons.LT); }
    /** A bool mask, true where an element {@code < value}. */
    public Tensor lt(float value) { return Comparisons.compare(this, value, Comparisons.LT); }
    /** A bool mask, true where this &le; other (broadcast), as {@code torch.le}. */
    public Tensor le(Tensor other) { return Comparisons.compare(this, other, Comparisons.LE); }
    /** A bool mask, true where an element {@code <= value}. */
    public Tensor le(float value) { return Comparisons.compare(this, value, Comparisons.LE); }
    /** A bool mask, true where this &gt; other (broadcast), as {@code torch.gt}. */
    public Tensor gt(Tensor other) { return Comparisons.compare(this, other, Comparisons.GT); }
    /** A bool mask, true where an element {@code > value}. */
    public Tensor gt(float value) { return Comparisons.compare(this, value, Comparisons.GT); }
    /** A bool mask, true where this &ge; other (broadcast), as {@code torch.ge}. */
    public Tensor ge(Tensor other) { return Comparisons.compare(this, other, Comparisons.GE); }
    /** A bool mask, true where an element {@code >= value}. */
    public Tensor ge(float value) { return Comparisons.compare(this, value, Comparisons.GE); }

    /** A bool mask, true where an element is zero (false), as {@code torch.logical_not} and {@code ~mask} of a bool mask. */
    public Tensor logicalNot() { return Comparisons.compare(this, 0f, Comparisons.EQ); }
    /** A bool mask, true where both are non-zero (broadcast), as {@code torch.logical_and} and {@code a & b} of bool masks. */
    public Tensor logicalAnd(Tensor other) { return Comparisons.logical("logicalAnd", this, other, Comparisons.AND); }
    /** A bool mask, true where either is non-zero (broadcast), as {@code torch.logical_or} and {@code a | b} of bool masks. */
    public Tensor logicalOr(Tensor other) { return Comparisons.logical("logicalOr", this, other, Comparisons.OR); }
    /** A bool mask, true where exactly one is non-zero (broadcast), as {@code torch.logical_xor} and {@code a ^ b} of bool masks. */
    public Tensor logicalXor(Tensor other) { return Comparisons.logical("logicalXor", this, other, Comparisons.XOR); }

    /**
     * {@code input} where the bool {@code condition} is true, {@code other} elsewhere, the three
     * broadcast together (torch.where(condition, input, other)); the gradient flows to the side
     * taken. A float32 condition is refused, as in PyTorch: make it with a comparison ({@code x.gt(0)})
     * or {@link #toBool()}.
     */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) { return Comparisons.where(condition, input, other); }
    /** {@code input} where the bool {@code condition} is true, the number {@code other} elsewhere (torch.where(c, x, 0.0)). */
    public static Tensor where(Tensor condition, Tensor input, float other) { return Comparisons.where(condition, input, scalar(other)); }
    /** The number {@code input} where the bool {@code condition} is true, {@code other} elsewhere (torch.where(c, 0.0, y)). */
    public static Tensor where(Tensor condition, float input, Tensor other) { return Comparisons.where(condition, scalar(input), other); }

    /**
     * A copy with {@code value} where the bool {@code mask} is true (broadcast), as PyTorch's
     * {@code masked_fill}: attention's {@code scores.maskedFill(future, Float.NEGATIVE_INFINITY)}.
     * The gradient flows to the elements kept. This tensor is unchanged.
     */
    public Tensor maskedFill(Tensor mask, float value) { return Comparisons.maskedFill(this, mask, value); }

    // ---------------------------------------------------------------- neural-network ops

    /** e^x normalised to sum 1 along {@code dim}, as {@code F.softmax}. */
    public Tensor softmax(int dim) { return NeuralOps.softmax(this, dim); }
    /** log(softmax(x)) along {@code dim}, computed stably, as {@code F.log_softmax}. */
    public Tensor logSoftmax(int dim) { return NeuralOps.logSoftmax(this, dim); }

    /**
     * 2-D convolution (cross-correlation, as PyTorch) of this [N, C, H, W] input with a
     * [O, C, kH, kW] weight and an optional [O] bias.
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return Convolutions.conv2d(this, weight, bias, new int[] {stride}, new int[] {padding});
    }

    /** 2-D convolution with a stride and a padding per axis, {@code {height, width}}, as PyTorch's tuples. */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding) {
        return Convolutions.conv2d(this, weight, bias, stride, padding);
    }

    /** 1-D convolution of this [N, C, L] input with a [O, C, k] weight and an optional [O] bias. */
    public Tensor conv1d(Tensor weight, Tensor bias, int stride, int padding) {
        return Convolutions.conv1d(this, weight, bias, stride, padding);
    }

    /**
     * Transposed 2-D convolution (the gradient of conv2d with respect to its input) of this
     * [N, in, H, W] input with an [in, out, kH, kW] weight and an optional [out] bias; the output has
     * (H − 1)·stride − 2·padding + kH + outputPadding rows (likewise columns). outputPadding must be
     * smaller than stride.
     */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, int stride, int padding, int outputPadding) {
        return Convolutions.convTranspose2d(this, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {outputPadding});
    }

    /** Transposed 2-D convolution with stride, padding and outputPadding per axis, {@code {height, width}}. */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding) {
        return Convolutions.convTranspose2d(this, weight, bias, stride, padding, outputPadding);
    }

    /** 2-D max pooling over [N, C, H, W], as {@code F.max_pool2d(kernel, stride, padding)}; the gradient goes to each window's maximum. */
    public Tensor maxPool2d(int kernel, int stride, int padding) {
        return NeuralOps.maxPool2d(this, new int[] {kernel}, new int[] {stride}, new int[] {padding});
    }

    /** Max pooling with window, stride and padding per axis, {@code {height, width}}. */
    public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding) { return NeuralOps.maxPool2d(this, kernel, stride, padding); }

    /** 2-D average pooling over [N, C, H, W], as {@code F.avg_pool2d(kernel, stride, padding)} (padding counted). */
    public Tensor avgPool2d(int kernel, int stride, int padding) {
        return NeuralOps.avgPool2d(this, new int[] {kernel}, new int[] {stride}, new int[] {padding});
    }

    /** Average pooling with window, stride and padding per axis, {@code {height, width}}. */
    public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding) { return NeuralOps.avgPool2d(this, kernel, stride, padding); }

    /**
     * Layer normalisation over the last dimensions, which must equal {@code normalizedShape}:
     * (x − mean)/sqrt(var + eps)·weight + bias, per sample (torch.nn.functional.layer_norm); weight
     * and bias (of normalizedShape) may be null.
     */
    public Tensor layerNorm(int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(this, normalizedShape, weight, bias, eps);
    }

    /**
     * Nearest-neighbour upsampling of a [N, C, L] or [N, C, H, W] tensor by a whole-number factor
     * ({@code {sH, sW}} for a 4-D tensor may differ per axis), as torch's interpolate(mode="nearest").
     */
    public Tensor upsampleNearest(int... scaleFactor) { return NeuralOps.upsampleNearest(this, scaleFactor); }

    /**
     * The rows of {@code weight} ([numEmbeddings, dim]) at the int64 {@code indices} (any shape),
     * shaped indices.shape + [dim], as torch.nn.functional.embedding. Only the rows used receive a gradient.
     */
    public static Tensor embedding(Tensor weight, Tensor indices) {
        return Embeddings.embedding(weight, indices, Embeddings.NO_PADDING, false);
    }

    /** As {@link #embedding(Tensor, Tensor)}; row {@code paddingIdx} (negative counts from the end) receives no gradient. */
    public static Tensor embedding(Tensor weight, Tensor indices, int paddingIdx) {
        return Embeddings.embedding(weight, indices, paddingIdx, true);
    }

    /**
     * Draws {@code numSamples} category indices (int64) from each row of this [categories] or
     * [rows, categories] tensor of non-negative weights, which need not add up to 1 (torch.multinomial):
     * the same numbers as PyTorch for the same seed. For characters at a temperature T:
     * {@code logits.div(T).softmax(-1).multinomial(1, false, generator)}.
     */
    public Tensor multinomial(int numSamples, boolean replacement, Generator generator) {
        return Sampling.multinomial(this, numSamples, replacement, generator);
    }

    /** {@link #multinomial(int, boolean, Generator)} from the default generator, as torch.multinomial(p, n, replacement). */
    public Tensor multinomial(int numSamples, boolean replacement) {
        return Sampling.multinomial(this, numSamples, replacement, Generator.defaultGenerator());
    }

    /** Zeroes each element with probability p and scales the rest by 1/(1-p) when training; identity otherwise. */
    public Tensor dropout(float p, boolean training, Generator generator) {
        return NeuralOps.dropout(this, p, training, generator);
    }

    // ---------------------------------------------------------------- triangles (Triangles)

    /** The lower triangle of each matrix in [..., rows, cols], the rest 0 (torch.tril). */
    public Tensor tril() { return Triangles.tril(this, 0); }

    /** Keeps (i, j) where j − i ≤ diagonal, the rest 0 (torch.tril(x, diagonal)). */
    public Tensor tril(int diagonal) { return Triangles.tril(this, diagonal); }

    /** The upper triangle of each matrix in [..., rows, cols], the rest 0 (torch.triu). */
    public Tensor triu() { return Triangles.triu(this, 0); }

    /** Keeps (i, j) where j − i ≥ diagonal, the rest 0 (torch.triu(x, diagonal)); {@code ones(t, t).triu(1)} marks the future. */
    public Tensor triu(int diagonal) { return Triangles.triu(this, diagonal); }

    // ---------------------------------------------------------------- in place (for optimizers)

    /** this += other (broadcast into this shape). Modifies this tensor. */
    public Tensor add_(Tensor other) { return InPlace.addScaled(this, other, 1f, "add_"); }
    /** this += alpha·other, as torch's add_(other, alpha=…). Modifies this tensor. */
    public Tensor add_(Tensor other, float alpha) { return InPlace.addScaled(this, other, alpha, "add_"); }
    /** Adds a number to every element in place (modifies this tensor) and returns it. */
    public Tensor add_(float value) { return InPlace.addScalar(this, value, "add_"); }
    /** Subtracts a broadcastable tensor in place (modifies this tensor) and returns it. */
    public Tensor sub_(Tensor other) { return InPlace.addScaled(this, other, -1f, "sub_"); }
    /** Subtracts a number from every element in place (modifies this tensor) and returns it. */
    public Tensor sub_(float value) { return InPlace.addScalar(this, -value, "sub_"); }
    /** Elementwise product in place with a broadcastable tensor (modifies this tensor) and returns it. */
    public Tensor mul_(Tensor other) { return InPlace.mul(this, other); }
    /** Multiplies every element by a number in place (modifies this tensor) and returns it. */
    public Tensor mul_(float value) { return InPlace.mulScalar(this, value, "mul_"); }
    /** Elementwise division in place by a broadcastable tensor (modifies this tensor) and returns it. */
    public Tensor div_(Tensor other) { return InPlace.div(this, other); }
    /** Divides every element by a number in place (modifies this tensor) and returns it. */
    public Tensor div_(float value) { return InPlace.divScalar(this, value); }
    /** Sets every element to 0 in place (modifies this tensor) and returns it. */
    public Tensor zero_() { return InPlace.fill(this, 0f, "zero_"); }
    /** Sets every element to {@code value} in place (modifies this tensor) and returns it. */
    public Tensor fill_(float value) { return InPlace.fill(this, value, "fill_"); }
    /** Copies other's values (broadcast) into this tensor. */
    public Tensor copy_(Tensor other) { return InPlace.copy(this, other); }
    /** Elementwise square root in place (modifies this tensor) and returns it. */
    public Tensor sqrt_() { return InPlace.sqrt(this); }
    /** this += value·t1·t2, as torch's addcmul_. */
    public Tensor addcmul_(Tensor t1, Tensor t2, float value) { return InPlace.addcmul(this, t1, t2, value); }
    /** this += value·t1/t2, as torch's addcdiv_. */
    public Tensor addcdiv_(Tensor t1, Tensor t2, float value) { return InPlace.addcdiv(this, t1, t2, value); }
    /** this = max(this, other) elementwise. */
    public Tensor maximum_(Tensor other) { return InPlace.maximum(this, other); }

    // ---------------------------------------------------------------- printing

    /** Prints like PyTorch: {@code tensor([[0., 1.], …])}, with {@code grad_fn=<…>} or {@code requires_grad=True}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
